using Dispatch.Cli.Output;
using Dispatch.Model.Loading;
using SkiaSharp;

namespace Dispatch.Cli.Tests;

/// <summary>The faster PNG encoding writes the same pixels as ScottPlot's own.</summary>
public sealed class PngFileTests
{
    [Fact]
    public void A_map_saved_through_png_file_has_the_pixels_of_scottplots_png()
    {
        var dir = CliRunner.TempDir();
        var scenario = ScenarioLoader.Load(CliRunner.Scenario("pengjiang.json"));
        var ours = Path.Combine(dir, "ours.png");
        var theirs = Path.Combine(dir, "theirs.png");
        // Each from a plot of its own: a plot drawn twice lays itself out again.
        PngFile.Save(ZoneMap.Draw(scenario, CompareMarkdownFixture.Report(), MapMeasure.ResponseMean), ours, 640, 480);
        ZoneMap.Draw(scenario, CompareMarkdownFixture.Report(), MapMeasure.ResponseMean).SavePng(theirs, 640, 480);

        using var a = SKBitmap.Decode(ours);
        using var b = SKBitmap.Decode(theirs);
        Assert.Equal((640, 480), (a.Width, a.Height));
        Assert.Equal((b.Width, b.Height), (a.Width, a.Height));
        Assert.Equal(b.Pixels, a.Pixels);
        Assert.Contains(a.Pixels, p => p != a.Pixels[0]); // something was drawn
    }

    [Fact]
    public void Every_text_of_a_map_and_a_chart_is_in_the_chart_font_whatever_was_drawn_before()
    {
        var scenario = ScenarioLoader.Load(CliRunner.Scenario("small-town.json"));
        var map = ZoneMap.Draw(scenario, CompareMarkdownFixture.Report(), MapMeasure.Visibility);
        var cdf = Charts.ResponseCdf([1.0, 2.5, 4.0, 7.5]);
        ChartFonts.Apply(cdf); // as Charts.Save does; a map has it applied as it is drawn
        if (ChartFonts.Family is not { } family)
        {
            // No CJK font installed (CI installs one, .ci/run): the terms are left out instead.
            Assert.All(new[] { map, cdf }, p => Assert.Equal(ChartFonts.WithoutTerms(p.Axes.Title.Label.Text), p.Axes.Title.Label.Text));
            return;
        }
        foreach (var plot in new[] { map, cdf })
        {
            // The legend and the text labels, which ScottPlot's Font.Set leaves to the default of when they were made.
            Assert.Equal(family, plot.Legend.FontName);
            var texts = plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().ToList();
            Assert.NotEmpty(texts);
            Assert.All(texts, t => Assert.Equal(family, t.LabelFontName));
            Assert.Equal(family, plot.Axes.Title.Label.FontName);
        }
    }

    [Fact]
    public void Encoding_in_memory_gives_the_bytes_of_the_saved_file()
    {
        var dir = CliRunner.TempDir();
        var scenario = ScenarioLoader.Load(CliRunner.Scenario("small-town.json"));
        var path = Path.Combine(dir, "map.png");
        PngFile.Save(ZoneMap.Draw(scenario, CompareMarkdownFixture.Report(), MapMeasure.Visibility), path, 320, 240);
        var bytes = PngFile.Encode(ZoneMap.Draw(scenario, CompareMarkdownFixture.Report(), MapMeasure.Visibility), 320, 240);
        Assert.Equal(File.ReadAllBytes(path), bytes);
    }

    [Fact]
    public async Task The_charts_warm_up_draws_every_kind_of_plottable_without_a_failure()
    {
        Assert.True(await Charts.WarmUpAsync());
    }
}
