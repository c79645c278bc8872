using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>The scan on roads: the same choice as the straight-line scan, with far fewer shortest-path searches.</summary>
public sealed partial class DispatchScan
{
    private (double Bound, int Unit)[] _order = [];

    /// <summary>
    /// The same choice as the scan in index order (ties to the lower index), with the units taken in
    /// order of a lower bound of their time (<see cref="Travel.ITravel.LowerBound"/>): a unit is
    /// searched for only while its bound could still beat a best it may become, and each search stops
    /// once it cannot. The nearest units come first, so most searches end within a short radius.
    /// <see cref="DispatchCandidates.Best"/> is exact; the tactical and sector bests are exact when
    /// they are within reach of a policy's rule (the sector margin, then the tactical preference,
    /// beyond the fastest unit); farther ones are not searched for, and what is returned for them
    /// (a slower unit or none) is then too slow for either rule to pick.
    /// </summary>
    private DispatchCandidates ScanOnRoads(UnitState[] fleet, ReadOnlySpan<bool> capable, Point2 location, int priority, double now, int sector)
    {
        var travel = Travel!;
        if (_order.Length < fleet.Length)
        {
            _order = new (double, int)[fleet.Length];
        }
        var count = 0;
        var (tacticalLeft, insideLeft) = (0, 0);
        for (var i = 0; i < fleet.Length; i++)
        {
            if (IsCandidate(i, fleet[i], priority, capable))
            {
                _order[count++] = (travel.LowerBound(fleet[i].Spec, fleet[i].PositionAt(now), location), i);
                tacticalLeft += _modes[i] == (int)UnitMode.Tactical ? 1 : 0;
                insideLeft += _stations[i] == sector ? 1 : 0;
            }
        }
        var order = _order.AsSpan(0, count);
        order.Sort();
        var (best, bestMinutes) = (-1, double.PositiveInfinity);
        var (tactical, tacticalMinutes) = (-1, double.PositiveInfinity);
        var (inside, insideMinutes) = (-1, double.PositiveInfinity);
        // How much slower than the fastest unit the tactical and the sector's best may be and still
        // change a policy's choice (own-sector-first's margin, then the tactical preference, which
        // applies to priority 1 only); beyond that they are not searched for.
        var insideSlack = sector >= 0 ? Options.SectorMarginMinutes : double.NegativeInfinity;
        var tacticalSlack = priority == 1 && Options.TacticalPreferenceMinutes > 0
            ? Options.TacticalPreferenceMinutes + Math.Max(0, insideSlack)
            : double.NegativeInfinity;
        foreach (var (bound, i) in order)
        {
            var isTactical = _modes[i] == (int)UnitMode.Tactical;
            var isInside = _stations[i] == sector;
            tacticalLeft -= isTactical ? 1 : 0;
            insideLeft -= isInside ? 1 : 0;
            var tacticalLimit = Within(tacticalMinutes, bestMinutes, tacticalSlack);
            var insideLimit = Within(insideMinutes, bestMinutes, insideSlack);
            // The most this unit's time may be and still matter (a tie matters: the lower index wins it).
            var limit = Math.Max(bestMinutes, Math.Max(isTactical ? tacticalLimit : double.NegativeInfinity, isInside ? insideLimit : double.NegativeInfinity));
            if (bound > limit)
            {
                var still = Math.Max(bestMinutes, Math.Max(tacticalLeft > 0 ? tacticalLimit : double.NegativeInfinity, insideLeft > 0 ? insideLimit : double.NegativeInfinity));
                if (bound > still)
                {
                    break; // the bounds only grow from here
                }
                continue;
            }
            var position = fleet[i].PositionAt(now);
            if (travel.SharpLowerBound(fleet[i].Spec, position, location) > limit)
            {
                continue; // surely slower than the limit: a search would only confirm it
            }
            var minutes = travel.Minutes(fleet[i].Spec, position, location, Math.BitIncrement(limit));
            if (minutes < bestMinutes || (minutes == bestMinutes && i < best))
            {
                (best, bestMinutes) = (i, minutes);
            }
            if (isTactical && (minutes < tacticalMinutes || (minutes == tacticalMinutes && i < tactical)))
            {
                (tactical, tacticalMinutes) = (i, minutes);
            }
            if (isInside && (minutes < insideMinutes || (minutes == insideMinutes && i < inside)))
            {
                (inside, insideMinutes) = (i, minutes);
            }
        }
        return new(best, bestMinutes, tactical, tacticalMinutes, inside, insideMinutes);
    }

    /// <summary>The most a second best may take and still matter: below its current best and at most <paramref name="slack"/> over the fastest (no slack: never).</summary>
    private static double Within(double current, double fastest, double slack) =>
        double.IsNegativeInfinity(slack) ? double.NegativeInfinity : Math.Min(current, fastest + slack);
}
