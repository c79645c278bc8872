using System.Globalization;
using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using NetTopologySuite.Operation.Valid;

namespace Dispatch.Model.Scenarios;

/// <summary>
/// Turns a <see cref="ScenarioDocument"/> into a validated <see cref="Scenario"/>, collecting every
/// problem (with a JSON path such as <c>zones[3].polygon</c>) before failing. Errors stop the
/// scenario from running; warnings (suspicious but runnable) do not.
/// </summary>
public sealed partial class ScenarioBuilder
{
    /// <summary>Default speeds (km/h) and detour factors when a scenario does not override them.</summary>
    public static readonly IReadOnlyDictionary<UnitMode, ModeSpec> DefaultModes = new Dictionary<UnitMode, ModeSpec>
    {
        [UnitMode.Foot] = new(5, 1.2, 1.0),
        [UnitMode.Bicycle] = new(15, 1.3, 0.9),
        [UnitMode.Car] = new(30, 1.4, 0.6),
        [UnitMode.Tactical] = new(40, 1.4, 1.0),
    };

    private static readonly string[] ModeNames = ["foot", "bicycle", "car", "tactical"];
    private const string ModeList = "foot, bicycle, car or tactical";

    private readonly List<ScenarioProblem> _problems = [];

    /// <summary>The file problems refer to while a GeoJSON zone is being built (null: the scenario file).</summary>
    private string? _file;

    /// <summary>Where each built zone came from (path and file), by zone index, for messages.</summary>
    private readonly List<(string Path, string? File, string PolygonPath)> _zoneOrigins = [];

    /// <summary>Builds the scenario, or throws <see cref="ScenarioException"/> listing every problem (warnings too) if there is an error.</summary>
    public static Scenario Build(ScenarioDocument document)
    {
        var (scenario, problems) = Check(document);
        return scenario ?? throw new ScenarioException(problems);
    }

    /// <summary>Builds and checks: the scenario (null if there is any error) and every problem found, warnings included.</summary>
    public static (Scenario? Scenario, IReadOnlyList<ScenarioProblem> Problems) Check(ScenarioDocument document)
    {
        var builder = new ScenarioBuilder();
        var scenario = builder.BuildCore(document);
        return (builder._problems.Any(p => p.IsError) ? null : scenario, builder._problems);
    }

    public static bool TryParseMode(string? text, out UnitMode mode)
    {
        mode = default;
        return text is not null && text.All(char.IsLetter) && Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode);
    }

    private Scenario? BuildCore(ScenarioDocument d)
    {
        var start = ParseStart(d.Start);
        var days = d.Days ?? 7;
        Require(days is >= 1 and <= ScenarioLimits.MaxDays, "days", $"is {days}; expected a whole number of days from 1 to {ScenarioLimits.MaxDays}");
        if (!CheckSizes(d))
        {
            return null; // absurd sizes: refuse before allocating anything in proportion to them
        }
        var modes = BuildModes(d.Modes);
        var stations = BuildStations(d.Stations, d.Units is { Count: > 0 });
        var types = BuildTypes(d.IncidentTypes);
        var zones = BuildZones(d, types);
        var units = BuildUnits(d.Units, "units", stations, modes, zones, null);
        if (d.Units is null || d.Units.Count == 0)
        {
            Error("units", "missing; at least one unit is needed, for example [{ \"id\": \"car\", \"mode\": \"car\", \"station\": \"...\" }]");
        }
        var surge = BuildSurge(d.Surge, stations, modes, zones, units);
        var patrol = BuildPatrol(d.Patrol);
        var school = BuildSchoolPosts(d.SchoolPosts);
        var mediation = d.Mediation?.ResolvedShare ?? 0.98;
        Require(mediation is >= 0 and <= 1, "mediation.resolvedShare", $"is {Num(mediation)}; expected a share between 0 and 1");

        CheckCoordinates(zones, stations, units, d);
        CheckSchoolPostDemand(school, zones, units);
        CheckCapableUnits(types, units, d.IncidentTypes);
        if (zones.Count > 0 && zones.All(z => z.RatePerHour == 0))
        {
            Warning("zones", "every zone has ratePerHour 0; the run will have no incidents");
        }
        if (days is >= 1 and <= ScenarioLimits.MaxDays)
        {
            _problems.AddRange(ScenarioLimits.CheckRunSize(zones, days, 1, "days"));
        }

        if (_problems.Any(p => p.IsError))
        {
            return null;
        }
        return new Scenario(
            d.Name ?? "unnamed", start, days, d.Seed ?? 1, stations, zones, types, units,
            new DispatchOptions(d.Dispatch?.Queue ?? true)
            {
                PreemptPostsUpToPriority = d.Dispatch?.PreemptPostsUpToPriority ?? 9,
                TacticalPreferenceMinutes = d.Dispatch?.TacticalPreferenceMinutes ?? 0,
            })
        {
            Patrol = patrol,
            Surge = surge,
            SchoolPosts = school,
            MediationResolvedShare = mediation,
        };
    }

    private void Error(string location, string message) => _problems.Add(new(ProblemSeverity.Error, location, message) { File = _file });

    private void Warning(string location, string message) => _problems.Add(new(ProblemSeverity.Warning, location, message) { File = _file });

    private void Require(bool ok, string location, string message)
    {
        if (!ok)
        {
            Error(location, message);
        }
    }

    private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Checks the sizes that would make the scenario absurdly big, before anything is built.</summary>
    private bool CheckSizes(ScenarioDocument d)
    {
        var ok = true;
        void Limit(bool within, string location, string message)
        {
            if (!within)
            {
                Error(location, message + " (see the limits in the scenario format, section 6)");
                ok = false;
            }
        }
        Limit((d.Zones?.Count ?? 0) <= ScenarioLimits.MaxZones, "zones",
            $"has {ScenarioLimits.Count(d.Zones?.Count ?? 0)} zones (inline and GeoJSON together); the limit is {ScenarioLimits.Count(ScenarioLimits.MaxZones)}");
        for (var i = 0; i < (d.Zones?.Count ?? 0) && ok; i++)
        {
            var z = d.Zones![i];
            if (z?.Polygon is { Count: > ScenarioLimits.MaxPolygonPoints } polygon)
            {
                _file = z.OriginFile;
                Limit(false, z.PolygonOrigin ?? $"zones[{i}].polygon", $"has {ScenarioLimits.Count(polygon.Count)} points; the limit is {ScenarioLimits.Count(ScenarioLimits.MaxPolygonPoints)} per polygon");
                _file = null;
            }
        }
        Limit((d.IncidentTypes?.Count ?? 0) <= ScenarioLimits.MaxIncidentTypes, "incidentTypes",
            $"has {ScenarioLimits.Count(d.IncidentTypes?.Count ?? 0)} incident types; the limit is {ScenarioLimits.Count(ScenarioLimits.MaxIncidentTypes)}");
        Limit((d.Stations?.Count ?? 0) <= ScenarioLimits.MaxStations, "stations",
            $"has {ScenarioLimits.Count(d.Stations?.Count ?? 0)} stations; the limit is {ScenarioLimits.Count(ScenarioLimits.MaxStations)}");
        // Units after count expansion; a count out of range is reported by its entry and counts 1 here.
        var total = 0L;
        foreach (var u in (d.Units ?? []).Concat(d.Surge?.Units ?? []))
        {
            total += u?.Count is >= 1 and <= ScenarioLimits.MaxUnits ? u.Count.Value : 1;
        }
        Limit(total <= ScenarioLimits.MaxUnits, "units",
            $"makes {ScenarioLimits.Count(total)} units after count expansion (regular and surge together); the limit is {ScenarioLimits.Count(ScenarioLimits.MaxUnits)}");
        return ok;
    }

    private DateTime ParseStart(string? text)
    {
        if (text is null)
        {
            Error("start", "missing; expected a local date and time such as \"2023-06-05T00:00\"");
            return default;
        }
        // A local date and time without a zone offset, so a run never depends on the machine's time zone.
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            Error("start", $"'{text}' is not a local date and time; expected for example \"2023-06-05T00:00\" (no time zone)");
        }
        else if (start > DateTime.MaxValue.AddDays(-(ScenarioLimits.MaxDays + 1)))
        {
            Error("start", $"'{text}' is too late: a run of up to {ScenarioLimits.MaxDays} days from it must end before the year 10000");
        }
        return start;
    }

    private Dictionary<UnitMode, ModeSpec> BuildModes(Dictionary<string, ModeDocument>? documents)
    {
        var modes = new Dictionary<UnitMode, ModeSpec>(DefaultModes);
        foreach (var (name, m) in documents ?? [])
        {
            if (!TryParseMode(name, out var mode))
            {
                Error($"modes.{name}", $"unknown mode '{name}'; expected {ModeList}{NameSuggestions.DidYouMean(name, ModeNames)}");
                continue;
            }
            if (m is null)
            {
                continue;
            }
            var speed = m.SpeedKmh ?? modes[mode].SpeedKmh;
            var detour = m.DetourFactor ?? modes[mode].DetourFactor;
            var visibility = m.Visibility ?? modes[mode].Visibility;
            Require(visibility is >= 0 and <= 1, $"modes.{name}.visibility", $"is {Num(visibility)}; expected a weight between 0 and 1");
            Require(speed > 0, $"modes.{name}.speedKmh", $"is {Num(speed)}; expected a speed in km/h greater than 0");
            Require(detour >= 1, $"modes.{name}.detourFactor", $"is {Num(detour)}; expected at least 1 (road distance is never shorter than the straight line)");
            modes[mode] = new ModeSpec(speed, detour, visibility);
        }
        return modes;
    }

    private List<Station> BuildStations(List<StationDocument>? documents, bool hasUnits)
    {
        var stations = new List<Station>();
        var ids = new Dictionary<string, string>();
        if ((documents is null || documents.Count == 0) && hasUnits)
        {
            Error("stations", "missing; every unit belongs to a station: add at least one { \"id\": \"...\", \"location\": [x, y] }");
        }
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var s = documents![i];
            var path = $"stations[{i}]";
            if (s is null)
            {
                Error(path, "expected a station object { \"id\": ..., \"location\": [x, y] }");
                continue;
            }
            var id = RequireId(s.Id, path, ids);
            var location = ParsePoint(s.Location, $"{path}.location") ?? default;
            stations.Add(new Station(stations.Count, id, s.Name ?? id, location));
        }
        return stations;
    }

    private List<IncidentType> BuildTypes(List<IncidentTypeDocument>? documents)
    {
        var types = new List<IncidentType>();
        var ids = new Dictionary<string, string>();
        if (documents is null || documents.Count == 0)
        {
            Error("incidentTypes", "missing; at least one incident type is needed");
            return types;
        }
        for (var i = 0; i < documents.Count; i++)
        {
            var t = documents[i];
            var path = $"incidentTypes[{i}]";
            if (t is null)
            {
                Error(path, "expected an incident type object");
                continue;
            }
            var id = RequireId(t.Id, path, ids);
            var priority = t.Priority ?? 0;
            Require(t.Priority is >= 1 and <= 9, $"{path}.priority",
                t.Priority is null ? "missing; expected a whole number from 1 (most urgent) to 9" : $"is {priority}; expected a whole number from 1 (most urgent) to 9");
            var target = t.TargetResponseMinutes ?? 0;
            Require(target > 0, $"{path}.targetResponseMinutes",
                t.TargetResponseMinutes is null ? "missing; expected the target response time in minutes (greater than 0)" : $"is {Num(target)}; expected a number of minutes greater than 0");
            var onScene = BuildDuration(t.OnScene, $"{path}.onScene");
            var capable = new HashSet<UnitMode>();
            foreach (var (name, k) in (t.Modes ?? []).Select((n, k) => (n, k)))
            {
                if (TryParseMode(name, out var mode))
                {
                    capable.Add(mode);
                }
                else
                {
                    Error($"{path}.modes[{k}]", $"unknown mode '{name}'; expected {ModeList}{NameSuggestions.DidYouMean(name, ModeNames)}");
                }
            }
            if (capable.Count == 0)
            {
                capable.UnionWith(Enum.GetValues<UnitMode>());
            }
            var onView = t.OnViewProbability ?? 0;
            Require(onView is >= 0 and <= 1, $"{path}.onViewProbability", $"is {Num(onView)}; expected a probability between 0 and 1");
            var transfer = t.TransferShare ?? 0;
            Require(transfer is >= 0 and <= 1, $"{path}.transferShare", $"is {Num(transfer)}; expected a share between 0 and 1");
            var escalation = t.EscalationMinutes ?? double.PositiveInfinity;
            Require(escalation > 0, $"{path}.escalationMinutes", $"is {Num(escalation)}; expected a number of minutes greater than 0");
            var escalatedPriority = t.EscalatedPriority ?? Math.Max(1, priority - 1);
            Require(escalatedPriority >= 1 && escalatedPriority <= Math.Max(priority, 1), $"{path}.escalatedPriority",
                $"is {escalatedPriority}; expected a priority from 1 to the type's own priority ({priority})");
            var factor = t.EscalatedOnSceneFactor ?? 1.5;
            Require(factor >= 1, $"{path}.escalatedOnSceneFactor", $"is {Num(factor)}; expected at least 1");
            types.Add(new IncidentType(types.Count, id, t.Name ?? id, priority, target, onScene, capable)
            {
                OnViewProbability = onView,
                TransferShare = transfer,
                EscalationMinutes = escalation,
                EscalatedPriority = escalatedPriority,
                EscalatedOnSceneFactor = factor,
            });
        }
        return types;
    }

    private IDistribution BuildDuration(DurationDocument? d, string path)
    {
        if (d is null)
        {
            Error(path, "missing; expected for example { \"distribution\": \"exponential\", \"mean\": 30 }");
            return new FixedDistribution(1);
        }
        void Positive(double? value, string name)
        {
            Require(value > 0, $"{path}.{name}", value is null ? $"missing; expected a number of minutes greater than 0" : $"is {Num(value.Value)}; expected a number of minutes greater than 0");
        }
        switch (d.Distribution?.ToLowerInvariant())
        {
            case "exponential":
                Positive(d.Mean, "mean");
                return new ExponentialDistribution(d.Mean > 0 ? d.Mean.Value : 1);
            case "lognormal":
                Positive(d.Mean, "mean");
                Positive(d.Sd, "sd");
                return d.Mean > 0 && d.Sd > 0 ? new LogNormalDistribution(d.Mean.Value, d.Sd.Value) : new FixedDistribution(1);
            case "fixed":
                Positive(d.Value, "value");
                return new FixedDistribution(d.Value > 0 ? d.Value.Value : 1);
            case "uniform":
                Require(d.Min >= 0, $"{path}.min", d.Min is null ? "missing; expected a number of minutes, 0 or more" : $"is {Num(d.Min.Value)}; expected 0 or more");
                Require(d.Max > d.Min || d.Min is null, $"{path}.max", d.Max is null ? "missing; expected a number of minutes greater than min" : $"is {Num(d.Max.Value)}; expected more than min ({Num(d.Min ?? 0)})");
                return d.Min >= 0 && d.Max > d.Min ? new UniformDistribution(d.Min.Value, d.Max.Value) : new FixedDistribution(1);
            case null:
                Error($"{path}.distribution", "missing; expected exponential, lognormal, fixed or uniform");
                return new FixedDistribution(1);
            default:
                Error($"{path}.distribution", $"'{d.Distribution}' is not supported; expected exponential, lognormal, fixed or uniform" +
                    NameSuggestions.DidYouMean(d.Distribution.ToLowerInvariant(), ["exponential", "lognormal", "fixed", "uniform"]));
                return new FixedDistribution(1);
        }
    }

    private List<Zone> BuildZones(ScenarioDocument d, List<IncidentType> types)
    {
        var zones = new List<Zone>();
        var ids = new Dictionary<string, string>();
        if (d.Zones is null || d.Zones.Count == 0)
        {
            Error("zones", "missing; at least one zone is needed (inline or through zonesGeoJson)");
            return zones;
        }
        var typeIndex = new Dictionary<string, int>();
        foreach (var t in types)
        {
            typeIndex.TryAdd(t.Id, t.Index);
        }
        for (var i = 0; i < d.Zones.Count; i++)
        {
            var z = d.Zones[i];
            if (z is null)
            {
                Error($"zones[{i}]", "expected a zone object");
                continue;
            }
            _file = z.OriginFile;
            var path = z.Origin ?? $"zones[{i}]";
            var where = _file is null ? "" : $"{_file}: ";
            var id = RequireId(z.Id, path, ids, where);
            var rate = z.RatePerHour ?? -1;
            Require(rate is >= 0 and <= ScenarioLimits.MaxRatePerHour, $"{path}.ratePerHour",
                z.RatePerHour is null ? "missing; expected the base incident rate in incidents per hour (0 or more)"
                : rate < 0 ? $"is {Num(rate)}; expected incidents per hour, 0 or more"
                : $"is {Num(rate)} incidents per hour; the limit is {Num(ScenarioLimits.MaxRatePerHour)} per zone (see the limits in the scenario format, section 6)");
            var hour = Profile(z.HourProfile, d, z.Profile, p => p.Hour, 24, $"{path}.hourProfile", $"{path}.profile");
            var day = Profile(z.DayProfile, d, z.Profile, p => p.Day, 7, $"{path}.dayProfile", $"{path}.profile");
            var shape = BuildShape(z.Polygon, z.PolygonOrigin ?? $"{path}.polygon");
            var (mixTypes, mixCumulative) = BuildMix(z.TypeMix, typeIndex, types.Count, $"{path}.typeMix");
            Require(z.PostOfficers is null or (>= 0 and <= 20), $"{path}.postOfficers", $"is {z.PostOfficers}; expected a whole number from 0 to 20");
            CheckKind(z.Kind, $"{path}.kind");
            if (shape is not null)
            {
                zones.Add(new Zone(zones.Count, id, z.Name ?? id, z.Kind ?? ZoneKinds.District, shape, Math.Clamp(rate, 0, ScenarioLimits.MaxRatePerHour), hour, day, mixTypes, mixCumulative)
                {
                    PostOfficers = z.PostOfficers,
                });
                _zoneOrigins.Add((path, _file, z.PolygonOrigin ?? $"{path}.polygon"));
            }
            _file = null;
        }
        return zones;
    }

    /// <summary>A kind that differs from a known kind only by case or a letter or two is probably a typo.</summary>
    private void CheckKind(string? kind, string path)
    {
        if (kind is null || ZoneKinds.All.Contains(kind))
        {
            return;
        }
        if (NameSuggestions.Nearest(kind, ZoneKinds.All) is { } known)
        {
            var effect = kind.Equals(ZoneKinds.District, StringComparison.OrdinalIgnoreCase) || known == ZoneKinds.District
                ? "as written it is not the background kind, so this zone is a hotspot"
                : "as written it is a hotspot kind with no special treatment";
            Warning(path, $"'{kind}' is not a known kind{NameSuggestions.DidYouMean(kind, ZoneKinds.All)} ({effect})");
        }
    }

    private double[] Profile(double[]? inline, ScenarioDocument d, string? named, Func<ProfileDocument, double[]?> pick, int length, string path, string profilePath)
    {
        var values = inline;
        if (values is null && named is not null)
        {
            if (d.Profiles?.TryGetValue(named, out var profile) == true)
            {
                values = profile is null ? null : pick(profile);
            }
            else if (path.EndsWith(".hourProfile", StringComparison.Ordinal))
            {
                // Reported once per zone (the day profile comes from the same name).
                Error(profilePath, $"unknown profile '{named}'{(d.Profiles is { Count: > 0 } ? NameSuggestions.DidYouMean(named, d.Profiles.Keys) : "; the scenario defines no profiles")}");
            }
        }
        if (values is null)
        {
            return Enumerable.Repeat(1.0, length).ToArray();
        }
        var source = inline is null ? $" (from profile '{named}')" : "";
        if (values.Length != length)
        {
            Error(path, $"has {values.Length} values{source}; expected {length} ({(length == 24 ? "one per hour, 00:00-01:00 first" : "one per day, Monday first")})");
            return Enumerable.Repeat(1.0, length).ToArray();
        }
        for (var k = 0; k < values.Length; k++)
        {
            Require(values[k] is >= 0 and <= ScenarioLimits.MaxMultiplier, $"{path}[{k}]",
                values[k] < 0 ? $"is {Num(values[k])}{source}; multipliers must be 0 or more" : $"is {Num(values[k])}{source}; the largest multiplier allowed is {Num(ScenarioLimits.MaxMultiplier)}");
        }
        return values.Select(v => Math.Clamp(v, 0, ScenarioLimits.MaxMultiplier)).ToArray();
    }

    private ZoneShape? BuildShape(List<double[]>? polygon, string path)
    {
        if (polygon is null)
        {
            Error(path, "missing; expected at least 3 points [x, y] in metres");
            return null;
        }
        if (polygon.Count < 3)
        {
            Error(path, $"has {polygon.Count} point(s); a polygon needs at least 3 points [x, y] in metres");
            return null;
        }
        var points = new List<Point2>();
        var ok = true;
        for (var k = 0; k < polygon.Count; k++)
        {
            var point = ParsePoint(polygon[k], $"{path}[{k}]");
            ok &= point is not null;
            points.Add(point ?? default);
        }
        if (!ok)
        {
            return null;
        }
        if (points.Distinct().Count() < 3)
        {
            Error(path, $"has only {points.Distinct().Count()} different point(s); a polygon needs at least 3");
            return null;
        }
        ZoneShape shape;
        try
        {
            shape = new ZoneShape(points);
        }
        catch (ArgumentException e)
        {
            Error(path, $"is not a valid polygon ({e.Message})");
            return null;
        }
        if (Collinear(points))
        {
            Error(path, "has zero area (all its points lie on one line); expected the outline of an area");
            return null;
        }
        var validity = new IsValidOp(shape.Polygon).ValidationError;
        if (validity is not null)
        {
            var (where, message) = DescribeCrossing(points, validity.Coordinate, path);
            Error(where, message);
            return null;
        }
        if (!(shape.Area > 0))
        {
            Error(path, "has zero area; expected the outline of an area");
            return null;
        }
        return shape;
    }

    private static bool Collinear(List<Point2> points)
    {
        var a = points[0];
        var b = points.FirstOrDefault(p => p != a);
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        return points.All(p =>
        {
            var (ex, ey) = (p.X - a.X, p.Y - a.Y);
            var other = Math.Sqrt(ex * ex + ey * ey);
            return other == 0 || Math.Abs(dx * ey - dy * ex) <= 1e-12 * length * other;
        });
    }

    /// <summary>Names the edges of an invalid ring that meet at <paramref name="at"/>.</summary>
    private static (string Location, string Message) DescribeCrossing(List<Point2> points, NetTopologySuite.Geometries.Coordinate? at, string path)
    {
        var n = points.Count;
        if (n > 3 && points[0] == points[^1])
        {
            n--; // the closing point repeats the first
        }
        var where = at is null ? "" : $" at ({Num(at.X)}, {Num(at.Y)})";
        if (at is null)
        {
            return (path, "is not a simple polygon (its edges cross); expected an outline whose edges do not cross");
        }
        var scale = points.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y)));
        var tolerance = Math.Max(1e-9, scale * 1e-9);
        var near = new List<int>();
        for (var k = 0; k < n; k++)
        {
            if (DistanceToSegment(at, points[k], points[(k + 1) % n]) <= tolerance)
            {
                near.Add(k);
            }
        }
        // Two edges that are not neighbours along the ring (neighbours always share a point).
        foreach (var a in near)
        {
            foreach (var b in near)
            {
                if (b > a && b != a + 1 && !(a == 0 && b == n - 1))
                {
                    return ($"{path}[{a}]",
                        $"is not a simple polygon: the edge from point {a} to point {(a + 1) % n} and the edge from point {b} to point {(b + 1) % n} cross{where}; " +
                        "expected an outline whose edges do not cross (points in order around the area)");
                }
            }
        }
        var first = near.Count > 0 ? near[0] : 0;
        return ($"{path}[{first}]", $"is not a simple polygon: its outline touches or crosses itself{where}, near point {first}; expected an outline whose edges do not cross");
    }

    private static double DistanceToSegment(NetTopologySuite.Geometries.Coordinate c, Point2 a, Point2 b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = dx * dx + dy * dy;
        var t = length == 0 ? 0 : Math.Clamp(((c.X - a.X) * dx + (c.Y - a.Y) * dy) / length, 0, 1);
        var (px, py) = (a.X + t * dx - c.X, a.Y + t * dy - c.Y);
        return Math.Sqrt(px * px + py * py);
    }

    private (int[] Types, double[] Cumulative) BuildMix(Dictionary<string, double>? mix, Dictionary<string, int> typeIndex, int typeCount, string path)
    {
        if (mix is null || mix.Count == 0)
        {
            // No mix given: all types equally likely.
            var all = Enumerable.Range(0, typeCount).ToArray();
            return (all, all.Select(k => (k + 1.0) / typeCount).ToArray());
        }
        var ids = new List<int>();
        var cumulative = new List<double>();
        var sum = 0.0;
        var ok = true;
        foreach (var (name, share) in mix)
        {
            if (!typeIndex.TryGetValue(name, out var index))
            {
                Error($"{path}.{name}", $"unknown incident type '{name}'{(typeCount > 0 ? NameSuggestions.DidYouMean(name, typeIndex.Keys) : "")}");
                ok = false;
                continue;
            }
            if (share is < 0 or > 1)
            {
                Error($"{path}.{name}", $"is {Num(share)}; expected a share between 0 and 1");
                ok = false;
            }
            sum += share;
            ids.Add(index);
            cumulative.Add(sum);
        }
        if (ok && Math.Abs(sum - 1) >= 1e-6)
        {
            Error(path, $"shares sum to {Num(sum)}; expected 1 (within 0.000001)");
        }
        if (cumulative.Count > 0)
        {
            cumulative[^1] = 1.0;
        }
        return (ids.ToArray(), cumulative.ToArray());
    }

    private List<UnitSpec> BuildUnits(
        List<UnitDocument>? documents, string prefix, List<Station> stations, Dictionary<UnitMode, ModeSpec> modes,
        List<Zone> zones, (Shift Shift, IReadOnlyList<int> Beat)? surge, List<UnitSpec>? into = null)
    {
        var units = into ?? [];
        var ids = units.ToDictionary(u => u.Id, u => "units");
        var stationIndex = new Dictionary<string, int>();
        foreach (var s in stations)
        {
            stationIndex.TryAdd(s.Id, s.Index);
        }
        var zoneIndex = new Dictionary<string, int>();
        foreach (var z in zones)
        {
            zoneIndex.TryAdd(z.Id, z.Index);
        }
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var u = documents![i];
            var path = $"{prefix}[{i}]";
            if (u is null)
            {
                Error(path, "expected a unit object");
                continue;
            }
            var count = u.Count ?? 1;
            if (count is < 1 or > ScenarioLimits.MaxUnits)
            {
                Error($"{path}.count", $"is {count}; expected a whole number of units from 1 to {ScenarioLimits.MaxUnits}");
                count = 1;
            }
            if (!TryParseMode(u.Mode, out var mode))
            {
                Error($"{path}.mode", u.Mode is null ? $"missing; expected {ModeList}" : $"'{u.Mode}' is not a mode; expected {ModeList}{NameSuggestions.DidYouMean(u.Mode, ModeNames)}");
            }
            var station = -1;
            if (u.Station is null || !stationIndex.TryGetValue(u.Station, out station))
            {
                station = -1;
                Error($"{path}.station", u.Station is null ? "missing; every unit belongs to a station"
                    : stations.Count == 0 ? $"unknown station '{u.Station}'; the scenario defines no stations"
                    : $"unknown station '{u.Station}'{NameSuggestions.DidYouMean(u.Station, stationIndex.Keys)}");
            }
            var hasPost = u.Post is not null;
            var home = hasPost ? ParsePoint(u.Post, $"{path}.post") ?? default : station >= 0 ? stations[station].Location : default;
            var duty = surge is not null ? Duty.Patrol : ParseDuty(u.Duty, hasPost, $"{path}.duty");
            var beat = surge is { } layered && u.Beat is not { Count: > 0 } && u.BeatKinds is not { Count: > 0 }
                ? SurgeBeat(layered.Beat, station, stations, zones)
                : BuildBeat(u, zones, zoneIndex, path);
            if (duty == Duty.Patrol && beat.Count == 0)
            {
                beat = DefaultBeat(station, stations, zones);
            }
            var shifts = surge is { } s ? [s.Shift] : BuildShifts(u.Shift, $"{path}.shift");
            if (string.IsNullOrWhiteSpace(u.Id))
            {
                Error($"{path}.id", "missing; expected a unit id (or id prefix when count is more than 1)");
                continue;
            }
            for (var k = 0; k < count; k++)
            {
                var id = count == 1 ? u.Id : $"{u.Id}-{k + 1}";
                if (!ids.TryAdd(id, path))
                {
                    Error($"{path}.id", $"duplicate unit id '{id}' (also made by {ids[id]}); unit ids must be unique after count expansion");
                    break;
                }
                units.Add(new UnitSpec(units.Count, id, mode, modes[mode], Math.Max(station, 0), home, hasPost, shifts[k % shifts.Count])
                {
                    Duty = duty,
                    Beat = beat,
                    IsSurge = surge is not null,
                });
            }
        }
        return units;
    }

    private Duty ParseDuty(string? text, bool hasPost, string path)
    {
        switch (text?.ToLowerInvariant())
        {
            case null:
                return hasPost ? Duty.Post : Duty.Station;
            case "station":
                return Duty.Station;
            case "post":
                Require(hasPost, path, "a unit on post duty needs a 'post' point [x, y]");
                return Duty.Post;
            case "patrol":
                return Duty.Patrol;
            default:
                Error(path, $"'{text}' is not a duty; expected station, post or patrol{NameSuggestions.DidYouMean(text.ToLowerInvariant(), ["station", "post", "patrol"])}");
                return Duty.Station;
        }
    }

    private List<int> BuildBeat(UnitDocument u, List<Zone> zones, Dictionary<string, int> zoneIndex, string path)
    {
        var beat = new List<int>();
        foreach (var (id, k) in (u.Beat ?? []).Select((id, k) => (id, k)))
        {
            if (id is not null && zoneIndex.TryGetValue(id, out var z))
            {
                beat.Add(z);
            }
            else
            {
                Error($"{path}.beat[{k}]", $"unknown zone '{id}'{NameSuggestions.DidYouMean(id, zoneIndex.Keys)}");
            }
        }
        if (u.BeatKinds is { Count: > 0 } kinds)
        {
            var before = beat.Count;
            beat.AddRange(zones.Where(z => z.IsHotspot && kinds.Contains(z.Kind)).Select(z => z.Index));
            Require(beat.Count > before || zones.Count == 0, $"{path}.beatKinds", $"no hotspot zone has any of the kinds {string.Join(", ", kinds)}{KindHint(kinds, zones)}");
        }
        return beat.Distinct().Order().ToList();
    }

    private static string KindHint(IEnumerable<string> kinds, List<Zone> zones)
    {
        var present = zones.Where(z => z.IsHotspot).Select(z => z.Kind).Distinct().ToList();
        var hints = kinds.Select(k => NameSuggestions.Nearest(k, present)).OfType<string>().Distinct().ToList();
        return hints.Count > 0 ? $"; did you mean {string.Join(" or ", hints.Select(h => $"'{h}'"))}?"
            : present.Count > 0 ? $"; the hotspot kinds in this scenario are {string.Join(", ", present.Order())}" : "; the scenario has no hotspot zones";
    }

    /// <summary>A surge unit's beat: the surge zones nearest its own station (all of them if none is).</summary>
    private static List<int> SurgeBeat(IReadOnlyList<int> surgeZones, int station, List<Station> stations, List<Zone> zones)
    {
        var own = surgeZones.Where(z => station >= 0 && NearestStation(zones[z], stations) == station).ToList();
        return own.Count > 0 ? own : surgeZones.ToList();
    }

    /// <summary>Default beat: the hotspots whose nearest station is the unit's own.</summary>
    private static List<int> DefaultBeat(int station, List<Station> stations, List<Zone> zones)
    {
        if (station < 0)
        {
            return [];
        }
        return zones.Where(z => z.IsHotspot && NearestStation(z, stations) == station).Select(z => z.Index).ToList();
    }

    private static int NearestStation(Zone z, List<Station> stations) =>
        stations.OrderBy(s => s.Location.DistanceTo(z.Shape.Centroid)).ThenBy(s => s.Index).First().Index;

    private SurgeOptions? BuildSurge(SurgeDocument? d, List<Station> stations, Dictionary<UnitMode, ModeSpec> modes, List<Zone> zones, List<UnitSpec> units)
    {
        if (d is null)
        {
            return null;
        }
        var from = ParseTimeOfDay(d.From ?? "22:00", "surge.from");
        var to = ParseTimeOfDay(d.To ?? "04:00", "surge.to");
        var kindList = d.ZoneKinds ?? [ZoneKinds.Nightlife, ZoneKinds.NightFood];
        var kinds = kindList.Where(k => k is not null).ToHashSet();
        var beat = zones.Where(z => z.IsHotspot && kinds.Contains(z.Kind)).Select(z => z.Index).ToList();
        Require(beat.Count > 0 || zones.Count == 0, "surge.zoneKinds",
            $"no hotspot zone has any of the kinds {string.Join(", ", kinds)}{(d.ZoneKinds is null ? " (the default)" : "")}{KindHint(kinds, zones)}");
        Require(d.Units is { Count: > 0 }, "surge.units", "missing; list the extra units, e.g. [{ \"id\": \"surge-foot\", \"mode\": \"foot\", \"count\": 12, \"station\": \"...\" }]");
        var duration = ((to - from) % 1440 + 1440) % 1440;
        Require(duration > 0, "surge.to", "must differ from surge.from");
        BuildUnits(d.Units, "surge.units", stations, modes, zones, (new Shift(from, duration > 0 ? duration : 1440), beat), units);
        return new SurgeOptions(from, to, kinds);
    }

    private PatrolOptions BuildPatrol(PatrolDocument? d)
    {
        var o = new PatrolOptions();
        if (d is null)
        {
            return o;
        }
        var policy = d.Policy ?? "risk-guided";
        Require(policy is "static" or "uniform" or "risk-guided", "patrol.policy",
            $"'{policy}' is not a policy; expected static, uniform or risk-guided (lower case){NameSuggestions.DidYouMean(policy, ["static", "uniform", "risk-guided"])}");
        o = o with
        {
            Policy = policy,
            DwellMinMinutes = d.DwellMinMinutes ?? o.DwellMinMinutes,
            DwellMaxMinutes = d.DwellMaxMinutes ?? o.DwellMaxMinutes,
            ReplanMinutes = d.ReplanMinutes ?? o.ReplanMinutes,
            Diminishing = d.Diminishing ?? o.Diminishing,
            DeterrenceFactor = d.DeterrenceFactor ?? o.DeterrenceFactor,
            ResidualMinutes = d.ResidualMinutes ?? o.ResidualMinutes,
            NearRepeatRadiusMetres = d.NearRepeatRadiusMetres ?? o.NearRepeatRadiusMetres,
            NearRepeatWeight = d.NearRepeatWeight ?? o.NearRepeatWeight,
            NearRepeatDecayMinutes = d.NearRepeatDecayMinutes ?? o.NearRepeatDecayMinutes,
            AlertThreshold = d.AlertThreshold ?? o.AlertThreshold,
            CheckMinutes = d.CheckMinutes ?? o.CheckMinutes,
            AlertCooldownMinutes = d.AlertCooldownMinutes ?? o.AlertCooldownMinutes,
            TopRiskShare = d.TopRiskShare ?? o.TopRiskShare,
        };
        void Check(bool ok, string name, double value, string expected) => Require(ok, $"patrol.{name}", $"is {Num(value)}; expected {expected}");
        Check(o.DwellMinMinutes > 0, "dwellMinMinutes", o.DwellMinMinutes, "a number of minutes greater than 0");
        Check(o.DwellMaxMinutes >= o.DwellMinMinutes, "dwellMaxMinutes", o.DwellMaxMinutes, $"at least dwellMinMinutes ({Num(o.DwellMinMinutes)})");
        Check(o.ReplanMinutes >= 1, "replanMinutes", o.ReplanMinutes, "at least 1 minute");
        Check(o.Diminishing is > 0 and <= 1, "diminishing", o.Diminishing, "a factor greater than 0 and at most 1");
        Check(o.DeterrenceFactor is >= 0 and <= 1, "deterrenceFactor", o.DeterrenceFactor, "a share between 0 and 1");
        Check(o.ResidualMinutes >= 0, "residualMinutes", o.ResidualMinutes, "0 or more minutes");
        Check(o.NearRepeatRadiusMetres >= 0, "nearRepeatRadiusMetres", o.NearRepeatRadiusMetres, "0 or more metres");
        Check(o.NearRepeatWeight >= 0, "nearRepeatWeight", o.NearRepeatWeight, "0 or more");
        Check(o.NearRepeatDecayMinutes > 0, "nearRepeatDecayMinutes", o.NearRepeatDecayMinutes, "a number of minutes greater than 0");
        Check(o.AlertThreshold > 0, "alertThreshold", o.AlertThreshold, "a number of incidents per hour greater than 0");
        Check(o.CheckMinutes > 0, "checkMinutes", o.CheckMinutes, "a number of minutes greater than 0");
        Check(o.AlertCooldownMinutes >= 0, "alertCooldownMinutes", o.AlertCooldownMinutes, "0 or more minutes");
        Check(o.TopRiskShare is > 0 and < 1, "topRiskShare", o.TopRiskShare, "a share greater than 0 and less than 1");
        return o;
    }

    private SchoolPostOptions? BuildSchoolPosts(SchoolPostsDocument? d)
    {
        if (d is null)
        {
            return null;
        }
        var windows = new List<TimeWindow>();
        var documents = d.Windows ?? [new WindowDocument { Start = "07:15", End = "08:15" }, new WindowDocument { Start = "16:30", End = "17:45" }];
        for (var k = 0; k < documents.Count; k++)
        {
            if (documents[k] is null)
            {
                Error($"schoolPosts.windows[{k}]", "expected a window { \"start\": \"HH:mm\", \"end\": \"HH:mm\" }");
                continue;
            }
            var start = ParseTimeOfDay(documents[k].Start, $"schoolPosts.windows[{k}].start");
            var end = ParseTimeOfDay(documents[k].End, $"schoolPosts.windows[{k}].end");
            Require(end > start, $"schoolPosts.windows[{k}].end", "must be later than start on the same day");
            windows.Add(new TimeWindow(start, end));
        }
        var officers = d.OfficersPerPost ?? 1;
        Require(officers is >= 1 and <= 20, "schoolPosts.officersPerPost", $"is {officers}; expected a whole number from 1 to 20");
        var days = d.Days ?? [0, 1, 2, 3, 4];
        for (var k = 0; k < days.Count; k++)
        {
            Require(days[k] is >= 0 and <= 6, $"schoolPosts.days[{k}]", $"is {days[k]}; days are 0 (Monday) to 6 (Sunday)");
        }
        var pool = new HashSet<UnitMode>();
        foreach (var (name, k) in (d.PoolModes ?? ["foot", "bicycle", "car"]).Select((n, k) => (n, k)))
        {
            if (TryParseMode(name, out var mode))
            {
                pool.Add(mode);
            }
            else
            {
                Error($"schoolPosts.poolModes[{k}]", $"unknown mode '{name}'; expected {ModeList}{NameSuggestions.DidYouMean(name, ModeNames)}");
            }
        }
        return new SchoolPostOptions(d.ZoneKind ?? ZoneKinds.SchoolGate, windows, officers, days.ToHashSet(), pool);
    }

    private double ParseTimeOfDay(string? text, string path)
    {
        if (TryParseTime(text, out var minutes))
        {
            return minutes;
        }
        Error(path, text is null ? "missing; expected a time of day HH:mm such as \"22:00\"" : $"'{text}' is not a time of day; expected HH:mm with a two-digit hour, 00:00 to 23:59, such as \"22:00\"");
        return 0;
    }

    private static bool TryParseTime(string? text, out double minutes)
    {
        minutes = 0;
        if (text is not null && TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var time) && time.TotalHours < 24)
        {
            minutes = time.TotalMinutes;
            return true;
        }
        return false;
    }

    private List<Shift> BuildShifts(ShiftDocument? shift, string path)
    {
        if (shift is null)
        {
            return [new Shift(0, 1440)];
        }
        var hours = shift.Hours ?? 0;
        Require(hours is > 0 and <= 24, $"{path}.hours",
            shift.Hours is null ? "missing; expected the shift length in hours, more than 0 and at most 24" : $"is {Num(hours)}; expected a shift length in hours, more than 0 and at most 24");
        var starts = shift.Starts ?? (shift.Start is null ? [] : [shift.Start]);
        if (starts.Count == 0)
        {
            Error(shift.Starts is null ? $"{path}.start" : $"{path}.starts", "missing; expected a time of day such as \"07:00\"");
            return [new Shift(0, 1440)];
        }
        var result = new List<Shift>();
        for (var k = 0; k < starts.Count; k++)
        {
            if (TryParseTime(starts[k], out var minutes))
            {
                result.Add(new Shift(minutes, (hours is > 0 and <= 24 ? hours : 24) * 60));
            }
            else
            {
                Error(shift.Starts is null ? $"{path}.start" : $"{path}.starts[{k}]",
                    $"'{starts[k]}' is not a time of day; expected HH:mm with a two-digit hour, 00:00 to 23:59, such as \"07:00\"");
            }
        }
        return result.Count > 0 ? result : [new Shift(0, 1440)];
    }

    private string RequireId(string? id, string path, Dictionary<string, string> seen, string fileOfPath = "")
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            Error($"{path}.id", "missing; expected a non-empty id");
            return $"#{seen.Count}";
        }
        if (!seen.TryAdd(id, fileOfPath + path))
        {
            Error($"{path}.id", $"duplicate id '{id}' (first used by {seen[id]}); ids must be unique");
        }
        return id;
    }

    private Point2? ParsePoint(double[]? xy, string path)
    {
        if (xy is null || xy.Length != 2 || !double.IsFinite(xy[0]) || !double.IsFinite(xy[1]))
        {
            Error(path, $"{(xy is null ? "missing" : $"has {xy.Length} number(s)")}; expected a point [x, y]: two numbers, metres east and north");
            return null;
        }
        if (Math.Abs(xy[0]) > ScenarioLimits.MaxCoordinate || Math.Abs(xy[1]) > ScenarioLimits.MaxCoordinate)
        {
            Error(path, $"[{Num(xy[0])}, {Num(xy[1])}] is more than {ScenarioLimits.Count(ScenarioLimits.MaxCoordinate / 1000)} km from the origin; " +
                "coordinates are metres on a local plane (see the limits in the scenario format, section 6)");
            return null;
        }
        return new Point2(xy[0], xy[1]);
    }
}
