using Dispatch.Cli.Output;
using Dispatch.Model.Reporting;
using ScottPlot;

namespace Dispatch.Cli.Planning;

/// <summary>
/// The chart of a plan's search: every evaluated setting as a point (cost per day against the
/// binding target's judged interval end), the steps the search took joined in order, and the bound.
/// </summary>
public static class PlanChart
{
    public static void Write(string directory, PlanReport plan)
    {
        var plot = new Plot();
        var trace = plan.Outcome.Trace;
        if (plan.Binding is { } b)
        {
            var target = plan.Targets[b];
            var scale = target.Measure.Measure.Format == MeasureFormat.Rate ? 100 : 1;
            var all = trace.Where(t => t.TargetEnds[b] is not null).ToList();
            var dots = plot.Add.ScatterPoints(all.Select(t => t.TargetEnds[b]!.Value * scale).ToArray(), all.Select(t => t.Cost).ToArray());
            dots.Color = Colors.Gray.WithAlpha(0.6);
            dots.MarkerSize = 6;
            dots.LegendText = "evaluated settings";
            var path = all.Where(t => t.Accepted).ToList();
            if (path.Count > 0)
            {
                var line = plot.Add.Scatter(path.Select(t => t.TargetEnds[b]!.Value * scale).ToArray(), path.Select(t => t.Cost).ToArray());
                line.Color = Colors.SteelBlue;
                line.LineWidth = 2;
                line.MarkerSize = 8;
                line.LegendText = "steps taken";
            }
            var bound = plot.Add.VerticalLine(target.Bound * scale);
            bound.LinePattern = LinePattern.Dashed;
            bound.Color = Colors.Red;
            bound.LegendText = $"target {target.Text}";
            plot.XLabel($"{target.Measure.Label}: {(target.AtMost ? "upper" : "lower")} end of the 95% interval{(scale == 100 ? " (%)" : "")}");
        }
        else
        {
            var line = plot.Add.Scatter(trace.Select(t => (double)t.Step).ToArray(), trace.Select(t => t.Cost).ToArray());
            line.LegendText = "cost";
            plot.XLabel("evaluation");
        }
        plot.YLabel("weighted officer-hours on duty per day");
        plot.Title("Plan search: cost against the binding target");
        plot.ShowLegend(Edge.Right);
        Charts.Save(directory, PlanReport.ChartFile, plot, "");
    }
}
