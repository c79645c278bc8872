using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>Command-guided handling (指令导处): dispatch, arrival, clearance, the queue, return to duty.</summary>
public sealed partial class Simulator
{
    private void Dispatch(UnitState unit, IncidentRecord incident)
    {
        LeaveAssignment(unit);
        var travel = TravelMinutes(unit, incident.Location);
        incident.DispatchedAt = Now;
        incident.Unit = unit.Spec.Index;
        incident.DispatchOrigin = unit.PositionAt(Now);
        incident.EtaAt = Now + travel;
        Touch(incident);
        unit.Dispatches++;
        unit.CurrentIncident = incident.Id;
        unit.SetLeg(Now, incident.Location, Now + travel);
        unit.IsMoving = true;
        SetStatus(unit, UnitStatus.EnRoute);
        _events.Schedule(Now + travel, new SimEvent(EventKind.UnitArrives, unit.Spec.Index, incident.Id, unit.Version));
    }

    private void OnArrive(UnitState unit, IncidentRecord incident)
    {
        incident.ArrivedAt = Now;
        var type = Scenario.IncidentTypes[incident.Type];
        incident.AttendedBeforeEscalation = type.Escalates && Now <= incident.CreatedAt + type.EscalationMinutes;
        Touch(incident);
        unit.IsMoving = false;
        SetStatus(unit, UnitStatus.OnScene);
        _events.Schedule(Now + incident.OnSceneDuration, new SimEvent(EventKind.UnitClears, unit.Spec.Index, incident.Id, unit.Version));
    }

    private void OnClear(UnitState unit, IncidentRecord incident)
    {
        incident.ClearedAt = Now;
        MarkTransfer(incident);
        Touch(incident);
        unit.CurrentIncident = -1;
        if (unit.OffAfterJob)
        {
            GoOffShift(unit);
            return;
        }
        ResumeDuty(unit);
    }

    /// <summary>A unit that has just become free: the queue first, then its own duty (patrol, post or station).</summary>
    private void ResumeDuty(UnitState unit)
    {
        if (TryServeQueue(unit))
        {
            return;
        }
        if (unit.Spec.Duty == Duty.Patrol && PatrolPolicy.Patrols && StartPatrolLeg(unit))
        {
            return;
        }
        ReturnToBase(unit);
    }

    private void ReturnToBase(UnitState unit)
    {
        var travel = TravelMinutes(unit, unit.Spec.Base);
        unit.SetLeg(Now, unit.Spec.Base, Now + travel);
        unit.TargetZone = -1;
        if (travel <= 0)
        {
            unit.IsMoving = false;
            SetStatus(unit, UnitStatus.Available);
            return;
        }
        unit.IsMoving = true;
        SetStatus(unit, UnitStatus.Returning);
        _events.Schedule(Now + travel, new SimEvent(EventKind.UnitBackAtBase, unit.Spec.Index, -1, unit.Version));
    }

    private void OnBackAtBase(UnitState unit)
    {
        unit.IsMoving = false;
        SetStatus(unit, UnitStatus.Available);
    }

    /// <summary>Gives a newly free unit the first queued incident it can serve.</summary>
    private bool TryServeQueue(UnitState unit)
    {
        if (_queue.Count == 0)
        {
            return false;
        }
        AccrueQueueArea();
        var next = _queue.TakeFirst(i =>
            Scenario.IncidentTypes[i.Type].CapableModes.Contains(unit.Spec.Mode)
            && unit.MayLeavePostFor(i.Priority, Scenario.Dispatch));
        if (next is null)
        {
            return false;
        }
        Dispatch(unit, next);
        return true;
    }

    /// <summary>Releases whatever patrol, check or school-post assignment the unit had.</summary>
    private void LeaveAssignment(UnitState unit)
    {
        if (unit.Status == UnitStatus.Patrol)
        {
            Plan.Release(unit.TargetZone);
        }
        unit.TargetZone = -1;
    }
}
