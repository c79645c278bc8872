using Dispatch.Model.Geometry;
using Dispatch.Model.Travel;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The hotspot crossings of a patrol leg that follows roads: each piece of the route is clipped
/// against the zones near it, the pieces' intervals inside a zone are joined where they meet (a
/// zone is not left and re-entered at a bend of the road), and the entries and exits are scheduled
/// at their exact times, as for a straight leg.
/// </summary>
internal sealed class RouteCrossings(SimClock clock, EventQueue events, ZoneIndex hotspots, PackedRings shapes)
{
    private const double Epsilon = 1e-9;

    private readonly List<int> _nearZones = [];
    private readonly List<(double From, double To)> _intervals = [];
    private readonly List<(int Zone, double Enter, double Exit)> _spans = [];

    /// <summary>Schedules the unit's entries and exits along the rest of its route; adds the zones it is inside now to <paramref name="insideNow"/>.</summary>
    public void PlanCrossings(UnitState unit, TravelRoute route, List<int> insideNow)
    {
        var now = clock.Now;
        var departed = unit.LegStartedAt;
        var elapsed = now - departed;
        var points = route.Points;
        var minutes = route.Minutes;
        _spans.Clear();
        for (var k = 0; k + 1 < points.Length; k++)
        {
            if (minutes[k + 1] <= elapsed)
            {
                continue;
            }
            var start = Math.Max(minutes[k], elapsed);
            var from = minutes[k] < elapsed ? route.At(elapsed) : points[k];
            var duration = minutes[k + 1] - start;
            if (duration <= 0 || from == points[k + 1])
            {
                continue;
            }
            foreach (var zone in hotspots.NearSegment(from, points[k + 1], _nearZones))
            {
                shapes.InsideIntervals(zone, from, points[k + 1], _intervals);
                foreach (var (enter, exit) in _intervals)
                {
                    _spans.Add((zone, departed + start + enter * duration, departed + start + exit * duration));
                }
            }
        }
        _spans.Sort((a, b) => a.Zone != b.Zone ? a.Zone.CompareTo(b.Zone) : a.Enter.CompareTo(b.Enter));
        var arrive = departed + route.TotalMinutes;
        for (var i = 0; i < _spans.Count;)
        {
            var (zone, enter, exit) = _spans[i++];
            while (i < _spans.Count && _spans[i].Zone == zone && _spans[i].Enter <= exit + Epsilon)
            {
                exit = Math.Max(exit, _spans[i++].Exit);
            }
            if (enter <= now + Epsilon)
            {
                insideNow.Add(zone);
            }
            else
            {
                events.Schedule(enter, new SimEvent(EventKind.ZoneEnter, unit.Spec.Index, zone, unit.PresenceVersion));
            }
            if (exit < arrive - Epsilon)
            {
                events.Schedule(exit, new SimEvent(EventKind.ZoneExit, unit.Spec.Index, zone, unit.PresenceVersion));
            }
        }
    }
}
