using System.Runtime.CompilerServices;
using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The discrete-event kernel: virtual time with exact event times, seeded streams per source,
/// thinned Poisson incidents per zone, shifts, dispatch to the nearest free unit with a priority
/// queue, patrol under a scheduling policy, posts, checks, presence, deterrence and discovery.
/// Plain C#: no Orleans, no wall clock, no shared randomness. A run is a pure function of
/// (scenario, seed, replication, days). The partial files hold one concern each.
/// </summary>
public sealed partial class Simulator
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
    private readonly RandomStream[] _patrolStreams;
    /// <summary>The hotspot index of each scenario, built once and shared (each simulator gets its own query scratch).</summary>
    /// <remarks>Lazy, so that replications starting together wait for one build instead of each making its own.</remarks>
    private static readonly ConditionalWeakTable<Scenario, Lazy<ZoneIndex>> HotspotIndexes = new();
    /// <summary>The hotspot rings of each scenario packed for clipping, built once and shared (read only).</summary>
    private static readonly ConditionalWeakTable<Scenario, PackedRings> HotspotRings = new();

    private double _queueArea;
    private double _queueSince;

    // Called once per run, so tiered compilation would leave it unoptimised for a process's first
    // 30 runs: optimised at once instead (docs/performance.md).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public Simulator(Scenario scenario, long seed, int replication = 0, int? days = null, IDispatchPolicy? policy = null, double warmupDays = 0)
    {
        Scenario = scenario;
        Seed = seed;
        Replication = replication;
        EndTime = (days ?? scenario.Days) * 1440.0;
        StatsFrom = Math.Min(Math.Max(0, warmupDays * 1440.0), EndTime);
        _policy = policy ?? DispatchPolicies.Create(scenario);
        // The ledger's part shared by the replications of a scenario is the largest piece of set-up
        // for a new scenario: worked out on another core while this one does the rest.
        var ledger = Task.Run(() => PresenceLedger.For(scenario, EndTime, StatsFrom));
        var streams = new StreamFactory(seed, replication);
        _units = scenario.Units.Select(u => new UnitState(u)).ToArray();
        _unitDirty = new bool[_units.Length];
        _patrolStreams = scenario.Units.Select(u => streams.Create("patrol/", u.Id)).ToArray();
        _arrivals = scenario.Zones.Select(z => new ZoneArrivals(scenario, z, streams)).ToArray();
        Hotspots = HotspotIndexes.GetValue(scenario, s => new(() => new ZoneIndex(s.Zones.Where(z => z.IsHotspot).Select(z => (z.Index, z.Shape))))).Value.Share();
        Risk = new RiskModel(scenario, Hotspots);
        PatrolPolicy = PatrolPolicies.Create(scenario.Patrol.Policy);
        Plan = new PatrolPlan(scenario.Zones, scenario.Patrol.Diminishing);
        _zones = scenario.Zones.Select(_ => new ZonePresence()).ToArray();
        _hotspotRings = HotspotRings.GetValue(scenario, s => new PackedRings([.. s.Zones.Select(z => z.Shape)], z => s.Zones[z].IsHotspot));
        _visibility = scenario.Units.Select(u => u.Speed.Visibility).ToArray();
        Prevented = new int[scenario.Zones.Count];
        Ledger = ledger.GetAwaiter().GetResult();
        for (var z = 0; z < _arrivals.Length; z++)
        {
            ScheduleCandidate(z, _arrivals[z].NextCandidate(0));
        }
        if (StatsFrom > 0)
        {
            _events.Schedule(StatsFrom, new SimEvent(EventKind.StatisticsStart, -1, -1, 0));
        }
        Replan();
        ScheduleSchoolWindows();
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

    /// <summary>Start of the statistics in simulated minutes (the end of the warm-up).</summary>
    public double StatsFrom { get; }

    /// <summary>Whether statistics are being collected now (after the warm-up).</summary>
    public bool Counting => Now >= StatsFrom;

    /// <summary>End of the run in simulated minutes (days x 1440).</summary>
    public double EndTime { get; }

    public long EventsProcessed { get; private set; }

    public bool IsFinished => Now >= EndTime;

    public IReadOnlyList<IncidentRecord> Incidents => _incidents;

    public IReadOnlyList<UnitState> Units => _units;

    public int QueueLength => _queue.Count;

    public ZoneIndex Hotspots { get; }

    public RiskModel Risk { get; }

    public IPatrolPolicy PatrolPolicy { get; }

    public PatrolPlan Plan { get; }

    public PresenceLedger Ledger { get; }

    /// <summary>Incidents prevented by presence, per zone (candidates that would have occurred without it).</summary>
    public int[] Prevented { get; }

    /// <summary>Alert-guided checks started.</summary>
    public int ChecksStarted { get; private set; }

    /// <summary>Time-average number of incidents waiting in the queue from the start to now.</summary>
    public double MeanQueueLength => Now > StatsFrom ? (_queueArea + _queue.Count * (Now - _queueSince)) / (Now - StatsFrom) : 0;

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
                OnBackAtBase(_units[e.Subject]);
                break;
            case EventKind.UnitLegEnds when IsCurrent(e):
                OnLegEnds(_units[e.Subject]);
                break;
            case EventKind.ShiftStarts:
                OnShiftStart(_units[e.Subject]);
                break;
            case EventKind.ShiftEnds:
                OnShiftEnd(_units[e.Subject]);
                break;
            case EventKind.ZoneEnter when _units[e.Subject].PresenceVersion == e.Version:
                EnterZone(_units[e.Subject], e.Incident);
                break;
            case EventKind.ZoneExit when _units[e.Subject].PresenceVersion == e.Version:
                ExitZone(_units[e.Subject], e.Incident);
                break;
            case EventKind.Replan:
                Replan();
                break;
            case EventKind.SchoolWindowStarts:
                OnSchoolWindowStart(e.Subject);
                break;
            case EventKind.SchoolWindowEnds:
                OnSchoolWindowEnd(e.Subject);
                break;
            case EventKind.Escalation:
                OnEscalation(_incidents[e.Incident]);
                break;
            case EventKind.StatisticsStart:
                StartStatistics();
                break;
        }
    }

    private bool IsCurrent(SimEvent e) => _units[e.Subject].Version == e.Version;

    /// <summary>Changes a unit's status and recomputes where it is visibly present.</summary>
    private void SetStatus(UnitState unit, UnitStatus status)
    {
        if (unit.Status == UnitStatus.SchoolPost && unit.StandingInStatus)
        {
            Ledger.AddSchoolStaffed(unit.StatusSince, Now);
        }
        unit.SetStatus(status, Now);
        MarkDirty(unit);
        UpdatePresence(unit);
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

    /// <summary>End of the warm-up: unit minutes and the queue area start from zero here.</summary>
    private void StartStatistics()
    {
        foreach (var unit in _units)
        {
            unit.SnapshotMinutes(Now);
        }
        _queueArea = 0;
        _queueSince = Now;
    }

    private void AccrueQueueArea()
    {
        _queueArea += _queue.Count * (Now - _queueSince);
        _queueSince = Now;
    }

    private double TravelMinutes(UnitState unit, Point2 to) => unit.Spec.Speed.TravelMinutes(unit.PositionAt(Now).DistanceTo(to));
}
