using Dispatch.Cli.Output;
using Dispatch.Model.Planning;
using Dispatch.Model.Reporting;
using ScottPlot;

namespace Dispatch.Cli.Planning;

/// <summary>
/// The charts of a sweep, one per headline measure (with a value at some point) in <c>charts/</c>:
/// for one axis the mean against the varied value with its 95% band, for two axes a heat map of
/// the mean with each cell's mean and half-width written in it.
/// </summary>
public static class SweepCharts
{
    /// <summary>The folder of the charts inside the output folder.</summary>
    public const string Folder = "charts";

    /// <summary>Writes the charts; returns (relative file, caption) pairs, in the order of the measures.</summary>
    public static List<(string File, string Caption)> Write(string directory, SweepResult sweep)
    {
        var folder = Path.Combine(directory, Folder);
        Directory.CreateDirectory(folder);
        var charts = new List<(string, string)>();
        for (var m = 0; m < SweepResult.MeasureList.Count; m++)
        {
            var measure = SweepResult.MeasureList[m];
            if (sweep.Points.All(p => p.Estimates[m].Mean is null))
            {
                continue;
            }
            var plot = sweep.Axes.Count == 1 ? Line(sweep, m) : Heat(sweep, m);
            var file = $"{measure.Path}.png";
            var caption = sweep.Axes.Count == 1
                ? $"{measure.Title} against {sweep.Axes[0].Path.Text}, mean with its 95% interval"
                : $"{measure.Title}: mean by {sweep.Axes[0].Path.Text} (rows) and {sweep.Axes[1].Path.Text} (columns)";
            Charts.Save(folder, file, plot, caption);
            charts.Add(($"{Folder}/{file}", caption));
        }
        return charts;
    }

    private static Plot Line(SweepResult sweep, int m)
    {
        var axis = sweep.Axes[0];
        var measure = SweepResult.MeasureList[m];
        var plot = new Plot();
        var numeric = axis.IsNumeric;
        var xs = axis.Values.Select((v, k) => numeric ? SweepAxis.Number(v)!.Value : k).ToArray();
        var shown = Enumerable.Range(0, xs.Length).Where(k => sweep.Points[k].Estimates[m].Mean is not null).ToList();
        var x = shown.Select(k => xs[k]).ToArray();
        var scale = measure.Format == MeasureFormat.Rate ? 100 : 1;
        var mean = shown.Select(k => sweep.Points[k].Estimates[m].Mean!.Value * scale).ToArray();
        if (shown.All(k => sweep.Points[k].Estimates[m].HalfWidth is not null) && x.Length > 1)
        {
            var band = plot.Add.FillY(x, shown.Select(k => sweep.Points[k].Estimates[m].Low!.Value * scale).ToArray(),
                shown.Select(k => sweep.Points[k].Estimates[m].High!.Value * scale).ToArray());
            band.FillStyle.Color = Colors.SteelBlue.WithAlpha(0.25);
            band.LineStyle.Width = 0;
            band.LegendText = "95% interval";
        }
        var line = plot.Add.Scatter(x, mean);
        line.Color = Colors.SteelBlue;
        line.LineWidth = 2;
        line.MarkerSize = 6;
        line.LegendText = "mean";
        if (!numeric)
        {
            plot.Axes.Bottom.SetTicks(xs, [.. axis.Values]);
        }
        plot.Title(measure.Title);
        plot.XLabel(axis.Path.Text);
        plot.YLabel(Unit(measure));
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static Plot Heat(SweepResult sweep, int m)
    {
        var (rows, columns) = (sweep.Axes[0], sweep.Axes[1]);
        var measure = SweepResult.MeasureList[m];
        var plot = new Plot();
        var values = new double[rows.Values.Count, columns.Values.Count];
        for (var r = 0; r < rows.Values.Count; r++)
        {
            for (var c = 0; c < columns.Values.Count; c++)
            {
                var e = sweep.Points[r * columns.Values.Count + c].Estimates[m];
                // Row 0 of the image is drawn at the top: the first value of the row axis goes at the bottom.
                values[rows.Values.Count - 1 - r, c] = e.Mean ?? double.NaN;
                var text = plot.Add.Text(Headline.Format(measure.Format, e.Mean) + (e.HalfWidth is { } h ? "\n± " + Headline.Format(measure.Format, h) : ""), c, r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 12;
                text.LabelFontColor = Colors.White;
                text.LabelBold = true;
            }
        }
        var heat = plot.Add.Heatmap(values);
        heat.Rectangle = new CoordinateRect(-0.5, columns.Values.Count - 0.5, -0.5, rows.Values.Count - 0.5);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.MoveToBack(heat);
        plot.Add.ColorBar(heat);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns.Values.Count).Select(k => (double)k).ToArray(), [.. columns.Values]);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Values.Count).Select(k => (double)k).ToArray(), [.. rows.Values]);
        plot.Title(measure.Title);
        plot.XLabel(columns.Path.Text);
        plot.YLabel(rows.Path.Text);
        return plot;
    }

    private static string Unit(Measure m) => m.Format switch
    {
        MeasureFormat.Minutes => "minutes",
        MeasureFormat.Rate => "%",
        MeasureFormat.Hours => "hours",
        MeasureFormat.Count => "count",
        _ => "ratio",
    };
}
