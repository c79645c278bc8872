using Dispatch.Model.Geometry;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Presence from exact paths: crossing a zone, dwelling in it; and the near-repeat risk.</summary>
public class PresenceTests
{
    private const double FootMetresPerMinute = 5000 / 60.0;

    /// <summary>
    /// Station (0, 0). A (index 0): 200 m square centred (500, 0), x in [400, 600]. B (index 1):
    /// 100 m square centred (1000, 0), x in [950, 1050]. One foot unit patrols beat {B} only; the
    /// straight path from the station to any point of B crosses A through its west and east edges
    /// (|y| at most 50 x 600/950 = 32 m there).
    /// </summary>
    private static Scenario Crossing(double rateA = 0, double rateB = 0, double topRiskShare = 0.2) => Build(Document(
        zones:
        [
            Zone("A", 500, 0, 200, rateA, kind: ZoneKinds.Commercial),
            Zone("B", 1000, 0, 100, rateB, kind: ZoneKinds.Nightlife),
        ],
        units: [Unit("p", "foot", duty: "patrol", beat: ["B"])],
        types: [Unservable()],
        queue: false,
        patrol: new PatrolDocument { Policy = "uniform", NearRepeatWeight = 0, TopRiskShare = topRiskShare }));

    [Fact]
    public void Crossing_a_zone_covers_it_for_the_length_inside_times_detour_over_speed()
    {
        var sim = new Simulator(Crossing(), 1);
        var unit = sim.Units[0];
        var d = unit.Destination;
        var travel = d.DistanceTo(new Point2(0, 0)) * 1.2 / FootMetresPerMinute;
        Assert.Equal(travel, unit.LegEndsAt, 9);
        // Along the leg x grows linearly from 0 to d.X: A is crossed from x = 400 to 600, B entered at x = 950.
        var enterA = 400 / d.X * travel;
        var exitA = 600 / d.X * travel;
        var enterB = 950 / d.X * travel;
        // Half-way through A: present there, covered since the entry.
        var middle = (enterA + exitA) / 2;
        sim.RunUntil(middle);
        Assert.Equal([0], sim.PresentUnits(0));
        Assert.Empty(sim.PresentUnits(1));
        Assert.Equal(middle - enterA, sim.LedgerAtNow().CoveredMinutes[0], 9);
        // Past A, before B: A was covered for exactly the crossing time, 200 m x (|d| / d.X) x 1.2 / speed.
        sim.RunUntil((exitA + enterB) / 2);
        Assert.Empty(sim.PresentUnits(0));
        Assert.Empty(sim.PresentUnits(1));
        var crossing = 200 * (d.DistanceTo(new Point2(0, 0)) / d.X) * 1.2 / FootMetresPerMinute;
        Assert.Equal(crossing, exitA - enterA, 9);
        Assert.Equal(crossing, sim.LedgerAtNow().CoveredMinutes[0], 9);
        // Later, dwelling and moving about inside B only: A unchanged, B covered from its entry on.
        sim.RunUntil(travel + 100);
        var ledger = sim.LedgerAtNow();
        Assert.Equal(crossing, ledger.CoveredMinutes[0], 9);
        Assert.Equal(travel + 100 - enterB, ledger.CoveredMinutes[1], 9);
        Assert.Equal([0], sim.PresentUnits(1));
        // The leg is patrol time, visible: the unit's patrol minutes are the whole run so far.
        Assert.Equal(travel + 100, unit.MinutesIn(UnitStatus.Patrol, sim.Now), 9);
    }

    [Fact]
    public void Dwelling_covers_the_zone_for_the_dwell_time()
    {
        var sim = new Simulator(Crossing(), 1);
        var d = sim.Units[0].Destination;
        var arrival = sim.Units[0].LegEndsAt;
        var enterB = 950 / d.X * arrival;
        var trace = Trace(sim, 0, arrival + 20, step: 0.01);
        // Leg, dwell (10..16 min), next leg inside B.
        Assert.True(trace[0].Moving);
        Assert.False(trace[1].Moving);
        Assert.Equal(arrival, trace[1].Since);
        var dwellEnd = trace[2].Since;
        Assert.InRange(dwellEnd - arrival, 10, 16);
        var coveredAtEnd = sim.LedgerAtNow().CoveredMinutes[1];
        // Covered from entering B until now without a break: the approach, the dwell and the next leg.
        Assert.Equal(sim.Now - enterB, coveredAtEnd, 9);
    }

    /// <summary>
    /// Precision: A's rate (3/h) tops B's (1/h) in every slot; with topRiskShare 0.5 exactly A's 24
    /// slots are flagged. The unit's only patrol time in A is the crossing, so precision = crossing
    /// / all patrol minutes (1440). PAI = (share of hotspot incidents in A) / (A's share of area x
    /// time = 200^2 / (200^2 + 100^2) = 0.8).
    /// </summary>
    [Fact]
    public void Precision_is_patrol_time_in_flagged_slots_over_all_patrol_time()
    {
        var sim = Run(Crossing(rateA: 3, rateB: 1, topRiskShare: 0.5));
        var d = sim.Units[0].Destination; // some later leg inside B; the first leg's end is gone
        Assert.True(sim.Scenario.Zones[1].Shape.Contains(d));
        var ledger = sim.LedgerAtNow();
        var crossing = ledger.CoveredMinutes[0];
        Assert.InRange(crossing, 200 * 1.2 / FootMetresPerMinute, 200 * 1.0014 * 1.2 / FootMetresPerMinute);
        Assert.Equal(crossing, ledger.PatrolMinutesFlagged, 9);
        Assert.Equal(0.8, ledger.FlaggedAreaTimeShare, 12);
        var report = ReportBuilder.Build(sim);
        Assert.Equal(crossing / 1440, report.PrecisionRate!.Value, 6);
        var inA = sim.Incidents.Count(i => i.Zone == 0);
        Assert.True(inA > 40 && sim.Incidents.Count - inA > 10);
        Assert.Equal(inA / (double)sim.Incidents.Count / 0.8, report.Pai!.Value, 6);
    }

    /// <summary>
    /// A patrol unit that clears an incident inside its beat zone and patrols on from there is on
    /// patrol again: that time counts as patrol time in the zone (precision), not as on-scene time.
    /// One foot unit, beat {H}, incidents in H
    /// served by the unit; topRiskShare 0.99 flags all 48 slots. All its patrol time after it first reaches H is inside H, so precision =
    /// (patrol minutes - the approach outside H) / patrol minutes.
    /// </summary>
    [Fact]
    public void Patrol_after_an_incident_in_the_zone_counts_as_patrol_in_it()
    {
        var scenario = Build(Document(
            zones: [Zone("H", 1000, 0, 100, 1, kind: ZoneKinds.Nightlife)],
            units: [Unit("p", "foot", duty: "patrol", beat: ["H"])],
            types: [Type("T", 2, Fixed(20))],
            days: 2,
            patrol: new PatrolDocument { Policy = "uniform", NearRepeatWeight = 0, TopRiskShare = 0.99 }));
        var sim = new Simulator(scenario, 3);
        var first = sim.Units[0].Destination;
        var approach = first.DistanceTo(new Point2(0, 0)) * 1.2 / FootMetresPerMinute * (950 / first.X);
        sim.RunToEnd();
        Assert.True(sim.Incidents.Count >= 20);
        Assert.All(sim.Incidents, i => Assert.Equal(0, i.Unit));
        var ledger = sim.LedgerAtNow();
        var patrol = sim.Units[0].MinutesIn(UnitStatus.Patrol, sim.Now);
        Assert.Equal(patrol - approach, ledger.PatrolMinutesFlagged, 6);
        // Coverage: everything but the approach and the moments en route inside H (not visible).
        var enRoute = sim.Units[0].MinutesIn(UnitStatus.EnRoute, sim.Now);
        Assert.Equal(2880 - approach - enRoute, ledger.CoveredMinutes[0], 6);
    }

    /// <summary>Near-repeat: weight x exp(-age / decay) per incident within the radius of a zone's centroid, summed.</summary>
    [Fact]
    public void Near_repeat_adds_weight_times_exponential_decay()
    {
        var scenario = Build(Document(
            zones:
            [
                Zone("H", 0, 0, 400, 1, kind: ZoneKinds.Nightlife),
                Zone("G", 1000, 0, 100, 1, kind: ZoneKinds.Commercial),
                Zone("D", 0, 0, 5000, 1),
            ],
            units: [Unit("u", "foot")],
            patrol: new PatrolDocument { Policy = "risk-guided", NearRepeatWeight = 0.8, NearRepeatDecayMinutes = 60, NearRepeatRadiusMetres = 150 }));
        var risk = new RiskModel(scenario, new ZoneIndex(scenario.Zones.Where(z => z.IsHotspot).Select(z => (z.Index, z.Shape))));
        Assert.Equal(0.0, risk.NearRepeat(0, 10));
        // 100 m from H's centroid: within 150 m. Not near G (900 m), and the district is no hotspot.
        Assert.Equal([0], risk.OnIncident(new Point2(100, 0), 10));
        Assert.Equal(0.8, risk.NearRepeat(0, 10), 12);
        Assert.Equal(0.8 * Math.Exp(-30.0 / 60), risk.NearRepeat(0, 40), 12);
        Assert.Equal(0.0, risk.NearRepeat(1, 40));
        // A second incident at t = 70 adds to what is left of the first.
        risk.OnIncident(new Point2(0, -50), 70);
        Assert.Equal(0.8 * Math.Exp(-60.0 / 60) + 0.8, risk.NearRepeat(0, 70), 12);
        Assert.Equal((0.8 * Math.Exp(-1.0) + 0.8) * Math.Exp(-90.0 / 60), risk.NearRepeat(0, 160), 12);
        Assert.Equal(1 + risk.NearRepeat(0, 160), risk.Forecast(0, 160), 12);
        // Inside H but 190 m from its centroid: beyond the radius, no rise.
        Assert.Empty(risk.OnIncident(new Point2(190, 0), 200));
    }

    [Fact]
    public void Near_repeat_rises_after_an_incident_in_the_simulator()
    {
        var scenario = Build(Document(
            zones: [Zone("H", 0, 0, 100, 0.5, kind: ZoneKinds.Nightlife)],
            units: [Unit("u", "foot", post: [5000, 0])],
            types: [Unservable()],
            queue: false,
            days: 3,
            patrol: new PatrolDocument { Policy = "risk-guided", NearRepeatWeight = 0.5, NearRepeatDecayMinutes = 120, NearRepeatRadiusMetres = 300 }));
        var sim = new Simulator(scenario, 5);
        while (sim.Incidents.Count == 0)
        {
            sim.RunUntil(sim.Now + 10);
        }
        var t1 = sim.Incidents[0].CreatedAt;
        sim.RunUntil(t1 + 45);
        Assert.Single(sim.Incidents); // precondition: no second incident yet
        Assert.Equal(0.5 * Math.Exp(-45.0 / 120), sim.Risk.NearRepeat(0, sim.Now), 12);
        Assert.Equal(0.5 + 0.5 * Math.Exp(-45.0 / 120), sim.Risk.Forecast(0, sim.Now), 12);
    }
}
