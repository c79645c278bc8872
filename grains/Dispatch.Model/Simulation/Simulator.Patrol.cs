using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Risk-guided patrol (风险导巡), alert-guided checks (预警导查) and school-gate posts (护学岗).
/// </summary>
public sealed partial class Simulator
{
    private double[]? _lastAlert;
    private List<int>? _schoolZones;

    /// <summary>Every re-plan interval: new zone weights from the policy, commitments of units already placed, idle patrol units sent out.</summary>
    private void Replan()
    {
        var options = Scenario.Patrol;
        if (!PatrolPolicy.Patrols)
        {
            return;
        }
        PatrolPolicy.Weigh(Now, options.ReplanMinutes, Risk, Scenario.Zones, Plan.Weights);
        Plan.Reset();
        foreach (var unit in _units)
        {
            if (unit.Status == UnitStatus.Patrol && unit.TargetZone >= 0)
            {
                Plan.Commit(unit.TargetZone);
            }
        }
        foreach (var unit in _units)
        {
            if (unit.Spec.Duty == Duty.Patrol && unit.Status is UnitStatus.Available or UnitStatus.Returning)
            {
                StartPatrolLeg(unit);
            }
        }
        if (Now + options.ReplanMinutes < EndTime)
        {
            _events.Schedule(Now + options.ReplanMinutes, new SimEvent(EventKind.Replan, -1, -1, 0));
        }
    }

    /// <summary>Sends a free patrol unit to the best zone of its beat; false if no zone is worth a visit.</summary>
    private bool StartPatrolLeg(UnitState unit)
    {
        var zone = Plan.Choose(unit.Spec.Beat, unit.PositionAt(Now));
        if (zone < 0)
        {
            return false;
        }
        LeaveAssignment(unit);
        Plan.Commit(zone);
        unit.TargetZone = zone;
        var target = _hotspotRings.SamplePoint(zone, _patrolStreams[unit.Spec.Index]);
        MoveTo(unit, target, UnitStatus.Patrol);
        return true;
    }

    /// <summary>Starts a visible or not visible leg towards <paramref name="target"/>, ending in a <see cref="EventKind.UnitLegEnds"/>.</summary>
    private void MoveTo(UnitState unit, Geometry.Point2 target, UnitStatus status)
    {
        var travel = TravelMinutes(unit, target);
        unit.SetLeg(Now, target, Now + travel);
        unit.IsMoving = true;
        SetStatus(unit, status);
        _events.Schedule(Now + travel, new SimEvent(EventKind.UnitLegEnds, unit.Spec.Index, -1, unit.Version));
    }

    /// <summary>Stays where it is, visibly, until <paramref name="minutes"/> from now (or indefinitely when infinite).</summary>
    private void Dwell(UnitState unit, UnitStatus status, double minutes)
    {
        unit.IsMoving = false;
        SetStatus(unit, status);
        if (double.IsFinite(minutes))
        {
            _events.Schedule(Now + minutes, new SimEvent(EventKind.UnitLegEnds, unit.Spec.Index, -1, unit.Version));
        }
    }

    private void OnLegEnds(UnitState unit)
    {
        var options = Scenario.Patrol;
        switch (unit.Status)
        {
            case UnitStatus.Patrol when unit.IsMoving:
                var dwell = options.DwellMinMinutes + (options.DwellMaxMinutes - options.DwellMinMinutes) * _patrolStreams[unit.Spec.Index].NextDouble();
                Dwell(unit, UnitStatus.Patrol, dwell);
                break;
            case UnitStatus.Check when unit.IsMoving:
                Dwell(unit, UnitStatus.Check, options.CheckMinutes);
                break;
            case UnitStatus.SchoolPost when unit.IsMoving:
                Dwell(unit, UnitStatus.SchoolPost, double.PositiveInfinity);
                break;
            case UnitStatus.Patrol:
                // A dwell block done stays committed for the rest of the period (only a unit pulled
                // away releases its block), so the next choice moves on when another zone of the
                // beat is worth more than a further block here.
                unit.TargetZone = -1;
                ResumeDuty(unit);
                break;
            default:
                LeaveAssignment(unit);
                ResumeDuty(unit);
                break;
        }
    }

    /// <summary>A zone whose forecast risk crossed the alert threshold gets a directed check by the nearest free unit.</summary>
    private void RaiseAlerts(List<int> raised)
    {
        var options = Scenario.Patrol;
        if (raised.Count == 0 || !double.IsFinite(options.AlertThreshold))
        {
            return;
        }
        _lastAlert ??= Enumerable.Repeat(double.NegativeInfinity, Scenario.Zones.Count).ToArray();
        foreach (var zone in raised)
        {
            if (Risk.Forecast(zone, Now) < options.AlertThreshold || Now - _lastAlert[zone] < options.AlertCooldownMinutes)
            {
                continue;
            }
            var centroid = Scenario.Zones[zone].Shape.InteriorPoint;
            var unit = Nearest(u => u.Spec.Duty != Duty.Post && u.Status is UnitStatus.Available or UnitStatus.Patrol or UnitStatus.Returning, centroid);
            if (unit is null)
            {
                continue;
            }
            _lastAlert[zone] = Now;
            ChecksStarted += Counting ? 1 : 0;
            LeaveAssignment(unit);
            unit.TargetZone = zone;
            MoveTo(unit, centroid, UnitStatus.Check);
        }
    }

    private UnitState? Nearest(Func<UnitState, bool> eligible, Geometry.Point2 to)
    {
        UnitState? best = null;
        var bestMinutes = double.PositiveInfinity;
        foreach (var unit in _units)
        {
            if (!eligible(unit))
            {
                continue;
            }
            var minutes = TravelMinutes(unit, to);
            if (minutes < bestMinutes)
            {
                best = unit;
                bestMinutes = minutes;
            }
        }
        return best;
    }

    private void ScheduleSchoolWindows()
    {
        var school = Scenario.SchoolPosts;
        if (school is null)
        {
            return;
        }
        _schoolZones = Scenario.Zones.Where(z => z.IsHotspot && z.Kind == school.ZoneKind).Select(z => z.Index).ToList();
        var startOfDay = Scenario.StartMinuteOfWeek % 1440.0;
        for (var day = 0; day * 1440.0 - startOfDay < EndTime; day++)
        {
            for (var w = 0; w < school.Windows.Count; w++)
            {
                var t = day * 1440.0 - startOfDay + school.Windows[w].StartMinuteOfDay;
                if (t >= 0 && t < EndTime && school.Days.Contains(Scenario.DayOfWeek(t)))
                {
                    _events.Schedule(t, new SimEvent(EventKind.SchoolWindowStarts, w, -1, 0));
                }
            }
        }
    }

    /// <summary>At a peak: every school-gate post is staffed by the nearest free unit of the pool, if there is one.</summary>
    private void OnSchoolWindowStart(int window)
    {
        var school = Scenario.SchoolPosts!;
        var length = school.Windows[window].EndMinuteOfDay - school.Windows[window].StartMinuteOfDay;
        SchoolWindowsStarted += Counting ? 1 : 0;
        foreach (var zone in _schoolZones!)
        {
            var officers = Scenario.Zones[zone].PostOfficers ?? school.OfficersPerPost;
            Ledger.AddSchoolRequired(Now, Now + length, officers);
            var centroid = Scenario.Zones[zone].Shape.InteriorPoint;
            for (var k = 0; k < officers; k++)
            {
                // The status first: the cheapest test, and the one most units fail.
                var unit = Nearest(u => u.Status is UnitStatus.Available or UnitStatus.Patrol or UnitStatus.Returning
                    && !u.Spec.IsSurge && u.Spec.Duty != Duty.Post && school.PoolModes.Contains(u.Spec.Mode), centroid);
                if (unit is null)
                {
                    break;
                }
                SchoolPostings += Counting ? 1 : 0;
                LeaveAssignment(unit);
                unit.TargetZone = zone;
                unit.SchoolWindow = window;
                MoveTo(unit, centroid, UnitStatus.SchoolPost);
            }
        }
        _events.Schedule(Now + length, new SimEvent(EventKind.SchoolWindowEnds, window, -1, 0));
    }

    private void OnSchoolWindowEnd(int window)
    {
        foreach (var unit in _units)
        {
            if (unit.Status == UnitStatus.SchoolPost && unit.SchoolWindow == window)
            {
                LeaveAssignment(unit);
                ResumeDuty(unit);
            }
        }
    }

    /// <summary>School-gate peak windows started (one per window per school day).</summary>
    public int SchoolWindowsStarted { get; private set; }

    /// <summary>Units sent to school-gate posts (officer-shifts).</summary>
    public int SchoolPostings { get; private set; }
}
