using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;

namespace Dispatch.Model.Loading;

/// <summary>
/// The <c>surge</c> section: the window, the zone kinds and the extra units, read and checked here;
/// their shift and beats are <see cref="NightSurge"/>'s decisions.
/// </summary>
internal sealed class SurgeSection(ProblemSink sink, UnitsSection units) : SectionBuilder(sink)
{
    /// <summary>The surge options (null without a <c>surge</c> section); the surge units are added to <paramref name="fleet"/>.</summary>
    public SurgeOptions? Build(SurgeDocument? d, List<Station> stations, Dictionary<UnitMode, ModeSpec> modes, List<Zone> zones, List<UnitSpec> fleet, NightWindow night)
    {
        if (d is null)
        {
            return null;
        }
        // Without from/to the surge covers the night window.
        var from = ParseTimeOfDay(d.From ?? $"{night.FromHour:00}:00", "surge.from");
        var to = ParseTimeOfDay(d.To ?? $"{night.ToHour:00}:00", "surge.to");
        var kindList = d.ZoneKinds ?? [ZoneKinds.Nightlife, ZoneKinds.NightFood];
        var kinds = kindList.Where(k => k is not null).ToHashSet();
        var beat = NightSurge.Zones(zones, kinds);
        Require(beat.Count > 0 || zones.Count == 0, "surge.zoneKinds",
            $"no hotspot zone has any of the kinds {string.Join(", ", kinds)}{(d.ZoneKinds is null ? " (the default)" : "")}{UnitsSection.KindHint(kinds, zones)}");
        Require(d.Units is { Count: > 0 }, "surge.units", "missing; list the extra units, e.g. [{ \"id\": \"surge-foot\", \"mode\": \"foot\", \"count\": 12, \"station\": \"...\" }]");
        Require(NightSurge.DurationMinutes(from, to) > 0, "surge.to", "must differ from surge.from");
        units.Build(d.Units, "surge.units", stations, modes, zones, (NightSurge.Window(from, to), beat), fleet);
        return new SurgeOptions(from, to, kinds);
    }
}
