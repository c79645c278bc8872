using Dispatch.Model.Geometry;
using Dispatch.Model.Scheduling;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Carries out what the <see cref="Scheduler"/> decides: re-plans on their events, patrol legs and
/// dwells, alert-guided checks and school-gate postings, as moves of the fleet and events.
/// </summary>
internal sealed class Deployment(SimClock clock, EventQueue events, Fleet fleet, Scheduler scheduler, PresenceLedger ledger)
{
    // Reused from one decision to the next (no allocation per re-plan, incident or window).
    private readonly List<int> _sendOut = [];
    private readonly List<Assignment> _assignments = [];

    /// <summary>Whether patrol units patrol between calls (false: they wait at their base).</summary>
    public bool Patrols => scheduler.Patrols;

    /// <summary>Re-plans now, sends the idle patrol units out, and schedules the next re-plan.</summary>
    public void Replan()
    {
        var next = scheduler.Replan(clock.Now, fleet.View, _sendOut);
        foreach (var unit in _sendOut)
        {
            StartPatrolLeg(fleet.Units[unit]);
        }
        if (double.IsFinite(next))
        {
            events.Schedule(next, new SimEvent(EventKind.Replan, -1, -1, 0));
        }
    }

    /// <summary>Sends a free patrol unit to the zone of its beat the scheduler chooses; false if no zone is worth a visit.</summary>
    public bool StartPatrolLeg(UnitState unit)
    {
        var zone = scheduler.ChoosePatrolZone(unit.Spec.Index, unit.PositionAt(clock.Now));
        if (zone < 0)
        {
            return false;
        }
        fleet.LeaveAssignment(unit);
        scheduler.Commit(zone);
        unit.TargetZone = zone;
        fleet.MoveTo(unit, scheduler.PatrolPoint(unit.Spec.Index, zone), UnitStatus.Patrol);
        return true;
    }

    /// <summary>A patrol, check or school-post leg (travel or dwell) ends: true when the unit is now free for its next duty.</summary>
    public bool OnLegEnds(UnitState unit)
    {
        switch (unit.Status)
        {
            case UnitStatus.Patrol when unit.IsMoving:
                fleet.Dwell(unit, UnitStatus.Patrol, scheduler.DwellMinutes(unit.Spec.Index));
                return false;
            case UnitStatus.Check when unit.IsMoving:
                fleet.Dwell(unit, UnitStatus.Check, scheduler.CheckMinutes);
                return false;
            case UnitStatus.SchoolPost when unit.IsMoving:
                fleet.Dwell(unit, UnitStatus.SchoolPost, double.PositiveInfinity);
                return false;
            case UnitStatus.CommandPost when unit.IsMoving:
                fleet.Dwell(unit, UnitStatus.CommandPost, fleet.PostMinutes(unit));
                return false;
            case UnitStatus.Patrol:
                // A dwell block done stays committed for the rest of the period (only a unit pulled
                // away releases its block), so the next choice moves on when another zone of the
                // beat is worth more than a further block here.
                unit.TargetZone = -1;
                return true;
            default:
                fleet.LeaveAssignment(unit);
                return true;
        }
    }

    /// <summary>An incident at <paramref name="at"/>: the scheduler records it and the checks it triggers are started.</summary>
    public void OnIncident(Point2 at)
    {
        scheduler.OnIncident(at, clock.Now, fleet.View, _assignments);
        foreach (var check in _assignments)
        {
            Send(check, UnitStatus.Check);
        }
    }

    /// <summary>Schedules the opening of every school-gate peak window of the run.</summary>
    public void ScheduleSchoolWindows()
    {
        var starts = new List<(double At, int Window)>();
        scheduler.SchoolWindowStarts(starts);
        foreach (var (at, window) in starts)
        {
            events.Schedule(at, new SimEvent(EventKind.SchoolWindowStarts, window, -1, 0));
        }
    }

    /// <summary>A peak window opens: the posts' required minutes are booked, the chosen units sent, the window's end scheduled.</summary>
    public void OpenSchoolWindow(int window)
    {
        var now = clock.Now;
        var length = scheduler.OpenSchoolWindow(window, now, fleet.View, _assignments);
        foreach (var post in scheduler.SchoolPosts)
        {
            ledger.AddSchoolRequired(now, now + length, post.Officers);
        }
        foreach (var posting in _assignments)
        {
            fleet.Units[posting.Unit].SchoolWindow = window;
            Send(posting, UnitStatus.SchoolPost);
        }
        events.Schedule(now + length, new SimEvent(EventKind.SchoolWindowEnds, window, -1, 0));
    }

    /// <summary>At the end of <paramref name="window"/>: true (and the post left) when the unit is on that window's post; the caller gives it its duty.</summary>
    public bool LeavesSchoolPost(UnitState unit, int window)
    {
        if (unit.Status != UnitStatus.SchoolPost || unit.SchoolWindow != window)
        {
            return false;
        }
        fleet.LeaveAssignment(unit);
        return true;
    }

    private void Send(Assignment assignment, UnitStatus status)
    {
        var unit = fleet.Units[assignment.Unit];
        fleet.LeaveAssignment(unit);
        unit.TargetZone = assignment.Zone;
        fleet.MoveTo(unit, assignment.At, status);
    }
}
