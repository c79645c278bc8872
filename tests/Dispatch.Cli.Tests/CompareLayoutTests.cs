using Dispatch.Cli.Output;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Tests;

/// <summary>compare's groups, labels and differences chart come from the measure table.</summary>
public sealed class CompareLayoutTests
{
    private static MeasureComparison Row(Measure m, double difference, string verdict = "better") =>
        new(m.Path, 1, 1 + difference, difference, 0.1, m.Better, verdict);

    private static readonly IReadOnlyList<MeasureComparison> All =
        Measures.Headlines.Select(m => Row(m, 2)).ToList();

    [Fact]
    public void Compare_md_has_one_section_per_group_with_the_measure_table_s_labels()
    {
        var report = CompareMarkdownFixture.Report();
        var md = CompareMarkdown.Render("a", "b", 1, 3, 1, All, report, report, ("differences.png", "caption"));
        var sections = md.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["## Summary", "## Response", "## Handling", "## Visibility", "## Prevention", "## Cost", "## By zone kind", "## By priority", "## By hour of day"], sections);
        foreach (var m in Measures.Headlines)
        {
            var section = md[md.IndexOf($"## {m.Group}\n", StringComparison.Ordinal)..];
            section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
            Assert.Contains($"| {m.Title} |", section);
        }
        Assert.DoesNotContain("| responseMinutes.p90 |", md);
    }

    [Fact]
    public void The_differences_chart_has_one_panel_per_group_in_each_measure_s_own_unit()
    {
        var panels = DifferenceChart.Panels(All);
        Assert.Equal(Enum.GetValues<MeasureGroup>().Length, panels.Count);
        foreach (var panel in panels)
        {
            panel.GetImage(1000, 400).Dispose(); // ticks are generated when rendered
        }
        var labels = panels.SelectMany(p => p.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label)).ToList();
        Assert.Equal(Measures.Headlines.Count, labels.Count);
        Assert.Contains("Response P90 [min]", labels);
        Assert.Contains("Visibility rate 22:00-04:00 [points]", labels);
        Assert.Contains("Unit-hours on duty [hours]", labels);
        // A rate's bar is in points: 0.02 as a fraction is 2 points.
        var rate = Row(Measures.VisibilityRate, 0.02);
        var bar = DifferenceChart.Panels([rate]).Single().GetPlottables().OfType<ScottPlot.Plottables.BarPlot>().Single().Bars.Single();
        Assert.Equal(2, bar.Value, 6);
    }

    [Fact]
    public void A_moved_night_window_is_named_in_the_headline_label_and_shaded_in_its_hours()
    {
        var report = CompareMarkdownFixture.Report() with { NightWindow = "20:00-02:00" };
        var labels = Headline.Rows(report).Select(r => r.Label).ToList();
        Assert.Contains("Visibility rate 20:00-02:00", labels);
        Assert.DoesNotContain("Visibility rate 22:00-04:00", labels);
        Assert.Equal([20, 21, 22, 23, 0, 1], Enumerable.Range(0, 24).Where(h => Charts.NightHours(report)[h]).OrderBy(h => (h + 4) % 24));
        Assert.Contains("Visibility rate 22:00-04:00", Headline.Rows(report with { NightWindow = null }).Select(r => r.Label));
    }

    [Fact]
    public void The_chart_is_written_as_a_png_tall_enough_for_every_row()
    {
        var dir = CliRunner.TempDir();
        var (file, _) = DifferenceChart.Save(dir, "differences.png", All);
        var bytes = File.ReadAllBytes(Path.Combine(dir, file));
        Assert.Equal(0x89, bytes[0]);
        // PNG height, big-endian at byte 20.
        var height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
        Assert.True(height >= Measures.Headlines.Count * 26, $"height {height}");
    }
}

/// <summary>A real report: the golden Pengjiang run's report.json.</summary>
internal static class CompareMarkdownFixture
{
    public static Report Report() => ReportJson.Deserialize(File.ReadAllText(
        Path.Combine(CliRunner.RepoRoot, "tests", "Dispatch.Golden.Tests", "expected", "pengjiang", "report.json")));
}
