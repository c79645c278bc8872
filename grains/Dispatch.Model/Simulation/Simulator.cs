using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The discrete-event kernel: virtual time with exact event times, seeded streams per source,
/// thinned Poisson incidents per zone, shifts, dispatch to the nearest free unit and a priority
/// queue. Plain C#: no Orleans, no wall clock, no shared randomness. A run is a pure function of
/// (scenario, seed, replication, days).
/// </summary>
public sealed class Simulator
{
    private readonly EventQueue _events = new();
    private readonly DispatchQueue _queue = new();
    private readonly List<IncidentRecord> _incidents = [];
    private readonly UnitState[] _units;
    private readonly ZoneArrivals[] _arrivals;
    private readonly IDispatchPolicy _policy;
    private readonly bool[] _unitDirty;
    private readonly List<int> _dirtyUnits = [];
    private readonly List<IncidentRecord> _touched = [];
    private double _queueArea;
    private double _queueSince;

    public Simulator(Scenario scenario, long seed, int replication = 0, int? days = null, IDispatchPolicy? policy = null)
    {
        Scenario = scenario;
        Seed = seed;
        Replication = replication;
        EndTime = (days ?? scenario.Days) * 1440.0;
        _policy = policy ?? new NearestAvailableDispatch();
        var streams = new StreamFactory(seed, replication);
        _units = scenario.Units.Select(u => new UnitState(u)).ToArray();
        _unitDirty = new bool[_units.Length];
        _arrivals = scenario.Zones.Select(z => new ZoneArrivals(scenario, z, streams)).ToArray();
        for (var z = 0; z < _arrivals.Length; z++)
        {
            ScheduleCandidate(z, _arrivals[z].NextCandidate(0));
        }
        foreach (var unit in _units)
        {
            StartUnit(unit);
        }
    }

    public Scenario Scenario { get; }

    public long Seed { get; }

    public int Replication { get; }

    /// <summary>Simulated minutes since the start.</summary>
    public double Now { get; private set; }

    /// <summary>End of the run in simulated minutes (days x 1440).</summary>
    public double EndTime { get; }

    public long EventsProcessed { get; private set; }

    public bool IsFinished => Now >= EndTime;

    public IReadOnlyList<IncidentRecord> Incidents => _incidents;

    public IReadOnlyList<UnitState> Units => _units;

    public int QueueLength => _queue.Count;

    /// <summary>Time-average number of incidents waiting in the queue from the start to now.</summary>
    public double MeanQueueLength => Now > 0 ? (_queueArea + _queue.Count * (Now - _queueSince)) / Now : 0;

    /// <summary>Processes every event before <paramref name="time"/> (capped at the end) and moves the clock there.</summary>
    public void RunUntil(double time)
    {
        var limit = Math.Min(time, EndTime);
        while (_events.TryPeekTime(out var next) && next < limit)
        {
            var e = _events.Dequeue(out var at);
            Now = at;
            EventsProcessed++;
            Handle(e);
        }
        Now = Math.Max(Now, limit);
    }

    public void RunToEnd() => RunUntil(EndTime);

    /// <summary>Units and incidents changed since the previous call (for batched grain updates).</summary>
    public (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) DrainChanges()
    {
        var units = _dirtyUnits.Select(i => _units[i]).ToList();
        foreach (var i in _dirtyUnits)
        {
            _unitDirty[i] = false;
        }
        _dirtyUnits.Clear();
        var incidents = _touched.ToList();
        foreach (var incident in _touched)
        {
            incident.Touched = false;
        }
        _touched.Clear();
        return (units, incidents);
    }

    private void Handle(SimEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.ZoneCandidate:
                OnCandidate(e.Subject);
                break;
            case EventKind.UnitArrives when IsCurrent(e):
                OnArrive(_units[e.Subject], _incidents[e.Incident]);
                break;
            case EventKind.UnitClears when IsCurrent(e):
                OnClear(_units[e.Subject], _incidents[e.Incident]);
                break;
            case EventKind.UnitBackAtBase when IsCurrent(e):
                SetStatus(_units[e.Subject], UnitStatus.Available);
                break;
            case EventKind.ShiftStarts:
                OnShiftStart(_units[e.Subject]);
                break;
            case EventKind.ShiftEnds:
                OnShiftEnd(_units[e.Subject]);
                break;
        }
    }

    private bool IsCurrent(SimEvent e) => _units[e.Subject].Version == e.Version;

    private void ScheduleCandidate(int zone, double time)
    {
        if (time < EndTime)
        {
            _events.Schedule(time, new SimEvent(EventKind.ZoneCandidate, zone, -1, 0));
        }
    }

    private void OnCandidate(int z)
    {
        var arrivals = _arrivals[z];
        if (arrivals.Accept(Now))
        {
            CreateIncident(z, arrivals);
        }
        ScheduleCandidate(z, arrivals.NextCandidate(Now));
    }

    private void CreateIncident(int z, ZoneArrivals arrivals)
    {
        var zone = Scenario.Zones[z];
        var u = arrivals.Attributes.NextDouble();
        var mix = Array.FindIndex(zone.MixCumulative, c => u < c);
        var type = Scenario.IncidentTypes[zone.MixTypes[mix < 0 ? zone.MixTypes.Length - 1 : mix]];
        var location = zone.Shape.SamplePoint(arrivals.Attributes);
        var incident = new IncidentRecord
        {
            Id = _incidents.Count,
            Zone = z,
            Type = type.Index,
            Priority = type.Priority,
            Location = location,
            CreatedAt = Now,
            OnSceneDuration = type.OnScene.Sample(arrivals.Service),
        };
        _incidents.Add(incident);
        Touch(incident);
        var unit = _policy.ChooseUnit(incident, type, _units, Now);
        if (unit >= 0)
        {
            Dispatch(_units[unit], incident);
        }
        else if (Scenario.Dispatch.Queue)
        {
            AccrueQueueArea();
            _queue.Enqueue(incident);
        }
        else
        {
            incident.Diverted = true;
        }
    }

    private void Dispatch(UnitState unit, IncidentRecord incident)
    {
        var travel = unit.Spec.Speed.TravelMinutes(unit.PositionAt(Now).DistanceTo(incident.Location));
        incident.DispatchedAt = Now;
        incident.Unit = unit.Spec.Index;
        Touch(incident);
        unit.Dispatches++;
        unit.CurrentIncident = incident.Id;
        unit.SetLeg(Now, incident.Location, Now + travel);
        SetStatus(unit, UnitStatus.EnRoute);
        _events.Schedule(Now + travel, new SimEvent(EventKind.UnitArrives, unit.Spec.Index, incident.Id, unit.Version));
    }

    private void OnArrive(UnitState unit, IncidentRecord incident)
    {
        incident.ArrivedAt = Now;
        Touch(incident);
        SetStatus(unit, UnitStatus.OnScene);
        _events.Schedule(Now + incident.OnSceneDuration, new SimEvent(EventKind.UnitClears, unit.Spec.Index, incident.Id, unit.Version));
    }

    private void OnClear(UnitState unit, IncidentRecord incident)
    {
        incident.ClearedAt = Now;
        Touch(incident);
        unit.CurrentIncident = -1;
        if (unit.OffAfterJob)
        {
            GoOffShift(unit);
            return;
        }
        if (!TryServeQueue(unit))
        {
            ReturnToBase(unit);
        }
    }

    private void ReturnToBase(UnitState unit)
    {
        var travel = unit.Spec.Speed.TravelMinutes(unit.PositionAt(Now).DistanceTo(unit.Spec.Base));
        unit.SetLeg(Now, unit.Spec.Base, Now + travel);
        if (travel <= 0)
        {
            SetStatus(unit, UnitStatus.Available);
            return;
        }
        SetStatus(unit, UnitStatus.Returning);
        _events.Schedule(Now + travel, new SimEvent(EventKind.UnitBackAtBase, unit.Spec.Index, -1, unit.Version));
    }

    /// <summary>Gives a newly free unit the first queued incident it can serve.</summary>
    private bool TryServeQueue(UnitState unit)
    {
        if (_queue.Count == 0)
        {
            return false;
        }
        AccrueQueueArea();
        var next = _queue.TakeFirst(i => Scenario.IncidentTypes[i.Type].CapableModes.Contains(unit.Spec.Mode));
        if (next is null)
        {
            return false;
        }
        Dispatch(unit, next);
        return true;
    }

    private void AccrueQueueArea()
    {
        _queueArea += _queue.Count * (Now - _queueSince);
        _queueSince = Now;
    }

    private void StartUnit(UnitState unit)
    {
        var shift = unit.Spec.Shift;
        if (shift.IsAlwaysOn)
        {
            unit.PlaceAt(unit.Spec.Base);
            SetStatus(unit, UnitStatus.Available);
            return;
        }
        var minuteOfDay = Scenario.StartMinuteOfWeek % 1440.0;
        var intoShift = ((minuteOfDay - shift.StartMinuteOfDay) % 1440.0 + 1440.0) % 1440.0;
        if (intoShift < shift.DurationMinutes)
        {
            unit.PlaceAt(unit.Spec.Base);
            SetStatus(unit, UnitStatus.Available);
            _events.Schedule(shift.DurationMinutes - intoShift, new SimEvent(EventKind.ShiftEnds, unit.Spec.Index, -1, 0));
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
        unit.PlaceAt(unit.Spec.Base);
        SetStatus(unit, UnitStatus.Available);
        TryServeQueue(unit);
    }

    private void OnShiftEnd(UnitState unit)
    {
        _events.Schedule(Now + 1440.0 - unit.Spec.Shift.DurationMinutes, new SimEvent(EventKind.ShiftStarts, unit.Spec.Index, -1, 0));
        if (unit.IsDispatchable)
        {
            GoOffShift(unit);
        }
        else
        {
            unit.OffAfterJob = true;
        }
    }

    private void GoOffShift(UnitState unit)
    {
        unit.OffAfterJob = false;
        unit.PlaceAt(unit.Spec.Base);
        SetStatus(unit, UnitStatus.OffShift);
    }

    private void SetStatus(UnitState unit, UnitStatus status)
    {
        unit.SetStatus(status, Now);
        MarkDirty(unit);
    }

    private void MarkDirty(UnitState unit)
    {
        if (!_unitDirty[unit.Spec.Index])
        {
            _unitDirty[unit.Spec.Index] = true;
            _dirtyUnits.Add(unit.Spec.Index);
        }
    }

    private void Touch(IncidentRecord incident)
    {
        if (!incident.Touched)
        {
            incident.Touched = true;
            _touched.Add(incident);
        }
    }
}
