using Dispatch.Cli.Output;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Tests;

/// <summary>Charts carry 95% intervals across replications and the source terms only where a font can draw them.</summary>
public sealed class ChartIntervalTests
{
    [Fact]
    public void Half_width_is_the_student_t_interval_and_undefined_when_a_replication_has_no_value()
    {
        // 0.4, 0.5, 0.6: sd 0.1, t(0.975, 2) = 4.303, half-width 4.303 x 0.1 / sqrt 3 = 0.2484.
        var values = new double?[] { 0.4, 0.5, 0.6 };
        var reports = values.Select(_ => (Report)null!).ToList();
        var k = 0;
        Assert.Equal(0.2484, ChartIntervals.HalfWidth(reports, _ => values[k++ % 3])!.Value, 3);
        Assert.Null(ChartIntervals.HalfWidth(reports, _ => null));
        Assert.Null(ChartIntervals.HalfWidth(reports.Take(1).ToList(), _ => 0.5));
        Assert.Equal("", ChartIntervals.Suffix(reports.Take(1).ToList()));
        Assert.Equal(", 95% interval over 3 replications", ChartIntervals.Suffix(reports));
    }

    [Fact]
    public void The_cdf_band_collapses_on_identical_replications_and_widens_when_they_differ()
    {
        IReadOnlyList<double> same = [1, 2, 3, 4];
        var (xs, low, high) = ChartIntervals.CdfBand([same, same, same], 4);
        Assert.Equal(101, xs.Length);
        for (var i = 0; i < xs.Length; i++)
        {
            var f = same.Count(v => v <= xs[i]) / 4.0;
            Assert.Equal(f, low[i], 12);
            Assert.Equal(f, high[i], 12);
        }
        (_, low, high) = ChartIntervals.CdfBand([[1.0], [2.0], [3.0]], 4);
        // At x = 2: F = 1, 1, 0, mean 2/3, half-width 4.303 x 0.577 / sqrt 3 = 1.43: clipped to [0, 1].
        Assert.Equal(0, low[50], 12);
        Assert.Equal(1, high[50], 12);
        Assert.All(low.Zip(high), p => Assert.True(p.First <= p.Second));
    }

    [Fact]
    public void Without_a_cjk_font_the_terms_leave_the_title_and_the_english_stays()
    {
        Assert.Equal("Visibility rate by hour of day", ChartFonts.WithoutTerms("Visibility rate (见警率) by hour of day"));
        Assert.Equal("Response time (queue + travel)", ChartFonts.WithoutTerms("Response time (queue + travel), 指令导处"));
        Assert.Equal("Unit time by status", ChartFonts.WithoutTerms("Unit time by status, 步巡、车辆巡、单车巡"));
        Assert.Equal("no terms here", ChartFonts.WithoutTerms("no terms here"));
    }

    [Fact]
    public void Visibility_bars_carry_error_bars_only_with_replications()
    {
        var report = ReportJson.Deserialize(File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "tests", "Dispatch.Golden.Tests", "expected", "pengjiang", "report.json")));
        Report Shifted(double d) => report with { ByHour = report.ByHour.Select(h => h with { VisibilityRate = h.VisibilityRate + d }).ToList() };
        List<Report> replications = [Shifted(-0.05), Shifted(0), Shifted(0.05)];
        static double[] Errors(ScottPlot.Plot plot) => plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars.Select(b => b.Error).ToArray();
        // Each hour differs by -0.05, 0, +0.05 over the replications: sd 0.05, half-width 4.303 x 0.05 / sqrt 3 = 0.1242.
        Assert.All(Errors(Charts.VisibilityByHour(report, replications)), e => Assert.Equal(0.1242, e, 3));
        Assert.All(Errors(Charts.VisibilityByHour(report)), e => Assert.Equal(0, e));
    }
}
