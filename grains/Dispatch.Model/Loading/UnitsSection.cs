using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;

namespace Dispatch.Model.Loading;

/// <summary>The <c>units</c> entries (regular and surge): count expansion, mode, station, post, duty, beat and shifts.</summary>
internal sealed class UnitsSection(ProblemSink sink) : SectionBuilder(sink)
{
    private readonly ShiftsSection _shifts = new(sink);

    public List<UnitSpec> Build(
        List<UnitDocument>? documents, string prefix, List<Station> stations, Dictionary<UnitMode, ModeSpec> modes,
        List<Zone> zones, (Shift Shift, IReadOnlyList<int> Beat)? surge, List<UnitSpec>? into = null,
        IReadOnlyList<CalendarEntry>? calendar = null)
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
                ? NightSurge.Beat(layered.Beat, station, stations, zones)
                : BuildBeat(u, zones, zoneIndex, path);
            if (duty == Duty.Patrol && beat.Count == 0)
            {
                beat = DefaultBeat(station, stations, zones);
            }
            var shifts = surge is { } s ? [s.Shift] : _shifts.Build(u.Shift, $"{path}.shift");
            var roster = BuildRoster(u, calendar ?? [], path);
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
                    Roster = roster,
                });
            }
        }
        return units;
    }

    /// <summary>The unit's roster (weekdays, extra and off calendar entries), or null when it works every day.</summary>
    private Roster? BuildRoster(UnitDocument u, IReadOnlyList<CalendarEntry> calendar, string path)
    {
        if (u.Days is null && u.ExtraOn is null && u.OffOn is null)
        {
            return null;
        }
        var weekdays = new bool[7];
        foreach (var (day, k) in (u.Days ?? [0, 1, 2, 3, 4, 5, 6]).Select((d, k) => (d, k)))
        {
            if (day is >= 0 and <= 6)
            {
                weekdays[day] = true;
            }
            else
            {
                Error($"{path}.days[{k}]", $"is {day}; expected a weekday from 0 (Monday) to 6 (Sunday)");
            }
        }
        List<CalendarEntry> Entries(List<string>? names, string field)
        {
            var found = new List<CalendarEntry>();
            foreach (var (name, k) in (names ?? []).Select((n, k) => (n, k)))
            {
                if (calendar.FirstOrDefault(c => c.Id == name) is { } entry)
                {
                    found.Add(entry);
                }
                else
                {
                    Error($"{path}.{field}[{k}]", calendar.Count == 0 ? $"unknown calendar entry '{name}'; the scenario has no calendar"
                        : $"unknown calendar entry '{name}'{NameSuggestions.DidYouMean(name, calendar.Select(c => c.Id))}");
                }
            }
            return found;
        }
        return new Roster(weekdays, Entries(u.ExtraOn, "extraOn"), Entries(u.OffOn, "offOn"));
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

    internal static string KindHint(IEnumerable<string> kinds, List<Zone> zones)
    {
        var present = zones.Where(z => z.IsHotspot).Select(z => z.Kind).Distinct().ToList();
        var hints = kinds.Select(k => NameSuggestions.Nearest(k, present)).OfType<string>().Distinct().ToList();
        return hints.Count > 0 ? $"; did you mean {string.Join(" or ", hints.Select(h => $"'{h}'"))}?"
            : present.Count > 0 ? $"; the hotspot kinds in this scenario are {string.Join(", ", present.Order())}" : "; the scenario has no hotspot zones";
    }


    /// <summary>Default beat: the hotspots whose nearest station is the unit's own.</summary>
    private static List<int> DefaultBeat(int station, List<Station> stations, List<Zone> zones)
    {
        if (station < 0)
        {
            return [];
        }
        return zones.Where(z => z.IsHotspot && Sectors.Of(z.Shape.Centroid, stations) == station).Select(z => z.Index).ToList();
    }

}
