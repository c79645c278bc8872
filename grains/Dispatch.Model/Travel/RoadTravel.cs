using Dispatch.Model.Geometry;
using Dispatch.Model.Roads;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Travel;

/// <summary>
/// Travel on the scenario's roads (docs/roads.md): from the start straight to the nearest node the
/// unit's mode may use (off road: distance x detour / speed), the fastest path for the mode on the
/// road graph, then straight from the node nearest the destination to it. Start and destination
/// nearest to the same node, or no path between their nodes: straight off road all the way.
/// Shortest paths come from lazily grown <see cref="PathTree"/>s towards the destination's node, kept
/// in a bounded <see cref="PathTreeCache"/>; a lower bound (straight distance at the mode's top
/// speed) and the caller's <c>atMost</c> stop searches early. One instance per run (not thread-safe).
/// </summary>
public sealed class RoadTravel(RoadNetwork network, long budgetBytes = PathTreeCache.DefaultBudgetBytes) : ITravel
{
    private readonly RoadGraph _graph = network.Graph;
    private readonly PathTreeCache _trees = new(network.Graph, budgetBytes);
    private PathTree? _search;
    // Scratch lists of the route being built (reused: only the route's own arrays are allocated).
    private readonly List<Point2> _points = [];
    private readonly List<double> _minutes = [];

    public bool OnRoads => true;

    /// <summary>The path trees of this run.</summary>
    public PathTreeCache Trees => _trees;

    public double Minutes(UnitSpec unit, Point2 from, Point2 to, double atMost = double.PositiveInfinity)
    {
        var mode = (int)unit.Mode;
        var offRoad = OffRoad(unit);
        var straight = from.DistanceTo(to);
        if (!network.Serves(mode))
        {
            return straight / offRoad;
        }
        var top = TopSpeed(mode, offRoad);
        if (straight / top >= atMost)
        {
            return double.PositiveInfinity;
        }
        var a = network.NearestNode(mode, from, out var access);
        var b = network.NearestNode(mode, to, out var egress);
        if (a == b)
        {
            return straight / offRoad;
        }
        var ends = access / offRoad + egress / offRoad;
        var core = _trees.For(mode, b).MinutesFrom(a, atMost - ends + 1e-9, out var unreachable);
        if (unreachable)
        {
            return straight / offRoad;
        }
        return access / offRoad + core + egress / offRoad;
    }

    /// <summary>The straight distance at the mode's top speed, on road or off it.</summary>
    public double LowerBound(UnitSpec unit, Point2 from, Point2 to)
    {
        var mode = (int)unit.Mode;
        var offRoad = OffRoad(unit);
        var top = network.Serves(mode) ? TopSpeed(mode, offRoad) : offRoad;
        return from.DistanceTo(to) / top;
    }

    /// <summary>
    /// The higher of <see cref="LowerBound"/> and the landmark bound of the road part, with the walks
    /// to and from the road as in <see cref="Minutes"/> (exact where the trip is straight off road).
    /// </summary>
    public double SharpLowerBound(UnitSpec unit, Point2 from, Point2 to)
    {
        var mode = (int)unit.Mode;
        var offRoad = OffRoad(unit);
        var straight = from.DistanceTo(to);
        if (!network.Serves(mode))
        {
            return straight / offRoad;
        }
        var top = TopSpeed(mode, offRoad);
        var a = network.NearestNode(mode, from, out var access);
        var b = network.NearestNode(mode, to, out var egress);
        if (a == b)
        {
            return straight / offRoad;
        }
        var core = network.Landmarks.Bound(mode, a, b, out var connected);
        // Without a proven path the trip may be straight off road (Minutes' fallback): the plain bound.
        return connected ? Math.Max(straight / top, access / offRoad + core + egress / offRoad) : straight / top;
    }

    /// <summary>The unit's pace off road (metres per minute of straight distance: its speed over its detour factor).</summary>
    private static double OffRoad(UnitSpec unit) => unit.Speed.MetresPerMinute / unit.Speed.DetourFactor;

    /// <summary>The mode's top speed on the road graph or off it (of a mode the roads serve).</summary>
    private double TopSpeed(int mode, double offRoad) => Math.Max(_graph.Modes[mode]!.MaxMetresPerMinute, offRoad);

    public TravelRoute? Route(UnitSpec unit, Point2 from, Point2 to)
    {
        var mode = (int)unit.Mode;
        if (!network.Serves(mode))
        {
            return null;
        }
        var offRoad = OffRoad(unit);
        var a = network.NearestNode(mode, from, out var access);
        var b = network.NearestNode(mode, to, out var egress);
        if (a == b)
        {
            return null;
        }
        // A tree kept for the destination (the incident just dispatched to) serves; otherwise a
        // one-off A* search from the destination back to this start, which settles far fewer nodes.
        var tree = _trees.Find(mode, b);
        if (tree is null)
        {
            var arcs = _graph.Modes[mode]!;
            tree = _search ??= new PathTree(arcs, _graph.Nodes.Length);
            tree.Reset(arcs, mode, b, _graph.Nodes, _graph.Nodes[a], 1 / Math.Max(arcs.MaxMetresPerMinute, offRoad));
        }
        var core = tree.MinutesFrom(a, double.PositiveInfinity, out var unreachable);
        if (unreachable)
        {
            return null;
        }
        var points = _points;
        var minutes = _minutes;
        points.Clear();
        minutes.Clear();
        points.Add(from);
        minutes.Add(0);
        var start = access / offRoad;
        void Add(Point2 p, double t)
        {
            if (p != points[^1])
            {
                points.Add(p);
                minutes.Add(t);
            }
        }
        Add(_graph.Nodes[a], start);
        for (var node = a; node != b;)
        {
            var next = tree.Next(node, out var via);
            var edge = _graph.Edges[via >> 1];
            var t0 = start + (core - tree.MinutesAt(node));
            var t1 = start + (core - tree.MinutesAt(next));
            var forward = (via & 1) == 0;
            var along = 0.0;
            for (var k = 1; k < edge.GeometryCount; k++)
            {
                var p = _graph.Geometry[edge.GeometryStart + (forward ? k : edge.GeometryCount - 1 - k)];
                along += points[^1].DistanceTo(p);
                Add(p, k == edge.GeometryCount - 1 ? t1 : t0 + (t1 - t0) * Math.Min(1, along / edge.Metres));
            }
            node = next;
        }
        var total = access / offRoad + core + egress / offRoad;
        if (to != points[^1])
        {
            points.Add(to);
            minutes.Add(total);
        }
        else
        {
            minutes[^1] = total;
        }
        return new TravelRoute(points.ToArray(), minutes.ToArray());
    }
}
