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
        [UnitMode.Foot] = new(5, 1.2),
        [UnitMode.Bicycle] = new(15, 1.3),
        [UnitMode.Car] = new(30, 1.4),
        [UnitMode.Tactical] = new(40, 1.4),
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
        var units = BuildUnits(d.Units, stations, modes);
        var errors = _problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ScenarioException(_problems);
        }
        return new Scenario(
            d.Name ?? "unnamed", start, days, d.Seed ?? 1, stations, zones, types, units,
            new DispatchOptions(d.Dispatch?.Queue ?? true));
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
            Require(speed > 0, $"modes.{name}.speedKmh", "must be greater than 0");
            Require(detour >= 1, $"modes.{name}.detourFactor", "must be at least 1 (road distance is never shorter than straight line)");
            modes[mode] = new ModeSpec(speed, detour);
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
            types.Add(new IncidentType(types.Count, id, t.Name ?? id, priority, target, onScene, capable));
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
                zones.Add(new Zone(zones.Count, id, z.Name ?? id, z.Kind ?? "district", shape, Math.Max(rate, 0), hour, day, mixTypes, mixCumulative));
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

    private List<UnitSpec> BuildUnits(List<UnitDocument>? documents, List<Station> stations, Dictionary<UnitMode, ModeSpec> modes)
    {
        var units = new List<UnitSpec>();
        var ids = new HashSet<string>();
        if (documents is null || documents.Count == 0)
        {
            Error("units", "missing; at least one unit is needed");
            return units;
        }
        var stationIndex = stations.ToDictionary(s => s.Id, s => s.Index);
        for (var i = 0; i < documents.Count; i++)
        {
            var u = documents[i];
            var path = $"units[{i}]";
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
            var shifts = BuildShifts(u.Shift, $"{path}.shift");
            if (string.IsNullOrWhiteSpace(u.Id))
            {
                Error($"{path}.id", "missing");
                continue;
            }
            for (var k = 0; k < Math.Clamp(count, 1, 100_000); k++)
            {
                var id = count == 1 ? u.Id : $"{u.Id}-{k + 1}";
                if (!ids.Add(id))
                {
                    Error($"{path}.id", $"duplicate unit id '{id}'");
                }
                units.Add(new UnitSpec(units.Count, id, mode, modes[mode], Math.Max(station, 0), home, hasPost, shifts[k % shifts.Count]));
            }
        }
        return units;
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
