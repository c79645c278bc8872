using System.Globalization;
using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using NetTopologySuite.Operation.Valid;

namespace Dispatch.Model.Scenarios;

/// <summary>The fleet and its duties: units, beats, shifts, the night surge, patrol options and school posts.</summary>
public sealed partial class ScenarioBuilder
{
    // Called once per run, so tiered compilation would leave it unoptimised for a process's first
    // 30 runs: optimised at once instead (docs/performance.md).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
            if (!(beat.Count > before || zones.Count == 0))
            {
                Error($"{path}.beatKinds", $"no hotspot zone has any of the kinds {string.Join(", ", kinds)}{KindHint(kinds, zones)}");
            }
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

    /// <summary>The station nearest the zone's centroid; ties to the lower index.</summary>
    private static int NearestStation(Zone z, List<Station> stations)
    {
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        foreach (var s in stations)
        {
            var distance = s.Location.DistanceTo(z.Shape.Centroid);
            if (best < 0 || distance < bestDistance || (distance == bestDistance && s.Index < best))
            {
                best = s.Index;
                bestDistance = distance;
            }
        }
        return best >= 0 ? best : throw new InvalidOperationException("no stations");
    }

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
}
