namespace Dispatch.Model.Simulation;

/// <summary>Staggered daily shifts (错峰用警): on duty, off duty, and a job that runs past the end.</summary>
internal sealed partial class Fleet
{
    private readonly double _startMinuteOfDay;

    /// <summary>At the start of the run: on duty now (true: the caller gives it its duty) or off until its shift starts.</summary>
    public bool StartShift(UnitState unit)
    {
        var shift = unit.Spec.Shift;
        if (shift.IsAlwaysOn)
        {
            ComeOnDuty(unit);
            return true;
        }
        var intoShift = ((_startMinuteOfDay - shift.StartMinuteOfDay) % 1440.0 + 1440.0) % 1440.0;
        if (intoShift < shift.DurationMinutes)
        {
            _events.Schedule(shift.DurationMinutes - intoShift, new SimEvent(EventKind.ShiftEnds, unit.Spec.Index, -1, 0));
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
        _events.Schedule(_clock.Now + unit.Spec.Shift.DurationMinutes, new SimEvent(EventKind.ShiftEnds, unit.Spec.Index, -1, 0));
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
        _events.Schedule(_clock.Now + 1440.0 - unit.Spec.Shift.DurationMinutes, new SimEvent(EventKind.ShiftStarts, unit.Spec.Index, -1, 0));
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
