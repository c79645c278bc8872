using System.Globalization;
using System.Text;
using Dispatch.Cli.Output;
using Dispatch.Model.Reporting;
using Spectre.Console;

namespace Dispatch.Cli.Planning;

/// <summary>The sweep's table (console and sweep.md): a row per point, a column per main measure, each "mean ± half-width".</summary>
public static class SweepTables
{
    /// <summary>The measures of the table (all headline measures are in sweep.json, sweep.csv and the charts).</summary>
    public static readonly IReadOnlyList<Measure> Columns =
    [
        .. new[] { "responseMinutes.mean", "responseMinutes.p90", "queueWaitMinutes.mean", "queueWaitMinutes.probWait", "handlingRate", "visibilityRate", "visibilityRateNight", "cost.officerHours" }
            .Select(p => Measures.Find(p)!),
    ];

    /// <summary>"5.21 ± 0.12" in the measure's format.</summary>
    public static string Cell(Measure m, Dispatch.Model.Planning.Estimate e) =>
        Headline.Format(m.Format, e.Mean) + (e.HalfWidth is { } h ? " ± " + Headline.Format(m.Format, h) : "");

    public static void Print(IAnsiConsole console, SweepResult sweep)
    {
        var table = new Table();
        foreach (var axis in sweep.Axes)
        {
            table.AddColumn(Markup.Escape(axis.Path.Text));
        }
        foreach (var m in Columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(m.Title)).RightAligned());
        }
        foreach (var p in sweep.Points)
        {
            table.AddRow([.. p.Values.Select(Markup.Escape), .. Columns.Select(m => Markup.Escape(Cell(m, Of(p, m))))]);
        }
        console.Write(table);
    }

    public static string Markdown(SweepResult sweep, IReadOnlyList<(string File, string Caption)> charts, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Sweep: {sweep.Scenario}\n\n");
        md.Append(CultureInfo.InvariantCulture,
            $"{sweep.Points.Count} point(s) x {sweep.Replications} replication(s) of {sweep.Days} day(s), seed {sweep.Seed}, on common random numbers ");
        md.Append(CultureInfo.InvariantCulture, $"(replication k of every point replays the same incidents), run as one experiment in {elapsed.TotalSeconds:0} s. ");
        md.Append("Each figure is the mean over the replications ± the half-width of its 95% interval; every headline measure is in sweep.csv and sweep.json.\n\n");
        foreach (var axis in sweep.Axes)
        {
            md.Append(CultureInfo.InvariantCulture, $"- `{axis.Path.Text}`: {string.Join(", ", axis.Values)}\n");
        }
        md.Append('\n');
        md.Append("| ").AppendJoin(" | ", sweep.Axes.Select(a => $"`{a.Path.Text}`").Concat(Columns.Select(m => m.Title))).Append(" |\n");
        md.Append('|').AppendJoin('|', sweep.Axes.Select(_ => "---").Concat(Columns.Select(_ => "---:"))).Append("|\n");
        foreach (var p in sweep.Points)
        {
            md.Append("| ").AppendJoin(" | ", p.Values.Concat(Columns.Select(m => Cell(m, Of(p, m))))).Append(" |\n");
        }
        md.Append('\n');
        foreach (var (file, caption) in charts)
        {
            md.Append(CultureInfo.InvariantCulture, $"![{caption}]({file})\n\n");
        }
        return md.ToString();
    }

    private static Dispatch.Model.Planning.Estimate Of(SweepPoint p, Measure m) => p.Estimates[IndexOf(m)];

    private static int IndexOf(Measure m)
    {
        for (var k = 0; k < SweepResult.MeasureList.Count; k++)
        {
            if (SweepResult.MeasureList[k] == m)
            {
                return k;
            }
        }
        throw new ArgumentException($"not a headline measure: {m.Path}", nameof(m));
    }
}
