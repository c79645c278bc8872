using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>
/// The scheduler on its own, without a kernel: a fleet made up by the test, and the decisions it
/// returns (re-plans, patrol zones, points and dwells, checks, school postings), exactly.
/// </summary>
public class SchedulerTests
{
    /// <summary>The fleet as the test sets it: each unit's availability, target zone and position.</summary>
    private sealed class FakeFleet(params (UnitAvailability Availability, int TargetZone, Point2 At)[] units) : IFleetView
    {
        public UnitAvailability Availability(int unit) => units[unit].Availability;

        public int TargetZone(int unit) => units[unit].TargetZone;

        public Point2 Position(int unit) => units[unit].At;
    }

    private static readonly Point2 Origin = new(0, 0);

    /// <summary>
    /// N (zone 0) 500 m east at 1/h, F (zone 1) 1500 m west at 3/h; two foot patrol units p and q
    /// with beat {N, F}, one car on station duty; re-plan every 30 minutes, near-repeat off.
    /// </summary>
    private static Scenario Patrol(double alertThreshold = double.PositiveInfinity) => Build(Document(
        zones: [Zone("N", 500, 0, 100, 1, kind: ZoneKinds.Commercial), Zone("F", -1500, 0, 100, 3, kind: ZoneKinds.Nightlife)],
        units: [Unit("p", "foot", duty: "patrol", beat: ["N", "F"]), Unit("q", "foot", duty: "patrol", beat: ["N", "F"]), Unit("s", "car")],
        types: [Unservable()],
        queue: false,
        patrol: new PatrolDocument { Policy = "risk-guided", NearRepeatWeight = 0, AlertThreshold = alertThreshold }));

    [Fact]
    public void A_replan_weighs_the_zones_commits_the_placed_units_and_sends_out_the_idle_patrol_units()
    {
        var scheduler = new Scheduler(Patrol(), new RiskGuidedPolicy(), seed: 1, endTime: 1440);
        var sendOut = new List<int> { 7 };
        var fleet = new FakeFleet((UnitAvailability.Patrolling, 1, Origin), (UnitAvailability.Idle, -1, Origin), (UnitAvailability.Idle, -1, Origin));

        var next = scheduler.Replan(0, fleet, sendOut);

        Assert.Equal(30.0, next);
        Assert.Equal([1.0, 3.0], scheduler.Plan.Weights);
        Assert.Equal(0, scheduler.Plan.Committed(0));
        Assert.Equal(1, scheduler.Plan.Committed(1));
        Assert.Equal([1], sendOut); // q; the car is on station duty
        // F's next block is worth 3 x 0.5 = 1.5 > N's 1; then 0.75 < 1; released, F again.
        Assert.Equal(1, scheduler.ChoosePatrolZone(1, Origin));
        scheduler.Commit(1);
        Assert.Equal(0, scheduler.ChoosePatrolZone(1, Origin));
        scheduler.Release(1);
        Assert.Equal(1, scheduler.ChoosePatrolZone(1, Origin));
    }

    [Fact]
    public void A_replan_starts_a_new_period_and_none_follows_past_the_end()
    {
        var scheduler = new Scheduler(Patrol(), new RiskGuidedPolicy(), seed: 1, endTime: 1440);
        var sendOut = new List<int>();
        scheduler.Commit(0);
        scheduler.Commit(1);
        var busy = new FakeFleet((UnitAvailability.Busy, 1, Origin), (UnitAvailability.Patrolling, -1, Origin), (UnitAvailability.Idle, -1, Origin));

        Assert.Equal(double.PositiveInfinity, scheduler.Replan(1410, busy, sendOut));
        Assert.Equal(0, scheduler.Plan.Committed(0));
        Assert.Equal(0, scheduler.Plan.Committed(1)); // a busy unit's zone and a patrol unit without one commit nothing
        Assert.Empty(sendOut);
        Assert.Equal(1409.0 + 30, scheduler.Replan(1409, busy, sendOut));
    }

    [Fact]
    public void Without_patrol_a_replan_decides_nothing_and_schedules_no_other()
    {
        var scheduler = new Scheduler(Patrol(), new StaticPolicy(), seed: 1, endTime: 1440);
        var sendOut = new List<int>();
        var idle = new FakeFleet((UnitAvailability.Idle, -1, Origin), (UnitAvailability.Idle, -1, Origin), (UnitAvailability.Idle, -1, Origin));

        Assert.False(scheduler.Patrols);
        Assert.Equal(double.PositiveInfinity, scheduler.Replan(0, idle, sendOut));
        Assert.Empty(sendOut);
        Assert.Equal([0.0, 0.0], scheduler.Plan.Weights);
    }

    [Fact]
    public void Patrol_points_and_dwells_come_from_the_units_own_patrol_stream()
    {
        var scenario = Patrol();
        var scheduler = new Scheduler(scenario, new UniformPolicy(), seed: 5, endTime: 1440);
        var q = new StreamFactory(5, 0).Create("patrol/", scenario.Units[1].Id);

        var point = scheduler.PatrolPoint(1, 0);
        var dwell = scheduler.DwellMinutes(1);

        Assert.Equal(scenario.Zones[0].Shape.SamplePoint(q), point);
        Assert.Equal(10 + 6 * q.NextDouble(), dwell); // the defaults: 10 to 16 minutes
        Assert.True(scenario.Zones[0].Shape.Contains(point));
    }

    /// <summary>
    /// H1 (zone 0) at the origin and H2 (zone 1) 300 m east, 2/h each; an incident between them
    /// (150 m from both centroids) lifts both to 2.5 >= 2.4. Cars a and b on station duty, a foot
    /// unit c on a fixed post; the fleet positions are the test's.
    /// </summary>
    private static Scenario TwoAlertZones(double threshold) => Build(Document(
        zones: [Zone("H1", 0, 0, 100, 2, kind: ZoneKinds.Nightlife), Zone("H2", 300, 0, 100, 2, kind: ZoneKinds.Nightlife)],
        units: [Unit("a", "car"), Unit("b", "car"), Unit("c", "foot", post: [10, 0])],
        types: [Unservable()],
        queue: false,
        patrol: new PatrolDocument
        {
            Policy = "static", AlertThreshold = threshold, AlertCooldownMinutes = 60, NearRepeatWeight = 0.5, NearRepeatRadiusMetres = 300,
        }));

    [Fact]
    public void Each_raised_zone_gets_its_own_nearest_free_unit_not_on_post_duty()
    {
        var scenario = TwoAlertZones(2.4);
        var scheduler = new Scheduler(scenario, new StaticPolicy(), seed: 1, endTime: 1440);
        var h1 = scenario.Zones[0].Shape.InteriorPoint;
        var h2 = scenario.Zones[1].Shape.InteriorPoint;
        var checks = new List<Assignment>();
        // c (on a post) is nearest to both; b is nearer than a to both.
        var fleet = new FakeFleet((UnitAvailability.Idle, -1, new(2000, 0)), (UnitAvailability.Patrolling, -1, new(400, 0)), (UnitAvailability.Idle, -1, new(10, 0)));

        scheduler.OnIncident(new Point2(150, 0), 0, fleet, checks);

        Assert.Equal(new Point2(0, 0), h1);
        Assert.Equal([new Assignment(1, 0, h1), new Assignment(0, 1, h2)], checks);
        Assert.Equal(2, scheduler.ChecksStarted);

        // Within the cool-down: the risk rises again, but no check.
        scheduler.OnIncident(new Point2(150, 0), 30, fleet, checks);
        Assert.Empty(checks);
        Assert.Equal(0.5 + 0.5 * Math.Exp(-30.0 / 120), scheduler.Risk.NearRepeat(0, 30), 12);

        // After it, with b busy: H1 gets a, and H2 nobody (a is taken, c stays on its post).
        var bBusy = new FakeFleet((UnitAvailability.Idle, -1, new(2000, 0)), (UnitAvailability.Busy, -1, new(400, 0)), (UnitAvailability.Idle, -1, new(10, 0)));
        scheduler.OnIncident(new Point2(150, 0), 100, bBusy, checks);
        Assert.Equal([new Assignment(0, 0, h1)], checks);
        Assert.Equal(3, scheduler.ChecksStarted);
    }

    [Fact]
    public void Without_a_threshold_an_incident_raises_the_risk_but_no_check()
    {
        var scheduler = new Scheduler(TwoAlertZones(double.PositiveInfinity), new StaticPolicy(), seed: 1, endTime: 1440);
        var checks = new List<Assignment> { new(0, 0, Origin) };
        var fleet = new FakeFleet((UnitAvailability.Idle, -1, Origin), (UnitAvailability.Idle, -1, Origin), (UnitAvailability.Idle, -1, Origin));

        scheduler.OnIncident(new Point2(150, 0), 0, fleet, checks);

        Assert.Empty(checks);
        Assert.Equal(0, scheduler.ChecksStarted);
        Assert.Equal(0.5, scheduler.Risk.NearRepeat(0, 0));
        Assert.Equal(0.5, scheduler.Risk.NearRepeat(1, 0));
    }

    /// <summary>
    /// Friday 00:00, 3 days, one window 07:15-08:15 on school days (Monday to Friday). Gate G1
    /// (zone 0) at (1000, 0), G2 (zone 1) at (2000, 0) needing 2 officers. Pool: car (unit 0),
    /// bicycle (1), foot (2); not in it: a fixed foot post (3), a tactical unit (4), a surge car (5).
    /// </summary>
    private static Scenario Schools()
    {
        var g2 = Zone("G2", 2000, 0, 50, 0, kind: ZoneKinds.SchoolGate);
        g2.PostOfficers = 2;
        return Build(Document(
            zones: [Zone("G1", 1000, 0, 50, 0, kind: ZoneKinds.SchoolGate), g2, Zone("N", 2000, 500, 100, 0, kind: ZoneKinds.Nightlife)],
            units: [Unit("car", "car"), Unit("bike", "bicycle"), Unit("foot", "foot"), Unit("gate-post", "foot", post: [1000, 10]), Unit("tac", "tactical")],
            types: [Unservable()],
            queue: false,
            start: "2023-06-09T00:00",
            days: 3,
            patrol: new PatrolDocument { Policy = "uniform" },
            surge: new SurgeDocument { From = "06:00", To = "10:00", ZoneKinds = [ZoneKinds.Nightlife], Units = [Unit("surge", "car")] },
            schoolPosts: new SchoolPostsDocument
            {
                ZoneKind = ZoneKinds.SchoolGate, OfficersPerPost = 1, Windows = [new WindowDocument { Start = "07:15", End = "08:15" }],
            }));
    }

    private static FakeFleet SchoolFleet(UnitAvailability car) => new(
        (car, -1, Origin), (UnitAvailability.Idle, -1, Origin), (UnitAvailability.Idle, -1, Origin),
        (UnitAvailability.Idle, -1, new(1000, 10)), (UnitAvailability.Idle, -1, new(1000, -30)), (UnitAvailability.Patrolling, 2, new(2000, 100)));

    [Fact]
    public void School_windows_open_on_school_days_only()
    {
        var scheduler = new Scheduler(Schools(), new UniformPolicy(), seed: 1, endTime: 3 * 1440);
        var starts = new List<(double At, int Window)>();

        scheduler.SchoolWindowStarts(starts);

        Assert.Equal([(7 * 60 + 15.0, 0)], starts); // Friday; Saturday and Sunday are not school days
        Assert.Equal([new SchoolPost(0, 1), new SchoolPost(1, 2)], scheduler.SchoolPosts);
    }

    [Fact]
    public void Posts_are_filled_post_by_post_with_the_nearest_free_pool_units()
    {
        var scenario = Schools();
        var scheduler = new Scheduler(scenario, new UniformPolicy(), seed: 1, endTime: 3 * 1440);
        var (g1, g2) = (scenario.Zones[0].Shape.InteriorPoint, scenario.Zones[1].Shape.InteriorPoint);
        var postings = new List<Assignment>();

        // By travel time from the station: car 2.8 min to G1; then bicycle and foot to G2.
        Assert.Equal(60.0, scheduler.OpenSchoolWindow(0, 435, SchoolFleet(UnitAvailability.Idle), postings));
        Assert.Equal([new Assignment(0, 0, g1), new Assignment(1, 1, g2), new Assignment(2, 1, g2)], postings);
        Assert.Equal((1, 3), (scheduler.SchoolWindowsStarted, scheduler.SchoolPostings));

        // With the car busy: the bicycle to G1, the foot unit to G2, and G2's second officer is missing.
        scheduler.OpenSchoolWindow(0, 1875, SchoolFleet(UnitAvailability.Busy), postings);
        Assert.Equal([new Assignment(1, 0, g1), new Assignment(2, 1, g2)], postings);
        Assert.Equal((2, 5), (scheduler.SchoolWindowsStarted, scheduler.SchoolPostings));
    }

    [Fact]
    public void Windows_and_postings_in_the_warm_up_are_decided_but_not_counted()
    {
        var scenario = Schools();
        var scheduler = new Scheduler(scenario, new UniformPolicy(), new RiskModel(scenario, new ZoneIndex([])), new StreamFactory(1, 0), 3 * 1440, statsFrom: 1440);
        var postings = new List<Assignment>();

        scheduler.OpenSchoolWindow(0, 435, SchoolFleet(UnitAvailability.Idle), postings);

        Assert.Equal(3, postings.Count);
        Assert.Equal((0, 0), (scheduler.SchoolWindowsStarted, scheduler.SchoolPostings));
    }
}
