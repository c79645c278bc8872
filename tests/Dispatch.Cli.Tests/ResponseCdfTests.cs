using Dispatch.Cli.Output;

namespace Dispatch.Cli.Tests;

/// <summary>The response CDF: the axis follows the data and the circle labels stay off the tick labels.</summary>
public sealed class ResponseCdfTests
{
    [Fact]
    public void The_axis_ends_near_the_95th_percentile_and_the_circles_are_labelled_inside_the_plot()
    {
        // 100 responses of 0.1 .. 10 min and one of 45 min: the tail must not squash 0-10.
        var responses = Enumerable.Range(1, 100).Select(k => k / 10.0).Append(45).ToList();
        var plot = Charts.ResponseCdf(responses);
        var limits = plot.Axes.GetLimits();
        Assert.InRange(limits.Right, 10, 13);
        var texts = plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().Select(t => t.LabelText).ToList();
        Assert.Equal(["1 min", "3 min", "5 min"], texts);
        Assert.All(plot.GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>(), v => Assert.True(string.IsNullOrEmpty(v.Text)));
    }
}
