namespace Dispatch.Model.Simulation;

/// <summary>Staggered daily shifts (错峰用警): on duty, off duty, and a job that runs past the end.</summary>
public sealed partial class Simulator
{
    private void StartUnit(UnitState unit)
    {
        var shift = unit.Spec.Shift;
        if (shift.IsAlwaysOn)
        {
            ComeOnDuty(unit);
            return;
        }
        var minuteOfDay = Scenario.StartMinuteOfWeek % 1440.0;
        var intoShift = ((minuteOfDay - shift.StartMinuteOfDay) % 1440.0 + 1440.0) % 1440.0;
        if (intoShift < shift.DurationMinutes)
        {
            _events.Schedule(shift.DurationMinutes - intoShift, new SimEvent(EventKind.ShiftEnds, unit.Spec.Index, -1, 0));
            ComeOnDuty(unit);
        }
        else
        {
            MarkDirty(unit);
            _events.Schedule(1440.0 - intoShift, new SimEvent(EventKind.ShiftStarts, unit.Spec.Index, -1, 0));
        }
    }

    private void OnShiftStart(UnitState unit)
    {
        _events.Schedule(Now + unit.Spec.Shift.DurationMinutes, new SimEvent(EventKind.ShiftEnds, unit.Spec.Index, -1, 0));
        if (unit.OffAfterJob)
        {
            // Still busy from the previous shift: the new shift simply carries on with the job.
            unit.OffAfterJob = false;
            return;
        }
        ComeOnDuty(unit);
    }

    /// <summary>On duty at base, then straight to the queue or to its duty.</summary>
    private void ComeOnDuty(UnitState unit)
    {
        unit.PlaceAt(unit.Spec.Base);
        unit.IsMoving = false;
        SetStatus(unit, UnitStatus.Available);
        ResumeDuty(unit);
    }

    private void OnShiftEnd(UnitState unit)
    {
        _events.Schedule(Now + 1440.0 - unit.Spec.Shift.DurationMinutes, new SimEvent(EventKind.ShiftStarts, unit.Spec.Index, -1, 0));
        if (unit.Status is UnitStatus.EnRoute or UnitStatus.OnScene)
        {
            unit.OffAfterJob = true;
        }
        else
        {
            GoOffShift(unit);
        }
    }

    private void GoOffShift(UnitState unit)
    {
        LeaveAssignment(unit);
        unit.OffAfterJob = false;
        unit.PlaceAt(unit.Spec.Base);
        unit.IsMoving = false;
        SetStatus(unit, UnitStatus.OffShift);
    }
}
