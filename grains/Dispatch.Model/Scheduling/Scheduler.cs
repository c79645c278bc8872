using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// The scheduler: decides where patrol goes and who is sent where, and the kernel carries it out.
/// Risk-guided patrol (风险导巡): at every re-plan the patrol policy weighs the zones, the plan is
/// reset with the units already placed, and the idle patrol units are sent out; a free patrol unit
/// takes the best zone of its beat, a point in it and a dwell time. Alert-guided checks (预警导查)
/// and school-gate posts (护学岗) pick the nearest free units (<see cref="AlertChecks"/>,
/// <see cref="SchoolPostRoster"/>). It reads the fleet through an <see cref="IFleetView"/> and
/// never moves a unit or schedules an event itself (docs/scheduler.md).
/// </summary>
public sealed class Scheduler
{
    private readonly IReadOnlyList<Zone> _zones;
    private readonly PatrolOptions _options;
    private readonly UnitSpec[] _units;
    private readonly PackedRings _shapes;
    private readonly RandomStream[] _patrolStreams;
    private readonly double _endTime;
    private readonly AlertChecks _alerts;
    private readonly SchoolPostRoster _schools;

    /// <summary>A scheduler for a run of the scenario up to <paramref name="endTime"/>, with its own risk model over the scenario's hotspots.</summary>
    public Scheduler(Scenario scenario, IPatrolPolicy policy, long seed, double endTime, int replication = 0)
        : this(scenario, policy, new RiskModel(scenario, HotspotGeometry.Index(scenario)), new StreamFactory(seed, replication), endTime)
    {
    }

    /// <summary>
    /// A scheduler for a run up to <paramref name="endTime"/> that counts checks and postings from
    /// <paramref name="statsFrom"/>, drawing patrol choices from the <c>patrol/&lt;unit&gt;</c> streams.
    /// </summary>
    public Scheduler(Scenario scenario, IPatrolPolicy policy, RiskModel risk, StreamFactory streams, double endTime, double statsFrom = 0)
    {
        _zones = scenario.Zones;
        _options = scenario.Patrol;
        _units = [.. scenario.Units];
        _shapes = HotspotGeometry.PackedRings(scenario);
        _patrolStreams = [.. scenario.Units.Select(u => streams.Create("patrol/", u.Id))];
        _endTime = endTime;
        Policy = policy;
        Patrols = policy.Patrols;
        Risk = risk;
        Plan = new PatrolPlan(scenario.Zones, scenario.Patrol.Diminishing);
        _alerts = new AlertChecks(scenario, risk, _units, statsFrom);
        _schools = new SchoolPostRoster(scenario, _units, endTime, statsFrom);
    }

    /// <summary>The patrol policy that weighs the zones.</summary>
    public IPatrolPolicy Policy { get; }

    /// <summary>Whether the policy patrols at all (as <see cref="IPatrolPolicy.Patrols"/>, asked once).</summary>
    public bool Patrols { get; }

    /// <summary>The plan of the current re-planning period.</summary>
    public PatrolPlan Plan { get; }

    /// <summary>The forecast risk behind the policy's weights and the alerts.</summary>
    public RiskModel Risk { get; }

    /// <summary>How long a unit stands in a zone it checks.</summary>
    public double CheckMinutes => _options.CheckMinutes;

    /// <summary>Alert-guided checks started after the warm-up.</summary>
    public int ChecksStarted => _alerts.Started;

    /// <summary>School-gate peak windows started after the warm-up.</summary>
    public int SchoolWindowsStarted => _schools.WindowsStarted;

    /// <summary>Units sent to school-gate posts after the warm-up (officer-shifts).</summary>
    public int SchoolPostings => _schools.Postings;

    /// <summary>The school-gate posts, in zone order (none without school posts).</summary>
    public IReadOnlyList<SchoolPost> SchoolPosts => _schools.Posts;

    /// <summary>
    /// Re-plans at <paramref name="now"/>: new zone weights from the policy for the coming period,
    /// the plan reset with a block committed for every unit already patrolling towards or in a
    /// zone, and the idle patrol units to send out (ascending, into <paramref name="sendOut"/>; the
    /// kernel asks <see cref="ChoosePatrolZone"/> for each in turn). Returns the time of the next
    /// re-plan, or +infinity when there is none (no patrol, or the run ends first).
    /// </summary>
    public double Replan<TFleet>(double now, TFleet fleet, List<int> sendOut)
        where TFleet : IFleetView
    {
        sendOut.Clear();
        if (!Patrols)
        {
            return double.PositiveInfinity;
        }
        Policy.Weigh(now, _options.ReplanMinutes, Risk, _zones, Plan.Weights);
        Plan.Reset();
        for (var unit = 0; unit < _units.Length; unit++)
        {
            if (fleet.Availability(unit) == UnitAvailability.Patrolling && fleet.TargetZone(unit) >= 0)
            {
                Plan.Commit(fleet.TargetZone(unit));
            }
        }
        for (var unit = 0; unit < _units.Length; unit++)
        {
            if (_units[unit].Duty == Duty.Patrol && fleet.Availability(unit) == UnitAvailability.Idle)
            {
                sendOut.Add(unit);
            }
        }
        var next = now + _options.ReplanMinutes;
        return next < _endTime ? next : double.PositiveInfinity;
    }

    /// <summary>The best zone of the unit's beat for a patrol leg from <paramref name="from"/>, or -1 if none is worth a visit.</summary>
    public int ChoosePatrolZone(int unit, Point2 from) => Plan.Choose(_units[unit].Beat, from);

    /// <summary>Commits a dwell block to the zone (a unit is on its way there).</summary>
    public void Commit(int zone) => Plan.Commit(zone);

    /// <summary>Releases a block of the zone (a patrolling unit was pulled away); nothing for -1.</summary>
    public void Release(int zone) => Plan.Release(zone);

    /// <summary>Where in <paramref name="zone"/> the unit's patrol leg ends: a uniform point, from the unit's patrol stream.</summary>
    public Point2 PatrolPoint(int unit, int zone) => _shapes.SamplePoint(zone, _patrolStreams[unit]);

    /// <summary>How long the unit dwells in the zone it reached: uniform between the scenario's bounds, from its patrol stream.</summary>
    public double DwellMinutes(int unit) =>
        _options.DwellMinMinutes + (_options.DwellMaxMinutes - _options.DwellMinMinutes) * _patrolStreams[unit].NextDouble();

    /// <summary>
    /// Records an incident at <paramref name="at"/> in the risk model, and chooses the checks it
    /// triggers (into <paramref name="checks"/>; empty when none).
    /// </summary>
    public void OnIncident<TFleet>(Point2 at, double now, TFleet fleet, List<Assignment> checks)
        where TFleet : IFleetView =>
        _alerts.Choose(Risk.Record(at, now), now, fleet, checks);

    /// <summary>When each school-gate peak window of the run opens, in the order the kernel schedules them.</summary>
    public void SchoolWindowStarts(List<(double At, int Window)> starts) => _schools.WindowStarts(starts);

    /// <summary>Opens a school-gate peak window: the units to post (into <paramref name="postings"/>); returns the window's length in minutes.</summary>
    public double OpenSchoolWindow<TFleet>(int window, double now, TFleet fleet, List<Assignment> postings)
        where TFleet : IFleetView =>
        _schools.Open(window, now, fleet, postings);
}
