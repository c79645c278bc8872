using System.Globalization;
using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;

namespace Dispatch.Model.Scenarios;

/// <summary>
/// Turns a <see cref="ScenarioDocument"/> into a validated <see cref="Scenario"/>, collecting every
/// problem (with a JSON path such as <c>zones[3].polygon</c>) before failing.
/// </summary>
public sealed class ScenarioBuilder
{
    /// <summary>Default speeds (km/h) and detour factors when a scenario does not override them.</summary>
    public static readonly IReadOnlyDictionary<UnitMode, ModeSpec> DefaultModes = new Dictionary<UnitMode, ModeSpec>
    {
        [UnitMode.Foot] = new(5, 1.2, 1.0),
        [UnitMode.Bicycle] = new(15, 1.3, 0.9),
        [UnitMode.Car] = new(30, 1.4, 0.6),
        [UnitMode.Tactical] = new(40, 1.4, 1.0),
    };

    private readonly List<ScenarioProblem> _problems = [];

    public static Scenario Build(ScenarioDocument document) => new ScenarioBuilder().BuildCore(document);

    public static bool TryParseMode(string? text, out UnitMode mode)
    {
        mode = default;
        return text is not null && text.All(char.IsLetter) && Enum.TryParse(text, ignoreCase: true, out mode) && Enum.IsDefined(mode);
    }

    private Scenario BuildCore(ScenarioDocument d)
    {
        var start = ParseStart(d.Start);
        var days = d.Days ?? 7;
        Require(days > 0, "days", "must be a positive number of days");
        var modes = BuildModes(d.Modes);
        var stations = BuildStations(d.Stations);
        var types = BuildTypes(d.IncidentTypes);
        var zones = BuildZones(d, types);
        var units = BuildUnits(d.Units, "units", stations, modes, zones, null);
        if (units.Count == 0 && (d.Units is null || d.Units.Count == 0))
        {
            Error("units", "missing; at least one unit is needed");
        }
        var surge = BuildSurge(d.Surge, stations, modes, zones, units);
        var patrol = BuildPatrol(d.Patrol);
        var school = BuildSchoolPosts(d.SchoolPosts);
        var mediation = d.Mediation?.ResolvedShare ?? 0.98;
        Require(mediation is >= 0 and <= 1, "mediation.resolvedShare", "must be a share between 0 and 1");
        var errors = _problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ScenarioException(_problems);
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

    private void Error(string location, string message) => _problems.Add(new(ProblemSeverity.Error, location, message));

    private void Require(bool ok, string location, string message)
    {
        if (!ok)
        {
            Error(location, message);
        }
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
        return start;
    }

    private Dictionary<UnitMode, ModeSpec> BuildModes(Dictionary<string, ModeDocument>? documents)
    {
        var modes = new Dictionary<UnitMode, ModeSpec>(DefaultModes);
        foreach (var (name, m) in documents ?? [])
        {
            if (!TryParseMode(name, out var mode))
            {
                Error($"modes.{name}", "unknown mode; expected foot, bicycle, car or tactical");
                continue;
            }
            var speed = m.SpeedKmh ?? modes[mode].SpeedKmh;
            var detour = m.DetourFactor ?? modes[mode].DetourFactor;
            var visibility = m.Visibility ?? modes[mode].Visibility;
            Require(visibility is >= 0 and <= 1, $"modes.{name}.visibility", "must be between 0 and 1");
            Require(speed > 0, $"modes.{name}.speedKmh", "must be greater than 0");
            Require(detour >= 1, $"modes.{name}.detourFactor", "must be at least 1 (road distance is never shorter than straight line)");
            modes[mode] = new ModeSpec(speed, detour, visibility);
        }
        return modes;
    }

    private List<Station> BuildStations(List<StationDocument>? documents)
    {
        var stations = new List<Station>();
        var ids = new HashSet<string>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var s = documents![i];
            var path = $"stations[{i}]";
            var id = RequireId(s.Id, path, ids);
            var location = ParsePoint(s.Location, $"{path}.location");
            stations.Add(new Station(stations.Count, id, s.Name ?? id, location));
        }
        return stations;
    }

    private List<IncidentType> BuildTypes(List<IncidentTypeDocument>? documents)
    {
        var types = new List<IncidentType>();
        var ids = new HashSet<string>();
        if (documents is null || documents.Count == 0)
        {
            Error("incidentTypes", "missing; at least one incident type is needed");
            return types;
        }
        for (var i = 0; i < documents.Count; i++)
        {
            var t = documents[i];
            var path = $"incidentTypes[{i}]";
            var id = RequireId(t.Id, path, ids);
            var priority = t.Priority ?? 0;
            Require(t.Priority is >= 1 and <= 9, $"{path}.priority", "must be an integer from 1 (most urgent) to 9");
            var target = t.TargetResponseMinutes ?? 0;
            Require(target > 0, $"{path}.targetResponseMinutes", "must be a number of minutes greater than 0");
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
                    Error($"{path}.modes[{k}]", $"unknown mode '{name}'; expected foot, bicycle, car or tactical");
                }
            }
            if (capable.Count == 0)
            {
                capable.UnionWith(Enum.GetValues<UnitMode>());
            }
            var onView = t.OnViewProbability ?? 0;
            Require(onView is >= 0 and <= 1, $"{path}.onViewProbability", "must be a probability between 0 and 1");
            var transfer = t.TransferShare ?? 0;
            Require(transfer is >= 0 and <= 1, $"{path}.transferShare", "must be a share between 0 and 1");
            var escalation = t.EscalationMinutes ?? double.PositiveInfinity;
            Require(escalation > 0, $"{path}.escalationMinutes", "must be a number of minutes greater than 0");
            var escalatedPriority = t.EscalatedPriority ?? Math.Max(1, priority - 1);
            Require(escalatedPriority >= 1 && escalatedPriority <= Math.Max(priority, 1), $"{path}.escalatedPriority", "must be from 1 to the type's own priority");
            var factor = t.EscalatedOnSceneFactor ?? 1.5;
            Require(factor >= 1, $"{path}.escalatedOnSceneFactor", "must be at least 1");
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
        switch (d.Distribution?.ToLowerInvariant())
        {
            case "exponential":
                Require(d.Mean > 0, $"{path}.mean", "must be greater than 0");
                return new ExponentialDistribution(d.Mean ?? 1);
            case "lognormal":
                Require(d.Mean > 0, $"{path}.mean", "must be greater than 0");
                Require(d.Sd > 0, $"{path}.sd", "must be greater than 0");
                return d.Mean > 0 && d.Sd > 0 ? new LogNormalDistribution(d.Mean.Value, d.Sd.Value) : new FixedDistribution(1);
            case "fixed":
                Require(d.Value > 0, $"{path}.value", "must be greater than 0");
                return new FixedDistribution(d.Value ?? 1);
            case "uniform":
                Require(d.Min >= 0, $"{path}.min", "must be 0 or more");
                Require(d.Max > d.Min, $"{path}.max", "must be greater than min");
                return new UniformDistribution(d.Min ?? 0, d.Max ?? 1);
            default:
                Error($"{path}.distribution", $"'{d.Distribution}' is not supported; expected exponential, lognormal, fixed or uniform");
                return new FixedDistribution(1);
        }
    }

    private List<Zone> BuildZones(ScenarioDocument d, List<IncidentType> types)
    {
        var zones = new List<Zone>();
        var ids = new HashSet<string>();
        if (d.Zones is null || d.Zones.Count == 0)
        {
            Error("zones", "missing; at least one zone is needed (inline or through zonesGeoJson)");
            return zones;
        }
        var typeIndex = types.ToDictionary(t => t.Id, t => t.Index);
        for (var i = 0; i < d.Zones.Count; i++)
        {
            var z = d.Zones[i];
            var path = z.Origin ?? $"zones[{i}]";
            var id = RequireId(z.Id, path, ids);
            var rate = z.RatePerHour ?? -1;
            Require(rate >= 0, $"{path}.ratePerHour", "missing or negative; expected incidents per hour (0 or more)");
            var hour = Profile(z.HourProfile, d, z.Profile, p => p.Hour, 24, $"{path}.hourProfile");
            var day = Profile(z.DayProfile, d, z.Profile, p => p.Day, 7, $"{path}.dayProfile");
            var shape = BuildShape(z.Polygon, $"{path}.polygon");
            var (mixTypes, mixCumulative) = BuildMix(z.TypeMix, typeIndex, types.Count, $"{path}.typeMix");
            if (shape is not null)
            {
                Require(z.PostOfficers is null or (>= 0 and <= 20), $"{path}.postOfficers", "must be from 0 to 20");
                zones.Add(new Zone(zones.Count, id, z.Name ?? id, z.Kind ?? ZoneKinds.District, shape, Math.Max(rate, 0), hour, day, mixTypes, mixCumulative)
                {
                    PostOfficers = z.PostOfficers,
                });
            }
        }
        return zones;
    }

    private double[] Profile(double[]? inline, ScenarioDocument d, string? named, Func<ProfileDocument, double[]?> pick, int length, string path)
    {
        var values = inline;
        if (values is null && named is not null)
        {
            if (d.Profiles?.TryGetValue(named, out var profile) == true)
            {
                values = pick(profile);
            }
            else
            {
                Error(path.Replace(path[(path.LastIndexOf('.') + 1)..], "profile"), $"unknown profile '{named}'");
            }
        }
        if (values is null)
        {
            return Enumerable.Repeat(1.0, length).ToArray();
        }
        if (values.Length != length)
        {
            Error(path, $"has {values.Length} values; expected {length}");
            return Enumerable.Repeat(1.0, length).ToArray();
        }
        for (var k = 0; k < values.Length; k++)
        {
            Require(values[k] >= 0, $"{path}[{k}]", "multipliers must be 0 or more");
        }
        return values;
    }

    private ZoneShape? BuildShape(List<double[]>? polygon, string path)
    {
        if (polygon is null || polygon.Count < 3)
        {
            Error(path, "needs at least 3 points [x, y] in metres");
            return null;
        }
        var points = new List<Point2>();
        for (var k = 0; k < polygon.Count; k++)
        {
            points.Add(ParsePoint(polygon[k], $"{path}[{k}]"));
        }
        var shape = new ZoneShape(points);
        if (shape.Area <= 0 || !shape.Polygon.IsValid)
        {
            Error(path, shape.Area <= 0 ? "has zero area" : "is not a simple polygon (its edges cross)");
            return null;
        }
        return shape;
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
        foreach (var (name, share) in mix)
        {
            if (!typeIndex.TryGetValue(name, out var index))
            {
                Error($"{path}.{name}", "unknown incident type");
                continue;
            }
            Require(share is >= 0 and <= 1, $"{path}.{name}", "must be a share between 0 and 1");
            sum += share;
            ids.Add(index);
            cumulative.Add(sum);
        }
        Require(Math.Abs(sum - 1) < 1e-6, path, $"shares sum to {sum:0.######}; expected 1");
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
        var ids = units.Select(u => u.Id).ToHashSet();
        var stationIndex = stations.ToDictionary(s => s.Id, s => s.Index);
        var zoneIndex = zones.ToDictionary(z => z.Id, z => z.Index);
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var u = documents![i];
            var path = $"{prefix}[{i}]";
            var count = u.Count ?? 1;
            Require(count is >= 1 and <= 100_000, $"{path}.count", "must be between 1 and 100000");
            if (!TryParseMode(u.Mode, out var mode))
            {
                Error($"{path}.mode", $"'{u.Mode}' is not a mode; expected foot, bicycle, car or tactical");
            }
            var station = -1;
            if (u.Station is null || !stationIndex.TryGetValue(u.Station, out station))
            {
                Error($"{path}.station", u.Station is null ? "missing; every unit belongs to a station" : $"unknown station '{u.Station}'");
            }
            var hasPost = u.Post is not null;
            var home = hasPost ? ParsePoint(u.Post, $"{path}.post") : station >= 0 ? stations[station].Location : default;
            var duty = surge is not null ? Duty.Patrol : ParseDuty(u.Duty, hasPost, $"{path}.duty");
            var beat = surge?.Beat ?? BuildBeat(u, zones, zoneIndex, path);
            if (duty == Duty.Patrol && beat.Count == 0)
            {
                beat = DefaultBeat(station, stations, zones);
            }
            var shifts = surge is { } s ? [s.Shift] : BuildShifts(u.Shift, $"{path}.shift");
            if (string.IsNullOrWhiteSpace(u.Id))
            {
                Error($"{path}.id", "missing");
                continue;
            }
            var duplicates = 0;
            for (var k = 0; k < Math.Clamp(count, 1, 100_000); k++)
            {
                var id = count == 1 ? u.Id : $"{u.Id}-{k + 1}";
                if (!ids.Add(id) && duplicates++ == 0)
                {
                    Error($"{path}.id", $"duplicate unit id '{id}'");
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
                Error(path, $"'{text}' is not a duty; expected station, post or patrol");
                return Duty.Station;
        }
    }

    private List<int> BuildBeat(UnitDocument u, List<Zone> zones, Dictionary<string, int> zoneIndex, string path)
    {
        var beat = new List<int>();
        foreach (var (id, k) in (u.Beat ?? []).Select((id, k) => (id, k)))
        {
            if (zoneIndex.TryGetValue(id, out var z))
            {
                beat.Add(z);
            }
            else
            {
                Error($"{path}.beat[{k}]", $"unknown zone '{id}'");
            }
        }
        if (u.BeatKinds is { Count: > 0 } kinds)
        {
            beat.AddRange(zones.Where(z => z.IsHotspot && kinds.Contains(z.Kind)).Select(z => z.Index));
            Require(beat.Count > 0, $"{path}.beatKinds", "no hotspot zone has any of these kinds");
        }
        return beat.Distinct().Order().ToList();
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
        var kinds = (d.ZoneKinds ?? [ZoneKinds.Nightlife, ZoneKinds.NightFood]).ToHashSet();
        var beat = zones.Where(z => z.IsHotspot && kinds.Contains(z.Kind)).Select(z => z.Index).ToList();
        Require(beat.Count > 0, "surge.zoneKinds", "no hotspot zone has any of these kinds");
        Require(d.Units is { Count: > 0 }, "surge.units", "missing; list the extra units, e.g. [{ \"id\": \"surge-foot\", \"mode\": \"foot\", \"count\": 12, \"station\": \"...\" }]");
        var duration = ((to - from) % 1440 + 1440) % 1440;
        Require(duration > 0, "surge.to", "must differ from surge.from");
        BuildUnits(d.Units, "surge.units", stations, modes, zones, (new Shift(from, duration), beat), units);
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
        Require(policy is "static" or "uniform" or "risk-guided", "patrol.policy", $"'{policy}' is not a policy; expected static, uniform or risk-guided");
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
        Require(o.DwellMinMinutes > 0, "patrol.dwellMinMinutes", "must be greater than 0");
        Require(o.DwellMaxMinutes >= o.DwellMinMinutes, "patrol.dwellMaxMinutes", "must be at least dwellMinMinutes");
        Require(o.ReplanMinutes >= 1, "patrol.replanMinutes", "must be at least 1 minute");
        Require(o.Diminishing is > 0 and <= 1, "patrol.diminishing", "must be greater than 0 and at most 1");
        Require(o.DeterrenceFactor is >= 0 and <= 1, "patrol.deterrenceFactor", "must be between 0 and 1");
        Require(o.ResidualMinutes >= 0, "patrol.residualMinutes", "must be 0 or more");
        Require(o.NearRepeatRadiusMetres >= 0, "patrol.nearRepeatRadiusMetres", "must be 0 or more");
        Require(o.NearRepeatWeight >= 0, "patrol.nearRepeatWeight", "must be 0 or more");
        Require(o.NearRepeatDecayMinutes > 0, "patrol.nearRepeatDecayMinutes", "must be greater than 0");
        Require(o.AlertThreshold > 0, "patrol.alertThreshold", "must be greater than 0 (incidents per hour)");
        Require(o.CheckMinutes > 0, "patrol.checkMinutes", "must be greater than 0");
        Require(o.AlertCooldownMinutes >= 0, "patrol.alertCooldownMinutes", "must be 0 or more");
        Require(o.TopRiskShare is > 0 and < 1, "patrol.topRiskShare", "must be a share greater than 0 and less than 1");
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
            var start = ParseTimeOfDay(documents[k].Start, $"schoolPosts.windows[{k}].start");
            var end = ParseTimeOfDay(documents[k].End, $"schoolPosts.windows[{k}].end");
            Require(end > start, $"schoolPosts.windows[{k}].end", "must be later than start on the same day");
            windows.Add(new TimeWindow(start, end));
        }
        var officers = d.OfficersPerPost ?? 1;
        Require(officers is >= 1 and <= 20, "schoolPosts.officersPerPost", "must be from 1 to 20");
        var days = (d.Days ?? [0, 1, 2, 3, 4]).ToHashSet();
        Require(days.All(x => x is >= 0 and <= 6), "schoolPosts.days", "days are 0 (Monday) to 6 (Sunday)");
        var pool = new HashSet<UnitMode>();
        foreach (var (name, k) in (d.PoolModes ?? ["foot", "bicycle", "car"]).Select((n, k) => (n, k)))
        {
            if (TryParseMode(name, out var mode))
            {
                pool.Add(mode);
            }
            else
            {
                Error($"schoolPosts.poolModes[{k}]", $"unknown mode '{name}'");
            }
        }
        return new SchoolPostOptions(d.ZoneKind ?? ZoneKinds.SchoolGate, windows, officers, days, pool);
    }

    private double ParseTimeOfDay(string? text, string path)
    {
        if (text is not null && TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var time) && time.TotalHours < 24)
        {
            return time.TotalMinutes;
        }
        Error(path, $"'{text}' is not a time of day; expected HH:mm such as \"22:00\"");
        return 0;
    }

    private List<Shift> BuildShifts(ShiftDocument? shift, string path)
    {
        if (shift is null)
        {
            return [new Shift(0, 1440)];
        }
        var hours = shift.Hours ?? 0;
        Require(hours is > 0 and <= 24, $"{path}.hours", "must be more than 0 and at most 24");
        var starts = shift.Starts ?? (shift.Start is null ? [] : [shift.Start]);
        if (starts.Count == 0)
        {
            Error($"{path}.start", "missing; expected a time of day such as \"07:00\"");
            return [new Shift(0, 1440)];
        }
        var result = new List<Shift>();
        for (var k = 0; k < starts.Count; k++)
        {
            if (TimeSpan.TryParseExact(starts[k], @"hh\:mm", CultureInfo.InvariantCulture, out var time) && time.TotalHours < 24)
            {
                result.Add(new Shift(time.TotalMinutes, hours * 60));
            }
            else
            {
                Error(shift.Starts is null ? $"{path}.start" : $"{path}.starts[{k}]", $"'{starts[k]}' is not a time of day; expected HH:mm such as \"07:00\"");
            }
        }
        return result.Count > 0 ? result : [new Shift(0, 1440)];
    }

    private string RequireId(string? id, string path, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            Error($"{path}.id", "missing");
            return $"#{seen.Count}";
        }
        if (!seen.Add(id))
        {
            Error($"{path}.id", $"duplicate id '{id}'");
        }
        return id;
    }

    private Point2 ParsePoint(double[]? xy, string path)
    {
        if (xy is null || xy.Length != 2 || !double.IsFinite(xy[0]) || !double.IsFinite(xy[1]))
        {
            Error(path, "expected a point [x, y] in metres");
            return default;
        }
        return new Point2(xy[0], xy[1]);
    }
}
