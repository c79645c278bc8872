using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Travel;

/// <summary>
/// How units travel: the minutes a trip takes and the way it follows. Dispatch, the scheduler's
/// nearest-unit choices, units' legs, presence crossings and the live map all go through this one
/// function: <see cref="StraightLineTravel"/> (distance x detour / speed, the default) or
/// <see cref="RoadTravel"/> (shortest paths on the scenario's roads).
/// </summary>
public interface ITravel
{
    /// <summary>Whether trips follow roads (legs then have a <see cref="TravelRoute"/>).</summary>
    bool OnRoads { get; }

    /// <summary>
    /// Minutes for <paramref name="unit"/> from <paramref name="from"/> to <paramref name="to"/>: exact
    /// when less than <paramref name="atMost"/>, otherwise any value of at least <paramref name="atMost"/>
    /// (a search may stop early once the trip surely takes that long).
    /// </summary>
    double Minutes(UnitSpec unit, Point2 from, Point2 to, double atMost = double.PositiveInfinity);

    /// <summary>A lower bound of <see cref="Minutes"/> that costs no search (straight lines: the minutes themselves).</summary>
    double LowerBound(UnitSpec unit, Point2 from, Point2 to);

    /// <summary>
    /// A lower bound of <see cref="Minutes"/> at least as high as <see cref="LowerBound"/>, that costs no
    /// search but more than it (on roads: landmark times, <see cref="Roads.Landmarks"/>); asked only
    /// for the units a scan is about to search for.
    /// </summary>
    double SharpLowerBound(UnitSpec unit, Point2 from, Point2 to) => LowerBound(unit, from, to);

    /// <summary>The way the trip follows with the minute at each point; null for a straight line.</summary>
    TravelRoute? Route(UnitSpec unit, Point2 from, Point2 to);
}

/// <summary>A trip's polyline with the minutes from its start at each point (the first 0, the last the trip's length).</summary>
public sealed record TravelRoute(Point2[] Points, double[] Minutes)
{
    public double TotalMinutes => Minutes[^1];

    /// <summary>Position <paramref name="t"/> minutes after the start (clamped to the ends).</summary>
    public Point2 At(double t)
    {
        if (t <= 0)
        {
            return Points[0];
        }
        if (t >= Minutes[^1])
        {
            return Points[^1];
        }
        var k = Array.BinarySearch(Minutes, t);
        if (k >= 0)
        {
            return Points[k];
        }
        k = ~k; // Minutes[k - 1] < t < Minutes[k]
        var span = Minutes[k] - Minutes[k - 1];
        return span <= 0 ? Points[k] : Points[k - 1].Lerp(Points[k], (t - Minutes[k - 1]) / span);
    }
}
