using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using Dispatch.Model.Travel;
using static Dispatch.Model.Tests.Roads.RoadKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Roads;

/// <summary>
/// The dispatch scan on roads takes units in order of a lower bound and stops searches early; it
/// must choose exactly what a scan of every unit in index order with exact times chooses, under
/// both policies' rules (own sector within a margin, the tactical preference for priority 1).
/// </summary>
public class RoadScanTests
{
    [Fact]
    public void The_bounded_scan_on_roads_chooses_as_exact_times_in_index_order_do()
    {
        // A 3 km grid (200 m) cut by a river at y = 1500 with one bridge at x = 2600; four modes,
        // two stations on either bank; patrol units spread over the map.
        var lines = Grid(3000, 200).Where(l => !(l.Id!.StartsWith("col") && l.Id != "col13")).ToList();
        foreach (var k in Enumerable.Range(0, 16).Where(k => k != 13))
        {
            lines.Add(Line($"south{k}", k * 200, 0, k * 200, 1400, 200));
            lines.Add(Line($"north{k}", k * 200, 1600, k * 200, 3000, 200));
        }
        lines = lines.Where(l => l.Id != "row7" && l.Id != "row8").ToList(); // no road along the river
        var document = Document(
            zones: [Zone("A", 800, 800, 600, 6, kind: ZoneKinds.Commercial), Zone("B", 2200, 2200, 600, 6, kind: ZoneKinds.Nightlife)],
            units:
            [
                Unit("car", "car", count: 3, station: "South"), Unit("tac", "tactical", count: 2, station: "North"),
                Unit("foot", "foot", count: 3, station: "North", duty: "patrol", beat: ["A", "B"]),
                Unit("bike", "bicycle", count: 2, station: "South", duty: "patrol", beat: ["A", "B"]),
            ],
            stations: [Station("South", 400, 400), Station("North", 2600, 2600)],
            types: [Type("T", 1, Fixed(20))],
            days: 1,
            patrol: new PatrolDocument { Policy = "uniform" },
            dispatch: new DispatchDocument { Queue = true, TacticalPreferenceMinutes = 2, SectorMarginMinutes = 3 });
        document.Roads = new RoadsDocument { Lines = lines };
        var scenario = Build(document);
        var sim = new Simulator(scenario, 5);
        var exact = new RoadTravel(scenario.Roads!);
        var scan = new DispatchScan(scenario.Dispatch) { Travel = new RoadTravel(scenario.Roads!) };
        var random = new Random(3);
        var units = (UnitState[])sim.Units;
        var compared = 0;
        for (var t = 30.0; t < 1440; t += 7)
        {
            sim.RunUntil(t);
            for (var k = 0; k < 5; k++)
            {
                var at = new Point2(3000 * random.NextDouble(), 3000 * random.NextDouble());
                var incident = new IncidentRecord { Id = 0, Zone = 0, Type = 0, Priority = 1 + k % 2, Location = at, CreatedAt = t, OnSceneDuration = 1 };
                var sector = k % 3 - 1;
                var found = scan.Scan(incident, scenario.IncidentTypes[0], units, sim.Now, sector);
                var (best, bestMinutes, tactical, tacticalMinutes, inside, insideMinutes) = (-1, double.PositiveInfinity, -1, double.PositiveInfinity, -1, double.PositiveInfinity);
                for (var i = 0; i < units.Length; i++)
                {
                    var u = units[i];
                    if (u.Status is UnitStatus.OffShift or UnitStatus.EnRoute or UnitStatus.OnScene || !u.CanTake(incident.Priority, scenario.Dispatch))
                    {
                        continue;
                    }
                    var minutes = exact.Minutes(u.Spec, u.PositionAt(sim.Now), at);
                    (best, bestMinutes) = minutes < bestMinutes ? (i, minutes) : (best, bestMinutes);
                    (tactical, tacticalMinutes) = u.Spec.Mode == UnitMode.Tactical && minutes < tacticalMinutes ? (i, minutes) : (tactical, tacticalMinutes);
                    (inside, insideMinutes) = u.Spec.StationIndex == sector && minutes < insideMinutes ? (i, minutes) : (inside, insideMinutes);
                }
                var expected = new DispatchCandidates(best, bestMinutes, tactical, tacticalMinutes, inside, insideMinutes);
                Assert.Equal((expected.Best, expected.BestMinutes), (found.Best, found.BestMinutes));
                Assert.Equal(Choose(scan, incident.Priority, expected), Choose(scan, incident.Priority, found));
                compared++;
            }
        }
        Assert.True(compared > 900);
    }

    /// <summary>The units both policies would send: nearest-available's and own-sector-first's (OwnSectorFirstDispatch's rule).</summary>
    private static (int Nearest, int OwnSector) Choose(DispatchScan scan, int priority, DispatchCandidates found)
    {
        var nearest = scan.PreferTactical(priority, found.Best, found.BestMinutes, found);
        var (chosen, minutes) = found.Inside >= 0 && found.InsideMinutes <= found.BestMinutes + scan.Options.SectorMarginMinutes
            ? (found.Inside, found.InsideMinutes)
            : (found.Best, found.BestMinutes);
        return (nearest, scan.PreferTactical(priority, chosen, minutes, found));
    }
}
