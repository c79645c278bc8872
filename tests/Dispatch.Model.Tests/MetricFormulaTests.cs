using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Visibility, precision and PAI on cases small enough to compute by hand.</summary>
public class MetricFormulaTests
{
    /// <summary>Hours 08:00-16:00 doubled.</summary>
    private static double[] DayPeak()
    {
        var hour = Enumerable.Repeat(1.0, 24).ToArray();
        for (var h = 8; h < 16; h++)
        {
            hour[h] = 2;
        }
        return hour;
    }

    /// <summary>
    /// Monday, 1 day. Z1 (zone 0): 3/h, doubled 08:00-16:00. Z2 (zone 1): 1/h flat. A district zone
    /// (2) that does not count. One foot post inside Z1 on shift 08:00-16:00; nobody else is ever
    /// visible (no unit can serve the incidents).
    /// </summary>
    private static Simulator Covered() => Run(Build(Document(
        zones:
        [
            Zone("Z1", 0, 0, 100, 3, DayPeak(), kind: ZoneKinds.Commercial),
            Zone("Z2", 1000, 0, 100, 1, kind: ZoneKinds.Nightlife),
            Zone("D", 0, 0, 5000, 4),
        ],
        units: [Unit("post", "foot", post: [0, 0], shift: new ShiftDocument { Start = "08:00", Hours = 8 })],
        types: [Unservable()],
        queue: false,
        patrol: new PatrolDocument { Policy = "static" })));

    /// <summary>
    /// Risk-weighted minutes: Z1 3 x (16 h x 60 x 1 + 8 h x 60 x 2) = 5760, Z2 1440. Covered: Z1
    /// from 08:00 to 16:00 at weight 3 x 2: 2880. Visibility rate = 2880 / 7200 = 0.4; time share
    /// = 480 / (2 x 1440) = 1/6; Z1 alone 2880 / 5760 = 0.5; Z2 0. Night (22:00-04:00): nobody, 0.
    /// Hour 8: (3 x 2 x 60) / (3 x 2 x 60 + 60) = 6/7.
    /// </summary>
    [Fact]
    public void Visibility_rate_is_risk_weighted_and_time_share_is_not()
    {
        var sim = Covered();
        var ledger = sim.LedgerAtNow();
        Assert.Equal(5760.0, ledger.WeightTotal[0], 9);
        Assert.Equal(1440.0, ledger.WeightTotal[1], 9);
        Assert.Equal(0.0, ledger.WeightTotal[2]);
        Assert.Equal(480.0, ledger.CoveredMinutes[0], 9);
        Assert.Equal(2880.0, ledger.WeightedCovered[0], 9);
        Assert.Equal(2880.0, ledger.HotspotMinutes);
        var report = ReportBuilder.Build(sim);
        Assert.Equal(0.4, report.VisibilityRate!.Value, 6);
        Assert.Equal(1.0 / 6, report.VisibilityTimeShare!.Value, 6);
        Assert.Equal(0.0, report.VisibilityRateNight);
        Assert.Equal(0.5, report.Zones[0].VisibilityRate!.Value, 6);
        Assert.Equal(0.0, report.Zones[1].VisibilityRate);
        Assert.Null(report.Zones[2].VisibilityRate); // the district is not a hotspot
        Assert.Equal(6.0 / 7, report.ByHour[8].VisibilityRate!.Value, 6);
        Assert.Equal(0.0, report.ByHour[7].VisibilityRate);
        Assert.Equal(6.0 / 7, report.ByHour[15].VisibilityRate!.Value, 6);
        Assert.Equal(0.0, report.ByHour[16].VisibilityRate);
        Assert.Equal(480.0, report.Units[0].Minutes.Post, 6);
        Assert.Equal(960.0, report.Units[0].Minutes.OffShift, 6);
    }

    /// <summary>
    /// Flagging: 2 hotspots x 24 slots = 48, topRiskShare 0.2 flags ceil(9.6) = 10 zone-slots, highest
    /// rate first, then lower zone index, then earlier slot: Z1's eight peak slots (rate 6), then
    /// Z1 at 00:00 and 01:00 (rate 3). Flagged area x time share = 10 x A1 / (24 x (A1 + A2)) with
    /// A1 = 100^2, A2 = 200^2: 10 / 120. PAI = (share of hotspot incidents in flagged slots) / that.
    /// </summary>
    [Fact]
    public void Pai_is_incident_share_in_flagged_slots_over_flagged_area_time_share()
    {
        var scenario = Build(Document(
            zones:
            [
                Zone("Z1", 0, 0, 100, 3, DayPeak(), kind: ZoneKinds.Commercial),
                Zone("Z2", 1000, 0, 200, 1, kind: ZoneKinds.Nightlife),
                Zone("D", 0, 0, 5000, 4),
            ],
            units: [Unit("car", "car")],
            types: [Unservable()],
            queue: false,
            days: 1,
            seed: 3,
            patrol: new PatrolDocument { Policy = "static", TopRiskShare = 0.2 }));
        var sim = Run(scenario);
        var ledger = sim.LedgerAtNow();
        for (var h = 0; h < 24; h++)
        {
            Assert.Equal(h is 0 or 1 or (>= 8 and < 16), ledger.IsFlagged(0, h * 60 + 30));
            Assert.False(ledger.IsFlagged(1, h * 60 + 30));
        }
        Assert.Equal(10.0 / 120, ledger.FlaggedAreaTimeShare, 12);
        var hotspot = sim.Incidents.Where(i => i.Zone < 2).ToList();
        var flagged = hotspot.Count(i => i.Zone == 0 && (scenario.HourOfDay(i.CreatedAt) is 0 or 1 or (>= 8 and < 16)));
        Assert.True(hotspot.Count > 50 && flagged > 20);
        var report = ReportBuilder.Build(sim);
        Assert.Equal(flagged / (double)hotspot.Count / (10.0 / 120), report.Pai!.Value, 6);
        // Nobody patrols: precision is undefined.
        Assert.Null(report.PrecisionRate);
    }

    /// <summary>Discovery, control and deterrence are ratios of counts (docs/metrics.md), null when undefined.</summary>
    [Fact]
    public void Rates_of_an_empty_run_are_undefined_not_zero()
    {
        var sim = Run(Build(Document(
            zones: [Zone("H", 0, 0, 100, 0, kind: ZoneKinds.Nightlife)],
            units: [Unit("car", "car")],
            types: [Unservable()])));
        var report = ReportBuilder.Build(sim);
        Assert.Equal(0, report.Incidents.Total);
        Assert.Null(report.DiscoveryRate);
        Assert.Null(report.ControlRate);
        Assert.Null(report.DeterrenceRate);
        Assert.Null(report.Pai);
        // A zone without risk weighs nothing: visibility is undefined.
        Assert.Null(report.VisibilityRate);
        Assert.Equal(0.0, report.VisibilityTimeShare);
    }
}
