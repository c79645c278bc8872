using Dispatch.Model.Fitting;
using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scenarios.Overlays;
using Dispatch.Model.Simulation;
using Xunit.Abstractions;

namespace Dispatch.Model.Tests.Demand;

/// <summary>
/// <c>dispatch fit</c>'s estimator: the round trip on the shipped synthetic history (the fit recovers
/// the known scenario's rates, profiles, type mixes and on-scene times within stated statistical
/// tolerances), exact cases of the shrinkage, and the history file's errors.
/// </summary>
public sealed class DemandFitTests(ITestOutputHelper output)
{
    // 0.999 quantiles of chi-square (tables; 168 by the Wilson-Hilferty approximation).
    private const double Chi2With24 = 51.179;
    private const double Chi2With7 = 24.322;
    private const double Chi2With168 = 230.4;

    private static readonly Lazy<(DemandFitResult Fit, FitZones Zones, Scenario Known)> RoundTrip = new(() =>
    {
        var (zones, zoneProblems) = FitZones.Read(SyntheticHistoryTests.ZonesFile);
        var (records, problems) = HistoryCsv.Read(SyntheticHistoryTests.HistoryFile);
        Assert.Empty(zoneProblems);
        Assert.Empty(problems);
        return (DemandFit.Fit(records, [.. records.Select(zones!.Assign)], zones!.Zones), zones, SyntheticHistoryTests.Known);
    });

    [Fact]
    public void The_fit_recovers_the_known_scenario_s_rates_and_profiles()
    {
        var (fit, _, known) = RoundTrip.Value;
        Assert.Equal(0, fit.Unassigned);
        Assert.Equal(84 * 24, fit.Hours);
        foreach (var z in fit.Zones)
        {
            var zone = known.Zones.Single(k => k.Id == z.Id).Index;
            // The true expected counts of the 168 cells over the 12 weeks (12 hours each).
            var truth = Enumerable.Range(0, DemandFit.Cells).Select(k => 12 * known.Zones[zone].RateAt(k % 24, k / 24)).ToArray();
            var expected = truth.Sum();
            // Base rate: within 4 Poisson standard deviations of the truth.
            Assert.InRange(z.RatePerHour * fit.Hours, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
            var byHour = Chi2(z.Fitted, truth, 24, k => k % 24);
            var byDay = Chi2(z.Fitted, truth, 7, k => k / 24);
            var cells = Chi2(z.Fitted, truth, DemandFit.Cells, k => k);
            output.WriteLine($"{z.Id}: {z.Incidents} incidents (expected {expected:0.0}); X2 by hour {byHour:0.0}, by day {byDay:0.0}, by cell {cells:0.0}");
            // Profiles: the fitted expectation against the true one, within the 0.999 quantile of chi-square.
            Assert.True(byHour < Chi2With24, $"{z.Id}: hour-of-day X2 {byHour}");
            Assert.True(byDay < Chi2With7, $"{z.Id}: weekday X2 {byDay}");
            Assert.True(cells < Chi2With168, $"{z.Id}: 24 x 7 X2 {cells}");
        }
    }

    [Fact]
    public void Points_are_assigned_to_the_zone_whose_polygon_holds_them_hotspots_before_the_background()
    {
        var (zones, _) = FitZones.Read(SyntheticHistoryTests.ZonesFile);
        var (records, _) = HistoryCsv.Read(SyntheticHistoryTests.HistoryFile);
        var town = zones!.Zones.Single(z => z.Id == "town").Index;
        var inHotspots = 0;
        foreach (var r in records)
        {
            var byPoint = zones.Assign(r with { Zone = null });
            if (r.Zone != "town")
            {
                Assert.Equal(r.Zone, zones.Zones[byPoint].Id);
            }
            else if (byPoint != town)
            {
                inHotspots++; // a background incident that happened inside a hotspot's polygon
            }
        }
        Assert.InRange(inHotspots, 50, 150); // about 5% of the town's incidents: the hotspots' share of its area
    }

    [Fact]
    public void The_fit_recovers_type_mixes_priorities_and_on_scene_times()
    {
        var (fit, _, known) = RoundTrip.Value;
        foreach (var t in fit.Types)
        {
            var type = known.IncidentTypes.Single(k => k.Id == t.Id);
            Assert.Equal(type.Priority, t.Priority);
            Assert.Equal(0, t.OtherPriority);
            var sd = t.SdMinutes!.Value;
            // The mean within 4 standard errors (a fixed duration exactly).
            Assert.InRange(t.MeanMinutes!.Value, type.OnScene.Mean - 4 * sd / Math.Sqrt(t.Durations) - 0.01, type.OnScene.Mean + 4 * sd / Math.Sqrt(t.Durations) + 0.01);
        }
        var centre = fit.Zones.Single(z => z.Id == "centre");
        var zone = known.Zones.Single(z => z.Id == "centre");
        for (var m = 0; m < zone.MixTypes.Length; m++)
        {
            var share = zone.MixCumulative[m] - (m == 0 ? 0 : zone.MixCumulative[m - 1]);
            var se = Math.Sqrt(share * (1 - share) / centre.Incidents);
            Assert.InRange(centre.TypeMix[known.IncidentTypes[zone.MixTypes[m]].Id], share - 4 * se, share + 4 * se);
        }
    }

    [Fact]
    public void The_fitted_overlay_applied_to_the_scenario_gives_the_fitted_demand()
    {
        var (fit, zones, known) = RoundTrip.Value;
        var problems = new List<ScenarioProblem>();
        var overlay = OverlayReader.ReadText(FitOutput.Overlay(fit, zones, SyntheticHistoryTests.HistoryFile), "fit.json", problems)!;
        var result = ScenarioOverlays.ValidateFile(ValidationTestKit.Scenario("fit-town.json"), [overlay]);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var fitted = result.Scenario!;
        foreach (var z in fit.Zones)
        {
            var index = fitted.Zones.Single(x => x.Id == z.Id).Index;
            Assert.Equal(z.Incidents, ExpectedDemand.Between(fitted, index, 0, 84 * 1440), 2);
            Assert.NotNull(fitted.Zones[index].WeekProfile);
        }
        Assert.Equal(new FixedDistribution(25), fitted.IncidentTypes.Single(t => t.Id == "traffic").OnScene);
        Assert.IsType<LogNormalDistribution>(fitted.IncidentTypes.Single(t => t.Id == "theft").OnScene);
        Assert.Equal(known.Units.Count, fitted.Units.Count);
    }

    /// <summary>A week of hand-made history: zone A busy on Monday 09:00, zone B quiet and flat.</summary>
    private static DemandFitResult HandMade(double shrinkage)
    {
        var monday = new DateTime(2023, 6, 5);
        var records = new List<HistoryRecord>();
        for (var i = 0; i < 10; i++)
        {
            records.Add(new HistoryRecord(i + 2, monday.AddHours(9).AddMinutes(i), null, "A", "t", 2, null));
        }
        for (var d = 0; d < 7; d++)
        {
            records.Add(new HistoryRecord(20 + d, monday.AddDays(d).AddHours(12 + d), null, "A", "t", 2, null));
            records.Add(new HistoryRecord(40 + d, monday.AddDays(d).AddHours(3 * d), null, "B", "t", 2, null));
        }
        var zones = TestScenarios.Build(TestScenarios.Document(
            zones: [TestScenarios.Zone("A", 0, 0, 10, 0), TestScenarios.Zone("B", 50, 0, 10, 0)],
            units: [TestScenarios.Unit("car", "car")])).Zones;
        return DemandFit.Fit(records, [.. records.Select(r => r.Zone == "A" ? 0 : 1)], zones, shrinkage, shrinkage);
    }

    [Fact]
    public void Without_shrinkage_the_profile_is_the_zone_s_own_counts_and_with_strong_shrinkage_the_district_s_shape()
    {
        // s = 0: week[k] = n[k] / (rate x E[k]) with E[k] = 1 hour (one week): n[k] x 168 / N.
        var raw = HandMade(0).Zones[0];
        Assert.Equal(17, raw.Incidents);
        Assert.Equal(10 * 168 / 17.0, raw.WeekProfile[9], 9);
        Assert.Equal(168 / 17.0, raw.WeekProfile[24 + 13], 9);
        Assert.Equal(0, raw.WeekProfile[5], 12);
        // s very large: every zone has the product of the district's hour and day shapes (24 counts of 24 in
        // A and B: hour 9 of Monday holds 10 of the 24 incidents).
        var pooled = HandMade(1e12);
        var a = pooled.Zones[0].WeekProfile;
        var b = pooled.Zones[1].WeekProfile;
        for (var k = 0; k < DemandFit.Cells; k++)
        {
            Assert.Equal(a[k], b[k], 6);
        }
        Assert.True(a[9] > a[10]);
        Assert.Equal(1.0, pooled.Zones[1].TypeMix["t"], 12);
    }

    [Fact]
    public void History_errors_name_the_file_line_and_column()
    {
        string[] lines =
        [
            "time,x,y,type,priority,duration",
            "2023-06-05 09:00,100,200,theft,3,20",
            "2023-06-05 25:00,100,200,theft,3,20",
            "2023-06-05 10:00,abc,200,theft,3,20",
            "2023-06-05 11:00,100,200,theft,0,20",
            "2023-06-05 12:00,100,200,,3,-5",
            "2023-06-05 13:00,100,200,theft",
        ];
        var (records, problems) = HistoryCsv.Parse(lines, "h.csv");
        Assert.Single(records);
        string At(int line, int column) => Assert.Single(problems, p => p.Line == line && p.Column == column).Message;
        Assert.Contains("not valid; expected a local date and time", At(3, 1));
        Assert.Contains("'abc' is not valid", At(4, 2));
        Assert.Contains("whole number from 1", At(5, 5));
        Assert.Contains("is empty; expected an incident type id", At(6, 4));
        Assert.Contains("more than 0", At(6, 6));
        Assert.Contains("has 4 values; expected 6", At(7, 1));
        Assert.All(problems, p => Assert.Equal("h.csv", p.File));

        var (_, header) = HistoryCsv.Parse(["time,x,y,kind,priority"], "h.csv");
        Assert.Contains(header, p => p.Column == 4 && p.Message.Contains("'kind' is not a column"));
        Assert.Contains(header, p => p.Message.Contains("no 'type' column"));
    }

    private static double Chi2(double[] fitted, double[] truth, int groups, Func<int, int> group)
    {
        var (f, t) = (new double[groups], new double[groups]);
        for (var k = 0; k < fitted.Length; k++)
        {
            f[group(k)] += fitted[k];
            t[group(k)] += truth[k];
        }
        return Enumerable.Range(0, groups).Where(g => t[g] > 0).Sum(g => (f[g] - t[g]) * (f[g] - t[g]) / t[g]);
    }
}
