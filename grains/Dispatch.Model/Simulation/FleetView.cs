using Dispatch.Model.Geometry;
using Dispatch.Model.Scheduling;
using Dispatch.Model.Travel;

namespace Dispatch.Model.Simulation;

/// <summary>The kernel's units as the <see cref="Scheduler"/> reads them, at the clock's time (a struct: the scheduler's calls compile to direct calls).</summary>
internal readonly struct FleetView(UnitState[] units, SimClock clock, ITravel travel) : IFleetView
{
    public UnitAvailability Availability(int unit) => units[unit].Status switch
    {
        UnitStatus.Available or UnitStatus.Returning => UnitAvailability.Idle,
        UnitStatus.Patrol => UnitAvailability.Patrolling,
        _ => UnitAvailability.Busy,
    };

    public int TargetZone(int unit) => units[unit].TargetZone;

    public Point2 Position(int unit) => units[unit].PositionAt(clock.Now);

    public double TravelMinutes(Scenarios.UnitSpec unit, Point2 to, double atMost = double.PositiveInfinity) => travel.Minutes(unit, Position(unit.Index), to, atMost);

    public bool OnRoads => travel.OnRoads;

    public double TravelLowerBound(Scenarios.UnitSpec unit, Point2 to) => travel.LowerBound(unit, Position(unit.Index), to);
}
