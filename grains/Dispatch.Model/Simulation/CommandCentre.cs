using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Command-guided handling (指令导处): an incident is found on view by a present unit or sent to the
/// unit the dispatch policy chooses, queued by priority when none is free (or diverted without a
/// queue); then arrival, clearance, and the unit's return to duty (the queue first, then patrol,
/// post or station).
/// </summary>
internal sealed class CommandCentre
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
    }

    /// <summary>Incidents waiting for a unit now.</summary>
    public int QueueLength => _queue.Count;

    /// <summary>Time-average number of incidents waiting in the queue from the start of the statistics to now.</summary>
    public double MeanQueueLength =>
        _clock.Now > _clock.StatsFrom ? (_queueArea + _queue.Count * (_clock.Now - _queueSince)) / (_clock.Now - _clock.StatsFrom) : 0;

    /// <summary>A new incident: found on view, or sent to the policy's unit, or queued, or diverted.</summary>
    public void Receive(IncidentRecord incident, IncidentType type)
    {
        if (TryDiscoverOnView(incident, type))
        {
            return;
        }
        var unit = _policy.ChooseUnit(incident, type, _units, _clock.Now);
        if (unit >= 0)
        {
            Dispatch(_units[unit], incident);
        }
        else if (_scenario.Dispatch.Queue)
        {
            AccrueQueueArea();
            _queue.Enqueue(incident);
        }
        else
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
                Dispatch(unit, incident);
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
    }

    /// <summary>A withdrawn incident, now more urgent: sent to the policy's unit (a post may yield to it now) or queued again.</summary>
    public void Requeue(IncidentRecord incident, IncidentType type)
    {
        var unit = _policy.ChooseUnit(incident, type, _units, _clock.Now);
        if (unit >= 0)
        {
            Dispatch(_units[unit], incident);
        }
        else
        {
            _queue.Enqueue(incident);
        }
    }

    private void Dispatch(UnitState unit, IncidentRecord incident)
    {
        var now = _clock.Now;
        _fleet.LeaveAssignment(unit);
        incident.DispatchOrigin = unit.PositionAt(now);
        var travel = _fleet.StartLeg(unit, incident.Location);
        incident.DispatchedAt = now;
        incident.Unit = unit.Spec.Index;
        incident.EtaAt = now + travel;
        _log.Touch(incident);
        unit.Dispatches++;
        unit.CurrentIncident = incident.Id;
        unit.IsMoving = true;
        _fleet.SetStatus(unit, UnitStatus.EnRoute);
        _events.Schedule(now + travel, new SimEvent(EventKind.UnitArrives, unit.Spec.Index, incident.Id, unit.Version));
    }

    public void OnArrive(UnitState unit, IncidentRecord incident)
    {
        var now = _clock.Now;
        incident.ArrivedAt = now;
        var type = _scenario.IncidentTypes[incident.Type];
        incident.AttendedBeforeEscalation = type.Escalates && now <= incident.CreatedAt + type.EscalationMinutes;
        _log.Touch(incident);
        unit.IsMoving = false;
        _fleet.SetStatus(unit, UnitStatus.OnScene);
        _events.Schedule(now + incident.OnSceneDuration, new SimEvent(EventKind.UnitClears, unit.Spec.Index, incident.Id, unit.Version));
    }

    public void OnClear(UnitState unit, IncidentRecord incident)
    {
        incident.ClearedAt = _clock.Now;
        var type = _scenario.IncidentTypes[incident.Type];
        if (incident.TransferDraw < type.TransferShare)
        {
            incident.Transferred = true;
            incident.MediationResolved = incident.MediationDraw < _scenario.MediationResolvedShare;
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
        if (TryServeQueue(unit))
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
        Dispatch(unit, next);
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
