namespace Dispatch.Model.Simulation;

/// <summary>
/// Staggered daily shifts (错峰用警): on duty, off duty, and a job that runs past the end; a unit with
/// a roster (weekdays, calendar entries) works only the shifts that start on its days.
/// </summary>
internal sealed partial class Fleet
{
    private readonly double _startMinuteOfDay;

    /// <summary>The start of the run (local date and time), for the dates of the rostered units' shifts.</summary>
    public DateTime Start { get; init; }

    /// <summary>Whether a rostered unit works the shift starting at simulated minute t (a shift belongs to the day it starts).</summary>
    private bool Works(UnitState unit, double t) =>
        unit.Spec.Roster is not { } roster
        || roster.WorksOn(Start.Date.AddDays(Math.Floor((_startMinuteOfDay + t) / 1440.0 + 1e-9)));

    /// <summary>The shift's length; a rostered unit on duty round the clock works days from midnight to midnight.</summary>
    private static double Duration(UnitState unit) =>
        unit.Spec.Roster is null ? unit.Spec.Shift.DurationMinutes : Math.Min(unit.Spec.Shift.DurationMinutes, 1440.0);

    /// <summary>At the start of the run: on duty now (true: the caller gives it its duty) or off until its shift starts.</summary>
    public bool StartShift(UnitState unit)
    {
        var shift = unit.Spec.Shift;
        if (shift.IsAlwaysOn && unit.Spec.Roster is null)
        {
            ComeOnDuty(unit);
            return true;
        }
        var intoShift = ((_startMinuteOfDay - shift.StartMinuteOfDay) % 1440.0 + 1440.0) % 1440.0;
        if (intoShift < Duration(unit) && Works(unit, -intoShift))
        {
            _events.Schedule(Duration(unit) - intoShift, new SimEvent(EventKind.ShiftEnds, unit.Spec.Index, -1, 0));
            ComeOnDuty(unit);
            return true;
        }
        MarkDirty(unit);
        _events.Schedule(1440.0 - intoShift, new SimEvent(EventKind.ShiftStarts, unit.Spec.Index, -1, 0));
        return false;
    }

    /// <summary>A shift starts: true when the unit came on duty (the caller gives it its duty), false when it carries on with a job from the previous shift.</summary>
    public bool OnShiftStart(UnitState unit)
    {
        if (!Works(unit, _clock.Now))
        {
            // Not one of its days: off until the next shift start (a job in hand is finished first).
            _events.Schedule(_clock.Now + 1440.0, new SimEvent(EventKind.ShiftStarts, unit.Spec.Index, -1, 0));
            return false;
        }
        _events.Schedule(_clock.Now + Duration(unit), new SimEvent(EventKind.ShiftEnds, unit.Spec.Index, -1, 0));
        if (IsCalledIn(unit))
        {
            // On duty by a call-in: the regular shift takes over where it is.
            EndCallIn(unit);
            return false;
        }
        if (unit.OffAfterJob)
        {
            // Still busy from the previous shift: the new shift simply carries on with the job.
            unit.OffAfterJob = false;
            return false;
        }
        ComeOnDuty(unit);
        return true;
    }

    /// <summary>On duty at base (the caller then sends it to the queue or to its duty).</summary>
    private void ComeOnDuty(UnitState unit)
    {
        unit.PlaceAt(unit.Spec.Base);
        unit.IsMoving = false;
        SetStatus(unit, UnitStatus.Available);
    }

    /// <summary>A shift ends: off duty now, or when the job in hand is done.</summary>
    public void OnShiftEnd(UnitState unit)
    {
        _events.Schedule(_clock.Now + 1440.0 - Duration(unit), new SimEvent(EventKind.ShiftStarts, unit.Spec.Index, -1, 0));
        EndCallIn(unit);
        if (unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene)
        {
            unit.OffAfterJob = true;
        }
        else
        {
            GoOffShift(unit);
        }
    }

    public void GoOffShift(UnitState unit)
    {
        LeaveAssignment(unit);
        unit.OffAfterJob = false;
        unit.PlaceAt(unit.Spec.Base);
        unit.IsMoving = false;
        SetStatus(unit, UnitStatus.OffShift);
    }
}
