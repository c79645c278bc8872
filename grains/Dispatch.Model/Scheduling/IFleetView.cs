using Dispatch.Model.Geometry;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// The fleet as the scheduler reads it, by unit index (the index of <see cref="Scenarios.UnitSpec"/>),
/// at the kernel's current time. The scheduler only reads it: the kernel applies what the scheduler
/// decides. The kernel implements it with a struct and the scheduler takes it as a generic
/// argument, so every call compiles to a direct call.
/// </summary>
public interface IFleetView
{
    /// <summary>Whether the unit is busy, idle or patrolling now.</summary>
    UnitAvailability Availability(int unit);

    /// <summary>The zone the unit is heading to or dwelling in (patrol, check, school post), or -1.</summary>
    int TargetZone(int unit);

    /// <summary>Where the unit is now.</summary>
    Point2 Position(int unit);

    /// <summary>
    /// Minutes the unit needs from where it is now to <paramref name="to"/> (straight line or roads, as
    /// the run travels; exact below <paramref name="atMost"/>, else at least that); by default the straight line.
    /// </summary>
    double TravelMinutes(Scenarios.UnitSpec unit, Point2 to, double atMost = double.PositiveInfinity) => unit.Speed.TravelMinutes(Position(unit.Index).DistanceTo(to));

    /// <summary>Whether units travel on roads (then <see cref="TravelLowerBound"/> orders the searches).</summary>
    bool OnRoads => false;

    /// <summary>A lower bound of <see cref="TravelMinutes"/> that costs no search.</summary>
    double TravelLowerBound(Scenarios.UnitSpec unit, Point2 to) => TravelMinutes(unit, to);
}
