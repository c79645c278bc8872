using Dispatch.Model.Geometry;
using Dispatch.Model.Roads;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Travel;
using static Dispatch.Model.Tests.Roads.RoadKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Roads;

/// <summary>
/// The landmark bounds the dispatch scan prunes with: never above the exact time of a search (else
/// the scan would skip the fastest unit), tight enough to prune, and of the documented size.
/// </summary>
public class LandmarkTests
{
    /// <summary>A 3 km grid every 150 m, odd rows one-way eastwards, a car-only expressway across and a footpath; four modes.</summary>
    private static Scenario City()
    {
        var lines = Grid(3000, 150);
        foreach (var row in lines.Where(l => l.Id!.StartsWith("row") && int.Parse(l.Id[3..]) % 2 == 1))
        {
            row.OneWay = true;
        }
        lines.Add(Line("expressway", 0, 0, 3000, 3000, 300, modes: ["car"]));
        lines.Add(Line("footpath", 0, 3000, 3000, 0, 50, modes: ["foot"]));
        var document = Document(
            zones: [Zone("Z", 1500, 1500, 400, 1)],
            units: [Unit("car", "car"), Unit("foot", "foot"), Unit("bike", "bicycle"), Unit("tac", "tactical")],
            stations: [Station("S", 1500, 1500)]);
        document.Roads = new RoadsDocument { Lines = lines, Noding = "crossings" };
        return Build(document);
    }

    [Fact]
    public void Landmark_bounds_never_exceed_the_searched_times_of_random_node_pairs_and_prune()
    {
        var network = City().Roads!;
        var graph = network.Graph;
        var landmarks = network.Landmarks;
        var random = new Random(22);
        var tree = new PathTree(graph.Modes.First(m => m is not null)!, graph.Nodes.Length);
        var (pairs, ratio) = (0, 0.0);
        for (var mode = 0; mode < graph.Modes.Length; mode++)
        {
            if (graph.Modes[mode] is not { } arcs)
            {
                continue;
            }
            var usable = Enumerable.Range(0, graph.Nodes.Length).Where(v => arcs.HasArc[v]).ToArray();
            for (var k = 0; k < 300; k++)
            {
                var (a, b) = (usable[random.Next(usable.Length)], usable[random.Next(usable.Length)]);
                tree.Reset(arcs, mode, b);
                var exact = tree.MinutesFrom(a, double.PositiveInfinity, out var unreachable);
                var bound = landmarks.Bound(mode, a, b, out var connected);
                Assert.False(unreachable);
                Assert.True(connected, $"mode {mode}: {a} -> {b} not proven connected");
                Assert.True(bound <= exact, $"mode {mode}: {a} -> {b} bound {bound:R} above the exact {exact:R}");
                if (exact > 0)
                {
                    ratio += bound / exact;
                    pairs++;
                }
            }
        }
        // Straight distance at the top speed gives about 0.5 here (streets at the mode's speed, the
        // expressway faster); the landmarks, on the sides and corners of the grid, much more.
        Assert.InRange(ratio / pairs, 0.6, 1.0);
    }

    [Fact]
    public void The_sharp_bound_of_a_trip_never_exceeds_its_minutes_for_random_points()
    {
        var scenario = City();
        var travel = new RoadTravel(scenario.Roads!);
        var random = new Random(7);
        var higher = 0;
        for (var k = 0; k < 2000; k++)
        {
            var unit = scenario.Units[k % scenario.Units.Count];
            var from = new Point2(-200 + 3400 * random.NextDouble(), -200 + 3400 * random.NextDouble());
            var to = new Point2(-200 + 3400 * random.NextDouble(), -200 + 3400 * random.NextDouble());
            var minutes = travel.Minutes(unit, from, to);
            var sharp = travel.SharpLowerBound(unit, from, to);
            Assert.True(sharp <= minutes, $"{unit.Mode} {from} -> {to}: bound {sharp:R} above {minutes:R}");
            Assert.True(sharp >= travel.LowerBound(unit, from, to));
            higher += sharp > travel.LowerBound(unit, from, to) ? 1 : 0;
        }
        Assert.True(higher > 1000, $"the landmark bound was higher than the straight one in only {higher} of 2000 trips");
    }

    [Fact]
    public void Landmark_tables_take_16_bytes_a_node_per_landmark_and_mode()
    {
        var network = City().Roads!;
        var landmarks = network.Landmarks;
        var modes = network.Graph.Modes.Count(m => m is not null);
        Assert.Equal(Landmarks.PerMode, landmarks.Count);
        Assert.Equal(16L * Landmarks.PerMode * network.Graph.Nodes.Length * modes, landmarks.Bytes);
    }
}
