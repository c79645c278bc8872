using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Command-guided handling (指令导处): an incident is found on view by a present unit or, after its
/// call-handling time, sent to the units the dispatch policy chooses (as many as its type needs),
/// queued by priority when none is free (or diverted without a queue), or given a unit pre-empted
/// from a less urgent incident (<c>CommandCentre.Crews.cs</c>); then turnout, arrival, clearance,
/// and the unit's return to duty (the queue first, then patrol, post or station).
/// </summary>
internal sealed partial class CommandCentre
{
    private readonly Scenario _scenario;
    private readonly SimClock _clock;
    private readonly EventQueue _events;
    private readonly Fleet _fleet;
    private readonly Deployment _deployment;
    private readonly PresenceTracker _presence;
    private readonly IncidentLog _log;
    private readonly IDispatchPolicy _policy;
    private readonly UnitState[] _units;
    private readonly DispatchQueue _queue = new();
    private readonly MoveUp? _moveUp;
    private double _queueArea;
    private double _queueSince;

    public CommandCentre(
        Scenario scenario, SimClock clock, EventQueue events, Fleet fleet, Deployment deployment, PresenceTracker presence,
        IncidentLog log, IDispatchPolicy policy)
    {
        _scenario = scenario;
        _clock = clock;
        _events = events;
        _fleet = fleet;
        _deployment = deployment;
        _presence = presence;
        _log = log;
        _policy = policy;
        _units = fleet.Units;
        _moveUp = scenario.Dispatch.MoveUp ? new MoveUp(scenario, clock, events, fleet) : null;
    }

    /// <summary>Incidents waiting for a unit now.</summary>
    public int QueueLength => _queue.Count;

    /// <summary>Time-average number of incidents waiting in the queue from the start of the statistics to now.</summary>
    public double MeanQueueLength =>
        _clock.Now > _clock.StatsFrom ? (_queueArea + _queue.Count * (_clock.Now - _queueSince)) / (_clock.Now - _clock.StatsFrom) : 0;

    /// <summary>A new incident: found on view, or handed to call handling, then sent, queued or diverted.</summary>
    public void Receive(IncidentRecord incident, IncidentType type)
    {
        if (TryDiscoverOnView(incident, type))
        {
            return;
        }
        if (incident.CallHandlingMinutes > 0)
        {
            _events.Schedule(_clock.Now + incident.CallHandlingMinutes, new SimEvent(EventKind.CallHandled, -1, incident.Id, 0));
            return;
        }
        Assign(incident, type);
    }

    /// <summary>The call-handling time of an incident is over: it is ready for dispatch.</summary>
    public void OnCallHandled(IncidentRecord incident)
    {
        if (!IsHeld(incident))
        {
            Assign(incident, _scenario.IncidentTypes[incident.Type]);
        }
    }

    /// <summary>Sends the units the incident needs; what is short waits in the queue (or, without a queue and with no unit sent, is diverted).</summary>
    private void Assign(IncidentRecord incident, IncidentType type)
    {
        SendUnits(incident, type);
        if (incident.UnitsSent >= incident.UnitsRequired)
        {
            return;
        }
        if (_scenario.Dispatch.Queue)
        {
            Enqueue(incident);
        }
        else if (incident.UnitsSent == 0)
        {
            incident.Diverted = true;
        }
    }

    /// <summary>An incident arising where a free unit is visibly present is found at once, with the type's on-view probability.</summary>
    private bool TryDiscoverOnView(IncidentRecord incident, IncidentType type)
    {
        var present = _presence.UnitsIn(incident.Zone);
        if (present.Count == 0 || incident.ViewDraw >= type.OnViewProbability)
        {
            return false;
        }
        foreach (var index in present)
        {
            var unit = _units[index];
            if (unit.CanTake(incident.Priority, _scenario.Dispatch) && type.CapableModes.Contains(unit.Spec.Mode))
            {
                incident.DiscoveredOnView = true;
                incident.CallHandlingMinutes = 0;
                incident.TurnoutMinutes = 0;
                Dispatch(unit, incident);
                if (incident.UnitsSent < incident.UnitsRequired)
                {
                    // The finder is on scene at once; the rest of the complement is called for.
                    Assign(incident, type);
                }
                return true;
            }
        }
        return false;
    }

    /// <summary>Takes a queued incident out of the queue (before its priority changes, since the order depends on it).</summary>
    public void Withdraw(IncidentRecord incident)
    {
        AccrueQueueArea();
        _queue.Remove(incident);
        incident.InQueue = false;
    }

    /// <summary>A withdrawn incident, now more urgent: sent to the policy's unit (a post may yield to it now) or queued again.</summary>
    public void Requeue(IncidentRecord incident, IncidentType type)
    {
        SendUnits(incident, type);
        if (incident.UnitsSent < incident.UnitsRequired)
        {
            Enqueue(incident);
        }
    }

    /// <summary>
    /// Sends one unit: the first unit sent fixes the incident's dispatch time, unit, origin and ETA;
    /// the unit stands for the incident's turnout time, then travels.
    /// </summary>
    private void Dispatch(UnitState unit, IncidentRecord incident)
    {
        var now = _clock.Now;
        _fleet.LeaveAssignment(unit);
        var departAt = now + incident.TurnoutMinutes;
        var origin = unit.PositionAt(now);
        var travel = _fleet.StartLeg(unit, incident.Location, departAt);
        if (double.IsNaN(incident.DispatchedAt))
        {
            incident.DispatchedAt = now;
            incident.Unit = unit.Spec.Index;
            incident.DispatchOrigin = origin;
            incident.EtaAt = departAt + travel;
        }
        incident.UnitsSent++;
        incident.UnitsBusy++;
        _log.Touch(incident);
        unit.Dispatches++;
        unit.CurrentIncident = incident.Id;
        unit.IsMoving = true;
        _fleet.SetStatus(unit, UnitStatus.EnRoute);
        _events.Schedule(departAt + travel, new SimEvent(EventKind.UnitArrives, unit.Spec.Index, incident.Id, unit.Version));
        _moveUp?.AfterDispatch(unit);
    }

    public void OnArrive(UnitState unit, IncidentRecord incident)
    {
        var now = _clock.Now;
        var type = _scenario.IncidentTypes[incident.Type];
        if (double.IsNaN(incident.ArrivedAt))
        {
            incident.ArrivedAt = now;
            incident.AttendedBeforeEscalation = type.Escalates && now <= incident.CreatedAt + type.EscalationMinutes;
        }
        incident.UnitsArrived++;
        if (incident.UnitsArrived >= incident.UnitsRequired && double.IsNaN(incident.FullComplementAt))
        {
            incident.FullComplementAt = now;
        }
        _log.Touch(incident);
        unit.IsMoving = false;
        _fleet.SetStatus(unit, UnitStatus.OnScene);
        _events.Schedule(now + incident.OnSceneDuration, new SimEvent(EventKind.UnitClears, unit.Spec.Index, incident.Id, unit.Version));
    }

    /// <summary>A unit's on-scene time is over; the incident is cleared when its last unit clears and none is still to come.</summary>
    public void OnClear(UnitState unit, IncidentRecord incident)
    {
        incident.UnitsBusy--;
        if (incident.UnitsBusy == 0 && incident.UnitsSent >= incident.UnitsRequired)
        {
            incident.ClearedAt = _clock.Now;
            var type = _scenario.IncidentTypes[incident.Type];
            if (incident.TransferDraw < type.TransferShare)
            {
                incident.Transferred = true;
                incident.MediationResolved = incident.MediationDraw < _scenario.MediationResolvedShare;
            }
        }
        _log.Touch(incident);
        unit.CurrentIncident = -1;
        if (unit.OffAfterJob)
        {
            _fleet.GoOffShift(unit);
            return;
        }
        ResumeDuty(unit);
    }

    /// <summary>A unit that has just become free: the queue first, then its own duty (patrol, post or station).</summary>
    public void ResumeDuty(UnitState unit)
    {
        if (TryServeHeld(unit) || TryServeQueue(unit))
        {
            return;
        }
        if (unit.Spec.Duty == Duty.Patrol && _deployment.Patrols && _deployment.StartPatrolLeg(unit))
        {
            return;
        }
        _fleet.ReturnToBase(unit);
    }

    /// <summary>At the end of a school-gate window the units on its posts go back to their duty.</summary>
    public void CloseSchoolWindow(int window)
    {
        foreach (var unit in _units)
        {
            if (_deployment.LeavesSchoolPost(unit, window))
            {
                ResumeDuty(unit);
            }
        }
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
            _scenario.IncidentTypes[i.Type].CapableModes.Contains(unit.Spec.Mode)
            && unit.MayLeavePostFor(i.Priority, _scenario.Dispatch));
        if (next is null)
        {
            return false;
        }
        next.InQueue = false;
        Dispatch(unit, next);
        if (next.UnitsSent < next.UnitsRequired)
        {
            Enqueue(next); // still short of its complement: keeps its place (priority, then arrival)
        }
        return true;
    }

    /// <summary>End of the warm-up: the queue area starts from zero here.</summary>
    public void StartStatistics()
    {
        _queueArea = 0;
        _queueSince = _clock.Now;
    }

    private void AccrueQueueArea()
    {
        _queueArea += _queue.Count * (_clock.Now - _queueSince);
        _queueSince = _clock.Now;
    }
}
