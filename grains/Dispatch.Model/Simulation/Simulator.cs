using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;
using Dispatch.Model.Travel;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The discrete-event kernel: virtual time with exact event times, seeded streams per source,
/// thinned Poisson incidents per zone, shifts, dispatch to the nearest free unit with a priority
/// queue, patrol under a scheduling policy, posts, checks, presence, deterrence and discovery.
/// Plain C#: no Orleans, no wall clock, no shared randomness. A run is a pure function of
/// (scenario, seed, replication, days). This class puts the kernel's components together and is
/// what the reports, the grains and the tests use: the <see cref="EventLoop"/>, the
/// <see cref="IncidentSource"/>, the <see cref="Fleet"/> and its shifts, the
/// <see cref="PresenceTracker"/> with its <see cref="PresenceLedger"/>, the <see cref="Scheduling.Scheduler"/>
/// (carried out by the <see cref="Deployment"/>) and the <see cref="CommandCentre"/>.
/// </summary>
public sealed partial class Simulator
{
    private readonly IDispatchPolicy _policy;
    private readonly SimClock _clock;
    private readonly IncidentLog _log;
    private readonly Fleet _fleet;
    private readonly PresenceTracker _presence;
    private readonly CommandCentre _command;
    private readonly IncidentSource _source;
    private readonly EventLoop _loop;

    /// <summary>
    /// A kernel ready to run. With <c>keepIncidents</c> <see cref="Incidents"/> keeps every incident for the whole run (tests, the
    /// history writer); the reports never need it, and a run's grain keeps only the incidents not yet final.
    /// </summary>
    public Simulator(Scenario scenario, long seed, int replication = 0, int? days = null, IDispatchPolicy? policy = null, double warmupDays = 0,
        bool keepIncidents = true)
    {
        Scenario = scenario;
        Seed = seed;
        Replication = replication;
        var endTime = (days ?? scenario.Days) * 1440.0;
        _clock = new SimClock(endTime, Math.Min(Math.Max(0, warmupDays * 1440.0), endTime));
        _policy = policy ?? DispatchPolicies.Create(scenario);
        var streams = new StreamFactory(seed, replication);
        var units = scenario.Units.Select(u => new UnitState(u) { DayStartMinute = scenario.StartMinuteOfWeek % 1440.0 }).ToArray();
        Hotspots = HotspotGeometry.Index(scenario);
        Risk = new RiskModel(scenario, Hotspots);
        PatrolPolicy = PatrolPolicies.Create(scenario.Patrol.Policy);
        Scheduler = new Scheduler(scenario, PatrolPolicy, Risk, streams, EndTime, StatsFrom);
        var shapes = HotspotGeometry.PackedRings(scenario);
        // The ledger's part shared by the replications of a scenario is made once per scenario,
        // end time and warm-up (on this thread: the kernel starts no threads of its own).
        Ledger = PresenceLedger.For(scenario, EndTime, StatsFrom);
        _log = new IncidentLog(new IncidentTotals(scenario, Ledger, StatsFrom), keepIncidents);
        var events = new EventQueue();
        _presence = new PresenceTracker(scenario, _clock, events, Hotspots, shapes, Ledger);
        Travel = scenario.Roads is { } roads ? new RoadTravel(roads) : StraightLineTravel.Instance;
        if (Travel.OnRoads)
        {
            _policy.UseTravel(Travel);
        }
        _fleet = new Fleet(units, scenario.StartMinuteOfWeek % 1440.0, _clock, events, _presence, Scheduler, Travel) { Start = scenario.Start };
        var deployment = new Deployment(_clock, events, _fleet, Scheduler, Ledger);
        _command = new CommandCentre(scenario, _clock, events, _fleet, deployment, _presence, _log, _policy);
        _source = new IncidentSource(scenario, _clock, events, streams, shapes, _presence, _log, _command, deployment);
        _loop = new EventLoop(_clock, events, _log, _source, _fleet, _presence, deployment, _command);
        _desk = new CommandDesk(scenario, _clock, _fleet, _command, _source, _log, streams);
        _loop.Start();
    }

    /// <summary>
    /// Works out, on the calling thread, what every kernel of this scenario, length and warm-up
    /// shares and keeps for them (the hotspot index and rings, the presence ledger's slots: for a
    /// year of a 2,500-zone city about half a second), so that a kernel made afterwards starts at
    /// once. A process that will run the scenario can call it on a spare core while it waits for
    /// something else; a kernel made meanwhile waits for the same work rather than doing it twice.
    /// </summary>
    public static void Prepare(Scenario scenario, int? days = null, double warmupDays = 0)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var endTime = (days ?? scenario.Days) * 1440.0;
        HotspotGeometry.Index(scenario);
        HotspotGeometry.PackedRings(scenario);
        PresenceLedger.For(scenario, endTime, Math.Min(Math.Max(0, warmupDays * 1440.0), endTime));
    }

    public Scenario Scenario { get; }

    /// <summary>How the units travel: straight lines, or the scenario's roads (docs/roads.md).</summary>
    public ITravel Travel { get; }

    public long Seed { get; }

    public int Replication { get; }

    /// <summary>Simulated minutes since the start.</summary>
    public double Now => _clock.Now;

    /// <summary>Start of the statistics in simulated minutes (the end of the warm-up).</summary>
    public double StatsFrom => _clock.StatsFrom;

    /// <summary>Whether statistics are being collected now (after the warm-up).</summary>
    public bool Counting => _clock.Counting;

    /// <summary>End of the run in simulated minutes (days x 1440).</summary>
    public double EndTime => _clock.EndTime;

    public long EventsProcessed => _loop.EventsProcessed;

    /// <summary>At the end time, or stopped by a command (<see cref="CommandKind.Stop"/>).</summary>
    public bool IsFinished => Now >= EndTime || _desk.Stopped;

    /// <summary>Every incident of the run so far, in id order; only in a kernel made with <c>keepIncidents</c>.</summary>
    public IReadOnlyList<IncidentRecord> Incidents => _log.All
        ?? throw new InvalidOperationException("this kernel keeps only its open incidents (made with keepIncidents: false)");

    /// <summary>Whether <see cref="Incidents"/> keeps every incident (made with <c>keepIncidents</c>).</summary>
    public bool KeepsIncidents => _log.All is not null;

    /// <summary>How many incidents there are so far (the id of the next one).</summary>
    public int IncidentCount => _log.Count;

    /// <summary>The incidents not yet folded into the totals (from the oldest one not final on), in id order.</summary>
    public IEnumerable<IncidentRecord> UnretiredIncidents => _log.Unretired;

    /// <summary>The last <see cref="IncidentLog.RecentLimit"/> incidents folded into the totals, in id order.</summary>
    public IReadOnlyCollection<IncidentRecord> RecentRetiredIncidents => _log.RecentRetired;

    /// <summary>How many incidents are folded into the totals (every id below this one).</summary>
    public int RetiredIncidents => _log.Retired;

    /// <summary>The totals of the counted incidents folded in so far (final ones only).</summary>
    public IncidentTotals RetiredTotals => _log.Totals;

    /// <summary>The totals of every counted incident so far, as each stands now (the final ones and the rest).</summary>
    public IncidentTotals IncidentTotalsNow()
    {
        var totals = _log.Totals.Copy();
        foreach (var incident in _log.Unretired)
        {
            totals.Add(incident);
        }
        return totals;
    }

    /// <summary>Keeps the last <paramref name="limit"/> folded-in incidents of every zone (<see cref="RecentRetiredIn"/>).</summary>
    public void KeepRecentPerZone(int limit) => _log.KeepRecentPerZone(Scenario.Zones.Count, limit);

    /// <summary>The last folded-in incidents of a zone, in id order (see <see cref="KeepRecentPerZone"/>).</summary>
    public IEnumerable<FinishedIncident> RecentRetiredIn(int zone) => _log.RecentRetiredIn(zone);

    /// <summary>From now on, collects the incidents as they are folded in, for <see cref="DrainRetired"/>.</summary>
    public void CollectRetired() => _log.CollectRetired();

    /// <summary>The incidents folded in since the previous call, in id order (after <see cref="CollectRetired"/>).</summary>
    public List<IncidentRecord> DrainRetired() => _log.DrainRetired();

    public IReadOnlyList<UnitState> Units => _fleet.Units;

    public int QueueLength => _command.QueueLength;

    public ZoneIndex Hotspots { get; }

    public RiskModel Risk { get; }

    public IPatrolPolicy PatrolPolicy { get; }

    /// <summary>The scheduling component: re-planning, patrol choices, alert-guided checks and school-gate posts.</summary>
    public Scheduler Scheduler { get; }

    public PatrolPlan Plan => Scheduler.Plan;

    public PresenceLedger Ledger { get; }

    /// <summary>Incidents prevented by presence, per zone (candidates that would have occurred without it).</summary>
    public int[] Prevented => _source.Prevented;

    /// <summary>Alert-guided checks started.</summary>
    public int ChecksStarted => Scheduler.ChecksStarted;

    /// <summary>School-gate peak windows started (one per window per school day).</summary>
    public int SchoolWindowsStarted => Scheduler.SchoolWindowsStarted;

    /// <summary>Units sent to school-gate posts (officer-shifts).</summary>
    public int SchoolPostings => Scheduler.SchoolPostings;

    /// <summary>Time-average number of incidents waiting in the queue from the start to now.</summary>
    public double MeanQueueLength => _command.MeanQueueLength;

    /// <summary>Processes every event before <paramref name="time"/> (capped at the end) and moves the clock there.</summary>
    public void RunUntil(double time)
    {
        if (!_desk.Stopped)
        {
            _loop.RunUntil(time);
        }
    }

    public void RunToEnd() => RunUntil(EndTime);

    /// <summary>Units and incidents changed since the previous call (for batched grain updates).</summary>
    public (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) DrainChanges() =>
        (_fleet.DrainChanged(), _log.DrainTouched());

    /// <summary>The units visibly present in a zone now (ascending unit index).</summary>
    public IReadOnlyList<int> PresentUnits(int zone) => _presence.UnitsIn(zone);

    /// <summary>
    /// The factor on a zone's incident rate now: <c>1 - f x min(1, visibility)</c> while units are
    /// present, then fading linearly back to 1 over the residual time after the last one leaves.
    /// </summary>
    public double DeterrenceMultiplier(int zone) => _presence.DeterrenceMultiplier(zone);

    /// <summary>The ledger with every interval still open at <see cref="Now"/> closed, for a report.</summary>
    public PresenceLedger LedgerAtNow() => _presence.LedgerAtNow(_fleet.Units);

    /// <summary>Forecast risk (incidents per hour) of every zone now; 0 for the district zones.</summary>
    public double[] ZoneRiskNow()
    {
        var risk = new double[Scenario.Zones.Count];
        for (var z = 0; z < risk.Length; z++)
        {
            risk[z] = Scenario.Zones[z].IsHotspot ? Risk.Forecast(z, Now) : 0;
        }
        return risk;
    }
}
