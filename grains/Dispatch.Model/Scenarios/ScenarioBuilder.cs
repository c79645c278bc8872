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

    // Called once per run, so tiered compilation would leave it unoptimised for a process's first
    // 30 runs: optimised at once instead (docs/performance.md).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

    /// <summary><see cref="ParsePoint(double[], string)"/> for item <paramref name="index"/> of a list at <paramref name="listPath"/> (the path is made only for an error).</summary>
    private Point2? ParsePoint(double[]? xy, string listPath, int index) =>
        IsPlainPoint(xy) ? new Point2(xy![0], xy[1]) : ParsePoint(xy, $"{listPath}[{index}]");

    /// <summary>Two finite numbers within the coordinate limit: what <see cref="ParsePoint(double[], string)"/> accepts without a problem.</summary>
    private static bool IsPlainPoint(double[]? xy) =>
        xy is { Length: 2 } && double.IsFinite(xy[0]) && double.IsFinite(xy[1])
        && !(Math.Abs(xy[0]) > ScenarioLimits.MaxCoordinate || Math.Abs(xy[1]) > ScenarioLimits.MaxCoordinate);

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
