using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Travel;

/// <summary>Straight-line travel: distance x the mode's detour factor / its speed (<see cref="ModeSpec.TravelMinutes"/>).</summary>
public sealed class StraightLineTravel : ITravel
{
    /// <summary>The one instance (it has no state).</summary>
    public static readonly StraightLineTravel Instance = new();

    private StraightLineTravel()
    {
    }

    public bool OnRoads => false;

    public double Minutes(UnitSpec unit, Point2 from, Point2 to, double atMost = double.PositiveInfinity) =>
        unit.Speed.TravelMinutes(from.DistanceTo(to));

    public double LowerBound(UnitSpec unit, Point2 from, Point2 to) => unit.Speed.TravelMinutes(from.DistanceTo(to));

    public TravelRoute? Route(UnitSpec unit, Point2 from, Point2 to) => null;
}
