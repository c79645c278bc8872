using Dispatch.Cli.Output;
using Dispatch.Model.Loading;

namespace Dispatch.Cli.Tests;

/// <summary>The zone maps: one polygon per zone, stations and posts marked, a legend and a scale bar.</summary>
public sealed class ZoneMapTests
{
    [Fact]
    public void The_pengjiang_map_has_one_polygon_per_zone_its_stations_posts_legend_and_scale_bar()
    {
        var scenario = ScenarioLoader.Load(CliRunner.Scenario("pengjiang.json"));
        var report = CompareMarkdownFixture.Report();
        var plot = ZoneMap.Draw(scenario, report, MapMeasure.ResponseMean);
        var plottables = plot.GetPlottables().ToList();
        var zones = Assert.Single(plottables.OfType<ZoneLayer>()).Zones;
        Assert.Equal(scenario.Zones.Count, zones.Count);
        // The largest zone first, so that a district does not hide the hotspots inside it.
        Assert.Equal(scenario.Zones.Max(z => z.Shape.Area), scenario.Zones.First(z => z.Shape.Polygon.ExteriorRing.Coordinates[0].X == zones[0].Ring[0].X
            && z.Shape.Polygon.ExteriorRing.Coordinates[0].Y == zones[0].Ring[0].Y).Shape.Area);
        var markers = plottables.OfType<ScottPlot.Plottables.Markers>().ToList();
        Assert.Equal(scenario.Stations.Count, markers[0].Data.GetScatterPoints().Count);
        Assert.Equal(scenario.Units.Where(u => u.HasPost).Select(u => u.Base).Distinct().Count(), markers[1].Data.GetScatterPoints().Count);
        var legend = plot.Legend.ManualItems.Select(i => i.LabelText).ToList();
        Assert.Contains("station", legend);
        Assert.Contains("fixed post", legend);
        Assert.Equal(5, legend.Count(l => l.Contains(" - ", StringComparison.Ordinal)));
        Assert.Contains(plottables.OfType<ScottPlot.Plottables.Text>(), t => t.LabelText == "2 km");
        Assert.Single(plottables.OfType<ScottPlot.Plottables.LinePlot>());
    }

    [Theory]
    [InlineData(20000, 2000)]
    [InlineData(9000, 1000)]
    [InlineData(3000, 500)]
    public void The_scale_bar_is_a_round_length_near_a_fifth_of_the_width(double width, double expected) =>
        Assert.Equal(expected, ZoneMap.ScaleBarMetres(width));

    [Fact]
    public void A_run_writes_both_maps_and_report_md_opens_with_the_response_map()
    {
        var dir = CliRunner.TempDir();
        var scenarioJson = File.ReadAllText(CliRunner.Scenario("pengjiang.json"));
        var report = CompareMarkdownFixture.Report();
        var validation = ScenarioValidator.ValidateText(scenarioJson, "scenario.json");
        Assert.True(validation.Scenario is not null, string.Join("; ", validation.Errors.Select(e => e.Location + ": " + e.Message)));
        var maps = ZoneMaps.Write(dir, scenarioJson, report);
        Assert.Equal([ZoneMaps.ResponseFile, ZoneMaps.VisibilityFile], maps.Select(m => m.File));
        Assert.All(maps, m => Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(dir, m.File))[0]));
        var md = ReportMarkdown.Render(report, [], maps);
        var firstImage = md.Split('\n').First(l => l.StartsWith("![", StringComparison.Ordinal));
        Assert.Contains(ZoneMaps.ResponseFile, firstImage);
        Assert.True(md.IndexOf(ZoneMaps.ResponseFile, StringComparison.Ordinal) < md.IndexOf("## Headline", StringComparison.Ordinal));
    }

    [Fact]
    public void The_difference_map_of_compare_has_every_zone_and_a_scale_centred_on_zero()
    {
        var dir = CliRunner.TempDir();
        var a = CompareMarkdownFixture.Report();
        var b = a with { Zones = a.Zones.Select((z, i) => z with { ResponseMinutesMean = z.ResponseMinutesMean + (i % 2 == 0 ? 1 : -1) }).ToList() };
        var map = ZoneMaps.WriteDifference(dir, ScenarioLoader.Load(CliRunner.Scenario("pengjiang.json")), a, b);
        Assert.Equal(ZoneMaps.DifferenceFile, map!.Value.File);
        Assert.True(File.Exists(Path.Combine(dir, ZoneMaps.DifferenceFile)));
        var scenario = ScenarioLoader.Load(CliRunner.Scenario("pengjiang.json"));
        var plot = ZoneMap.Draw(scenario, scenario.Zones.Select(z => (double?)(z.Index % 2 == 0 ? 1 : -1)).ToList(), "t", v => v.ToString("+0.0;-0.0;0.0"), diverging: true);
        var zones = Assert.Single(plot.GetPlottables().OfType<ZoneLayer>()).Zones;
        Assert.Equal(scenario.Zones.Count, zones.Count);
        Assert.Equal(2, zones.Select(z => z.Fill).Distinct().Count()); // +1 and -1 fall in the two outer classes
        var legend = plot.Legend.ManualItems.Select(i => i.LabelText).ToList();
        Assert.Equal("below -0.6", legend[0]);
        Assert.Equal("-0.2 - +0.2", legend[2]);
        Assert.Equal("above +0.6", legend[4]);
    }
}
