using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>The nearest free unit by travel time, for checks and school posts.</summary>
internal static class NearestUnit
{
    /// <summary>
    /// The unit with the shortest travel time to <paramref name="to"/> from where it is now among
    /// those idle or patrolling, <paramref name="allowed"/> and not yet <paramref name="taken"/>;
    /// ties go to the lower index; -1 when there is none. On roads the units are tried in order of a
    /// lower bound of their time, and the search stops when no further unit can beat the best.
    /// </summary>
    public static int Find<TFleet>(TFleet fleet, UnitSpec[] units, bool[] allowed, bool[] taken, Point2 to)
        where TFleet : IFleetView
    {
        var best = -1;
        var bestMinutes = double.PositiveInfinity;
        if (fleet.OnRoads)
        {
            var order = new List<(double Bound, int Unit)>();
            for (var unit = 0; unit < units.Length; unit++)
            {
                if (allowed[unit] && !taken[unit] && fleet.Availability(unit) != UnitAvailability.Busy)
                {
                    order.Add((fleet.TravelLowerBound(units[unit], to), unit));
                }
            }
            order.Sort();
            foreach (var (bound, unit) in order)
            {
                if (bound > bestMinutes)
                {
                    break;
                }
                var minutes = fleet.TravelMinutes(units[unit], to, Math.BitIncrement(bestMinutes));
                if (minutes < bestMinutes || (minutes == bestMinutes && unit < best))
                {
                    best = unit;
                    bestMinutes = minutes;
                }
            }
            return best;
        }
        for (var unit = 0; unit < units.Length; unit++)
        {
            if (!allowed[unit] || taken[unit] || fleet.Availability(unit) == UnitAvailability.Busy)
            {
                continue;
            }
            var minutes = fleet.TravelMinutes(units[unit], to, bestMinutes);
            if (minutes < bestMinutes)
            {
                best = unit;
                bestMinutes = minutes;
            }
        }
        return best;
    }
}
