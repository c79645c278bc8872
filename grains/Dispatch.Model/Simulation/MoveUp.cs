using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Move-up (动态调警, <c>dispatch.moveUp</c>, off by default; docs/scheduler.md section 10): when a
/// dispatch leaves the sector of the sent unit's station with no free unit, the idle unit of another
/// station nearest (by travel time) to that station moves up to it at once, provided its own sector
/// keeps a free unit; it travels there as a free unit (dispatchable on the way) and waits there until
/// it is sent to a call, after which it goes back to its own station. A sector's free units are its
/// station-duty and patrol units on duty and free (idle, returning or patrolling); only idle or
/// returning station-duty units move up. Ties go to the lower unit index.
/// </summary>
internal sealed class MoveUp(Scenario scenario, SimClock clock, EventQueue events, Fleet fleet)
{
    private readonly UnitState[] _units = fleet.Units;

    /// <summary>Units moved up so far (a count for tests and docs).</summary>
    public int Moves { get; private set; }

    /// <summary>After <paramref name="sent"/> was dispatched: covers its station's sector if that is now empty.</summary>
    public void AfterDispatch(UnitState sent)
    {
        var station = sent.Spec.StationIndex;
        if (sent.Spec.Duty == Duty.Post || FreeIn(station) > 0)
        {
            return;
        }
        var target = scenario.Stations[station].Location;
        UnitState? best = null;
        var bestMinutes = double.PositiveInfinity;
        foreach (var unit in _units)
        {
            if (unit.Spec.StationIndex == station || unit.Spec.Duty != Duty.Station
                || unit.Status is not (UnitStatus.Available or UnitStatus.Returning) || FreeIn(unit.Spec.StationIndex) < 2)
            {
                continue;
            }
            var minutes = fleet.TravelMinutes(unit, target);
            if (minutes < bestMinutes)
            {
                (best, bestMinutes) = (unit, minutes);
            }
        }
        if (best is null)
        {
            return;
        }
        Moves++;
        var travel = fleet.StartLeg(best, target);
        best.TargetZone = -1;
        best.IsMoving = travel > 0;
        fleet.SetStatus(best, travel > 0 ? UnitStatus.Returning : UnitStatus.Available);
        if (travel > 0)
        {
            events.Schedule(clock.Now + travel, new SimEvent(EventKind.UnitBackAtBase, best.Spec.Index, -1, best.Version));
        }
    }

    /// <summary>Free units of a station's sector now (on duty, not on a post, idle, returning or patrolling).</summary>
    private int FreeIn(int station)
    {
        var free = 0;
        foreach (var unit in _units)
        {
            if (unit.Spec.StationIndex == station && unit.Spec.Duty != Duty.Post
                && unit.Status is (UnitStatus.Available or UnitStatus.Returning or UnitStatus.Patrol))
            {
                free++;
            }
        }
        return free;
    }
}
