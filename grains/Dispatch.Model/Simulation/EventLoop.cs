namespace Dispatch.Model.Simulation;

/// <summary>
/// The event loop: takes the next event off the <see cref="EventQueue"/>, moves the
/// <see cref="SimClock"/> to it, and hands it to the component it belongs to; a unit's events
/// superseded by a later change of its status (or of its presence) are dropped.
/// </summary>
internal sealed class EventLoop
{
    private readonly SimClock _clock;
    private readonly EventQueue _events;
    private readonly UnitState[] _units;
    private readonly IncidentLog _log;
    private readonly IncidentSource _source;
    private readonly Fleet _fleet;
    private readonly PresenceTracker _presence;
    private readonly Deployment _deployment;
    private readonly CommandCentre _command;

    public EventLoop(
        SimClock clock, EventQueue events, IncidentLog log, IncidentSource source, Fleet fleet, PresenceTracker presence,
        Deployment deployment, CommandCentre command)
    {
        _clock = clock;
        _events = events;
        _units = fleet.Units;
        _log = log;
        _source = source;
        _fleet = fleet;
        _presence = presence;
        _deployment = deployment;
        _command = command;
    }

    public long EventsProcessed { get; private set; }

    /// <summary>
    /// The first events: every zone's first candidate, the end of the warm-up, the first re-plan,
    /// the school-gate windows, and each unit on duty (sent to its duty) or off until its shift.
    /// </summary>
    public void Start()
    {
        _source.Start();
        if (_clock.StatsFrom > 0)
        {
            _events.Schedule(_clock.StatsFrom, new SimEvent(EventKind.StatisticsStart, -1, -1, 0));
        }
        _deployment.Replan();
        _deployment.ScheduleSchoolWindows();
        foreach (var unit in _units)
        {
            if (_fleet.StartShift(unit))
            {
                _command.ResumeDuty(unit);
            }
        }
    }

    /// <summary>Processes every event before <paramref name="time"/> (capped at the end) and moves the clock there.</summary>
    public void RunUntil(double time)
    {
        var limit = Math.Min(time, _clock.EndTime);
        while (_events.TryPeekTime(out var next) && next < limit)
        {
            var e = _events.Dequeue(out var at);
            _clock.Now = at;
            EventsProcessed++;
            Handle(e);
            _log.Retire();
        }
        _clock.Now = Math.Max(_clock.Now, limit);
    }

    private void Handle(SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.ZoneCandidate:
                _source.OnCandidate(e.Subject);
                break;
            case EventKind.UnitArrives when IsCurrent(e):
                _command.OnArrive(_units[e.Subject], _log[e.Incident]);
                break;
            case EventKind.UnitClears when IsCurrent(e):
                _command.OnClear(_units[e.Subject], _log[e.Incident]);
                break;
            case EventKind.UnitBackAtBase when IsCurrent(e):
                _fleet.OnBackAtBase(_units[e.Subject]);
                break;
            case EventKind.UnitLegEnds when IsCurrent(e):
                if (_deployment.OnLegEnds(_units[e.Subject]))
                {
                    _command.ResumeDuty(_units[e.Subject]);
                }
                break;
            case EventKind.ShiftStarts:
                if (_fleet.OnShiftStart(_units[e.Subject]))
                {
                    _command.ResumeDuty(_units[e.Subject]);
                }
                break;
            case EventKind.ShiftEnds:
                _fleet.OnShiftEnd(_units[e.Subject]);
                _command.ReleaseHeldOf(_units[e.Subject]);
                break;
            case EventKind.CallInEnds:
                _fleet.OnCallInEnds(_units[e.Subject], e.Version);
                _command.ReleaseHeldOf(_units[e.Subject]);
                break;
            case EventKind.ZoneEnter when _units[e.Subject].PresenceVersion == e.Version:
                _presence.Enter(_units[e.Subject], e.Incident);
                break;
            case EventKind.ZoneExit when _units[e.Subject].PresenceVersion == e.Version:
                _presence.Exit(_units[e.Subject], e.Incident);
                break;
            case EventKind.Replan:
                _deployment.Replan();
                break;
            case EventKind.SchoolWindowStarts:
                _deployment.OpenSchoolWindow(e.Subject);
                break;
            case EventKind.SchoolWindowEnds:
                _command.CloseSchoolWindow(e.Subject);
                break;
            case EventKind.CallHandled:
                _command.OnCallHandled(_log[e.Incident]);
                break;
            case EventKind.Escalation:
                // A retired incident is final: its escalation would change nothing.
                if (_log.TryGet(e.Incident, out var escalating))
                {
                    _source.OnEscalation(escalating);
                }
                break;
            case EventKind.StatisticsStart:
                _fleet.SnapshotMinutes();
                _command.StartStatistics();
                break;
        }
    }

    private bool IsCurrent(SimEvent e) => _units[e.Subject].Version == e.Version;
}
