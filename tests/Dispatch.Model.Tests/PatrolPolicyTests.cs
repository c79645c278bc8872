using Dispatch.Model.Geometry;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>The three patrol policies: their weights, and where a patrol unit goes under each.</summary>
public class PatrolPolicyTests
{
    /// <summary>
    /// H1 (index 0): 2/h, hour 1 x3, Monday x0.5. H2 (1): 1/h flat, 2 km away. D (2): district, 5/h.
    /// Start Monday 00:00.
    /// </summary>
    private static Scenario Weighed()
    {
        var hour = Enumerable.Repeat(1.0, 24).ToArray();
        hour[1] = 3;
        double[] day = [0.5, 1, 1, 1, 1, 1, 1];
        return Build(Document(
            zones:
            [
                Zone("H1", 0, 0, 100, 2, hour, day, kind: ZoneKinds.Nightlife),
                Zone("H2", 2000, 0, 100, 1, kind: ZoneKinds.Commercial),
                Zone("D", 1000, 0, 5000, 5),
            ],
            units: [Unit("u", "foot")],
            patrol: new PatrolDocument { Policy = "risk-guided", NearRepeatWeight = 0.5, NearRepeatDecayMinutes = 120, NearRepeatRadiusMetres = 300 }));
    }

    private static RiskModel RiskOf(Scenario scenario) =>
        new(scenario, new ZoneIndex(scenario.Zones.Where(z => z.IsHotspot).Select(z => (z.Index, z.Shape))));

    [Fact]
    public void Policies_are_created_by_name()
    {
        Assert.False(PatrolPolicies.Create("static").Patrols);
        Assert.True(PatrolPolicies.Create("uniform").Patrols);
        Assert.True(PatrolPolicies.Create("risk-guided").Patrols);
        Assert.Throws<ArgumentException>(() => PatrolPolicies.Create("random"));
    }

    [Fact]
    public void Static_weighs_nothing_and_uniform_weighs_every_hotspot_one()
    {
        var scenario = Weighed();
        var risk = RiskOf(scenario);
        var weights = new[] { 7.0, 7.0, 7.0 };
        new StaticPolicy().Weigh(0, 30, risk, scenario.Zones, weights);
        Assert.Equal([0.0, 0.0, 0.0], weights);
        new UniformPolicy().Weigh(0, 30, risk, scenario.Zones, weights);
        Assert.Equal([1.0, 1.0, 0.0], weights);
    }

    /// <summary>
    /// Risk-guided weight = base rate at the middle of the period + near-repeat now. Period
    /// [50, 80): middle 65 is hour 1 on Monday, so H1 = 2 x 3 x 0.5 = 3 (at 50, hour 0, it would be
    /// 1). An incident at H1's centroid at t = 20 adds 0.5 x exp(-30/120) at t = 50. H2 is 2 km
    /// away, beyond the 300 m radius: 1. The district weighs 0.
    /// </summary>
    [Fact]
    public void Risk_guided_weighs_base_rate_at_mid_period_plus_near_repeat()
    {
        var scenario = Weighed();
        var risk = RiskOf(scenario);
        Assert.Equal(1.0, risk.BaseRate(0, 50));
        Assert.Equal(3.0, risk.BaseRate(0, 65));
        Assert.Equal([0], risk.OnIncident(new Point2(0, 0), 20));
        var weights = new double[3];
        new RiskGuidedPolicy().Weigh(50, 30, risk, scenario.Zones, weights);
        Assert.Equal(3 + 0.5 * Math.Exp(-30.0 / 120), weights[0], 12);
        Assert.Equal(1.0, weights[1], 12);
        Assert.Equal(0.0, weights[2]);
        // Tuesday (day profile 1) at 01:00-01:30: 2 x 3 x 1 = 6 plus the faded near-repeat.
        new RiskGuidedPolicy().Weigh(1440 + 60, 30, risk, scenario.Zones, weights);
        Assert.Equal(6 + 0.5 * Math.Exp(-(1500.0 - 20) / 120), weights[0], 12);
    }

    /// <summary>
    /// One foot patrol unit at the station (0, 0) with beat {N, F}: N (index 0) 500 m east at 1/h,
    /// F (index 1) 1500 m west at 3/h. No unit can serve the incidents and near-repeat is off, so
    /// nothing but the policy moves the unit.
    /// </summary>
    private static Scenario TwoHotspots(string policy, double dwellMin = 10, double dwellMax = 16) => Build(Document(
        zones:
        [
            Zone("N", 500, 0, 100, 1, kind: ZoneKinds.Commercial),
            Zone("F", -1500, 0, 100, 3, kind: ZoneKinds.Nightlife),
        ],
        units: [Unit("p", "foot", duty: "patrol", beat: ["N", "F"])],
        types: [Unservable()],
        queue: false,
        patrol: new PatrolDocument { Policy = policy, NearRepeatWeight = 0, DwellMinMinutes = dwellMin, DwellMaxMinutes = dwellMax }));

    /// <summary>Checks a patrol timeline: every leg takes distance x detour / speed, every dwell lasts [min, max].</summary>
    private static (int Legs, List<double> Dwells) AssertLegsAndDwells(Scenario scenario, List<Segment> trace, Point2 start, double min, double max)
    {
        var position = start;
        var legs = 0;
        var dwells = new List<double>();
        for (var k = 0; k < trace.Count; k++)
        {
            var s = trace[k];
            Assert.Equal(UnitStatus.Patrol, s.Status);
            if (s.Moving)
            {
                legs++;
                Assert.Equal(s.Since + Minutes(UnitMode.Foot, position, s.Destination), s.LegEndsAt, 9);
                Assert.True(scenario.Zones[s.TargetZone].Shape.Contains(s.Destination));
                position = s.Destination;
                if (k + 1 < trace.Count)
                {
                    // The dwell starts exactly when the leg ends, where it ends.
                    Assert.False(trace[k + 1].Moving);
                    Assert.Equal(s.LegEndsAt, trace[k + 1].Since);
                }
            }
            else if (k + 1 < trace.Count)
            {
                var dwell = trace[k + 1].Since - s.Since;
                Assert.InRange(dwell, min - 1e-9, max + 1e-9);
                Assert.True(trace[k + 1].Moving);
                dwells.Add(dwell);
            }
        }
        return (legs, dwells);
    }

    [Fact]
    public void Risk_guided_sends_the_unit_to_the_riskier_zone_first()
    {
        var scenario = TwoHotspots("risk-guided");
        var sim = new Simulator(scenario, 1);
        var unit = sim.Units[0];
        // At t = 0: on its way to a point of F (3/h beats 1/h although F is three times farther).
        Assert.Equal(UnitStatus.Patrol, unit.Status);
        Assert.True(unit.IsMoving);
        Assert.Equal(1, unit.TargetZone);
        Assert.Equal(1, sim.Plan.Committed(1));
        Assert.Equal([1.0, 3.0], sim.Plan.Weights);
        var trace = Trace(sim, 0, 8 * 60);
        var (legs, dwells) = AssertLegsAndDwells(scenario, trace, new Point2(0, 0), 10, 16);
        Assert.True(legs >= 10, $"{legs} legs");
        // Two blocks in F within a period (3, then 1.5) and the third is worth 0.75 < 1: N gets visits too.
        Assert.Contains(trace, s => s.Moving && s.TargetZone == 0);
        // The dwell is spread over [10, 16], not pinned to one end.
        Assert.True(dwells.Min() < 11.5 && dwells.Max() > 14.5, $"dwells {dwells.Min()}..{dwells.Max()}");
        // The first leg, from the station: about 1500 m x 1.2 / 83.33 m/min = 21.6 min.
        Assert.InRange(trace[0].LegEndsAt, (1450 * 1.2) / (5000 / 60.0), (1551 * 1.2) / (5000 / 60.0));
    }

    [Fact]
    public void Uniform_sends_the_unit_to_the_nearer_zone_first()
    {
        var scenario = TwoHotspots("uniform", dwellMin: 12, dwellMax: 12);
        var sim = new Simulator(scenario, 1);
        var unit = sim.Units[0];
        Assert.Equal(0, unit.TargetZone);
        Assert.Equal([1.0, 1.0], sim.Plan.Weights);
        var trace = Trace(sim, 0, 3 * 60);
        var (_, dwells) = AssertLegsAndDwells(scenario, trace, new Point2(0, 0), 12, 12);
        Assert.All(dwells, d => Assert.Equal(12, d, 9));
        Assert.InRange(trace[0].LegEndsAt, (450 * 1.2) / (5000 / 60.0), (551 * 1.2) / (5000 / 60.0));
    }

    /// <summary>
    /// Units on patrol move between the zones of their beat (DESIGN section 4) and uniform patrol
    /// spreads time evenly: a lone unit with beat {N, F} and equal weights must not stay in N for
    /// ever. At the end of a dwell its completed block still counts until the next re-plan (which
    /// re-commits only the zone a unit is heading to or dwelling in), so N is worth 1 x 0.5 and F 1:
    /// it goes to F, then back (F 0.5 against N 1), and so on; every leg between N and F (2 km, 28.8
    /// min) spans a re-plan, so no period holds a block of each.
    /// </summary>
    [Fact]
    public void Uniform_lone_unit_alternates_between_the_zones_of_its_beat()
    {
        var scenario = TwoHotspots("uniform", dwellMin: 12, dwellMax: 12);
        var sim = new Simulator(scenario, 1);
        var trace = Trace(sim, 0, 6 * 60);
        var targets = trace.Where(s => s.Moving).Select(s => s.TargetZone).ToList();
        Assert.True(targets.Count >= 6, $"{targets.Count} legs");
        Assert.Equal(Enumerable.Range(0, targets.Count).Select(k => k % 2), targets);
        AssertLegsAndDwells(scenario, trace, new Point2(0, 0), 12, 12);
    }

    /// <summary>
    /// Within one period (re-plan every 1440 min) a lone risk-guided unit spends its dwell blocks in
    /// the order of marginal value. C (index 2), B (1), A (0) at x = 0, 200, 300 with 1, 2, 4 per
    /// hour, diminishing 0.5, start from the station at x = -500; a block done stays committed;
    /// ties go to the zone nearest to where the unit stands (its own zone first):
    /// (4,2,1) A; in A (2,2,1) A; (1,2,1) B; in B (1,1,1) B; (1,.5,1) A (100 m) over C (200 m);
    /// (.5,.5,1) C; in C (.5,.5,.5) C; (.5,.5,.25) B (200 m) over A (300 m); (.5,.25,.25) A;
    /// in A (.25,.25,.25) A.
    /// </summary>
    [Fact]
    public void Risk_guided_blocks_of_a_period_follow_the_marginal_values()
    {
        var scenario = Build(Document(
            zones:
            [
                Zone("A", 300, 0, 20, 4, kind: ZoneKinds.Commercial),
                Zone("B", 200, 0, 20, 2, kind: ZoneKinds.Commercial),
                Zone("C", 0, 0, 20, 1, kind: ZoneKinds.Commercial),
            ],
            units: [Unit("p", "foot", duty: "patrol", beat: ["A", "B", "C"])],
            stations: [Station("S", -500, 0)],
            types: [Unservable()],
            queue: false,
            patrol: new PatrolDocument
            {
                Policy = "risk-guided", NearRepeatWeight = 0, DwellMinMinutes = 10, DwellMaxMinutes = 10, ReplanMinutes = 1440,
            }));
        var sim = new Simulator(scenario, 1);
        var trace = Trace(sim, 0, 200);
        var targets = trace.Where(s => s.Moving).Select(s => s.TargetZone).Take(10).ToList();
        Assert.Equal([0, 0, 1, 1, 0, 2, 2, 1, 0, 0], targets);
        // After the tenth choice A holds five blocks, B three, C two (no re-plan has cleared them).
        var afterTen = trace.Where(s => s.Moving).Take(10).ToList();
        Assert.Equal(5, afterTen.Count(s => s.TargetZone == 0));
        AssertLegsAndDwells(scenario, trace, new Point2(-500, 0), 10, 10);
    }

    /// <summary>
    /// A unit pulled away from a block it has not completed releases it at once: dispatched while
    /// travelling to or dwelling in its zone, the zone's commitment drops by one and the unit has no
    /// target any more. (Incidents here are served by foot units: the patrol unit is the only one.)
    /// </summary>
    [Fact]
    public void Dispatch_releases_the_block_the_unit_was_on()
    {
        var scenario = Build(Document(
            zones:
            [
                Zone("N", 500, 0, 100, 1, kind: ZoneKinds.Commercial),
                Zone("F", -1500, 0, 100, 3, kind: ZoneKinds.Nightlife),
            ],
            units: [Unit("p", "foot", duty: "patrol", beat: ["N", "F"])],
            types: [Type("T", 2, Fixed(10))],
            days: 1,
            seed: 3,
            patrol: new PatrolDocument { Policy = "uniform", NearRepeatWeight = 0 }));
        var sim = new Simulator(scenario, 3);
        var unit = sim.Units[0];
        int target, committed;
        double before;
        do
        {
            Assert.Equal(UnitStatus.Patrol, unit.Status);
            target = unit.TargetZone;
            committed = sim.Plan.Committed(target);
            before = sim.Now;
            sim.RunUntil(sim.Now + 0.01);
        }
        while (unit.Status != UnitStatus.EnRoute);
        // Precondition: no re-plan (every 30 min) and no end of dwell within the last step.
        Assert.Equal(Math.Floor(before / 30), Math.Floor(sim.Now / 30));
        Assert.True(unit.StatusSince > before);
        Assert.Equal(committed - 1, sim.Plan.Committed(target));
        Assert.Equal(-1, unit.TargetZone);
        Assert.Equal(unit.StatusSince, sim.Incidents[^1].DispatchedAt);
    }

    [Fact]
    public void Static_leaves_a_patrol_unit_at_its_station()
    {
        var scenario = TwoHotspots("static");
        var sim = Run(scenario);
        var unit = sim.Units[0];
        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Equal(new Point2(0, 0), unit.PositionAt(sim.Now));
        Assert.Equal(-1, unit.TargetZone);
        var report = ReportBuilder.Build(sim);
        Assert.Equal(0.0, report.Units[0].Minutes.Patrol);
        Assert.Equal(1440.0, report.Units[0].Minutes.Idle);
        Assert.Equal("static", report.PatrolPolicy);
        // Nobody was ever visible in a hotspot.
        Assert.Equal(0.0, report.VisibilityRate);
        Assert.Null(report.PrecisionRate);
    }
}
