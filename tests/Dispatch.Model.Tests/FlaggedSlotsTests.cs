using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>
/// The ledger's flagged top-risk zone-slots, held per zone and hour of the week, against the
/// definition worked out zone-slot by zone-slot over the whole run (docs/metrics.md).
/// </summary>
public class FlaggedSlotsTests
{
    /// <summary>Partly taken ties at the threshold, a start off the hour, a warm-up, and (0.9) more to flag than there are candidates.</summary>
    [Theory]
    [InlineData("2023-06-05T00:00", 9, 0.0, 0.23)]
    [InlineData("2023-06-07T10:20", 9, 0.3, 0.23)]
    [InlineData("2023-06-10T23:45", 16, 1.25, 0.1)]
    [InlineData("2023-06-05T06:10", 3, 0.0, 0.9)]
    [InlineData("2023-06-05T06:10", 3, 0.0, 0.5)]
    public void Flags_and_flagged_area_time_are_those_of_every_zone_slot_ranked(string start, int days, double warmupDays, double share)
    {
        double[] Hours(params int[] peaks)
        {
            var hour = Enumerable.Repeat(1.0, 24).ToArray();
            foreach (var h in peaks)
            {
                hour[h] = 2;
            }
            return hour;
        }
        var document = Document(
            zones:
            [
                Zone("A", 0, 0, 100, 2, Hours(8, 9, 10, 20), [1, 1, 1, 1, 2, 2, 1], kind: ZoneKinds.Commercial),
                Zone("B", 300, 0, 150, 2, Hours(9, 10, 11), kind: ZoneKinds.Commercial),
                Zone("C", 600, 0, 80, 4, Hours(0, 1, 2), [0.5, 0.5, 0.5, 0.5, 1, 1, 0.5], kind: ZoneKinds.Nightlife),
                Zone("E", 900, 0, 120, 1, [.. Enumerable.Repeat(0.0, 12), .. Enumerable.Repeat(1.0, 12)], kind: ZoneKinds.Nightlife),
                Zone("D", 0, 0, 5000, 4),
            ],
            units: [Unit("car", "car")],
            start: start,
            days: days,
            patrol: new() { Policy = "static", TopRiskShare = share });
        var scenario = Build(document);
        var sim = new Simulator(scenario, 1, 0, days, warmupDays: warmupDays);
        var ledger = sim.LedgerAtNow();
        var (flagged, shareOfAreaTime) = Reference(scenario, sim.EndTime, sim.StatsFrom, share);
        var offset = scenario.StartMinuteOfWeek % 60;
        foreach (var (zone, slot, isFlagged) in flagged)
        {
            var from = Math.Max(sim.StatsFrom, slot * 60.0 - offset);
            Assert.True(isFlagged == ledger.IsFlagged(zone, from), $"zone {zone}, slot {slot}: expected flagged {isFlagged}");
        }
        Assert.Contains(flagged, f => f.Flagged);
        Assert.Equal(shareOfAreaTime, ledger.FlaggedAreaTimeShare);
    }

    /// <summary>Every counted zone-slot of the hotspots ranked by rate (ties: zone, then slot), the first ceil(share x zone-slots) with a positive rate flagged.</summary>
    private static (List<(int Zone, int Slot, bool Flagged)> Flags, double Share) Reference(Scenario scenario, double end, double statsFrom, double share)
    {
        var offset = scenario.StartMinuteOfWeek % 60;
        var slots = (int)Math.Ceiling((end + offset) / 60.0);
        var candidates = new List<(double Rate, int Zone, int Slot, double Minutes)>();
        var all = new List<(int Zone, int Slot)>();
        var areaTime = 0.0;
        var validSlots = 0;
        for (var k = 0; k < slots; k++)
        {
            var (from, to) = (Math.Max(statsFrom, k * 60.0 - offset), Math.Min(end, (k + 1) * 60.0 - offset));
            validSlots += to > from ? 1 : 0;
        }
        var hotspots = scenario.Zones.Where(z => z.IsHotspot).ToList();
        foreach (var zone in hotspots)
        {
            for (var k = 0; k < slots; k++)
            {
                var (from, to) = (Math.Max(statsFrom, k * 60.0 - offset), Math.Min(end, (k + 1) * 60.0 - offset));
                if (to <= from)
                {
                    continue;
                }
                areaTime += zone.Shape.Area * (to - from);
                all.Add((zone.Index, k));
                var rate = zone.RateAt(scenario.HourOfDay(from), scenario.DayOfWeek(from));
                if (rate > 0)
                {
                    candidates.Add((rate, zone.Index, k, to - from));
                }
            }
        }
        var take = (int)Math.Ceiling(share * hotspots.Count * validSlots);
        var top = candidates.OrderByDescending(c => c.Rate).Take(take).ToList();
        var flaggedAreaTime = 0.0;
        foreach (var c in top)
        {
            flaggedAreaTime += scenario.Zones[c.Zone].Shape.Area * c.Minutes;
        }
        var set = top.Select(c => (c.Zone, c.Slot)).ToHashSet();
        return (all.Select(a => (a.Zone, a.Slot, set.Contains(a))).ToList(), flaggedAreaTime / areaTime);
    }
}
