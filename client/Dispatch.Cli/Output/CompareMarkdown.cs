using System.Globalization;
using System.Text;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Output;

/// <summary>compare.md: the paired comparison for people, grouped and labelled from <see cref="Measures"/>.</summary>
public static class CompareMarkdown
{
    /// <summary>The whole of compare.md.</summary>
    public static string Render(string a, string b, long seed, int replications, int days, IReadOnlyList<MeasureComparison> measures,
        Report reportA, Report reportB, (string File, string Caption) chart, (string File, string Caption)? map = null)
    {
        var md = new StringBuilder();
        md.Append($"# Comparison: {a} (A) vs {b} (B)\n\n");
        md.Append("## Summary\n\n");
        if (CompareSummary.CostLine(measures) is { } cost)
        {
            md.Append($"- {cost}\n");
        }
        foreach (var line in CompareSummary.Changes(measures, replications))
        {
            md.Append($"- {line}\n");
        }
        if (CompareSummary.MixWarning(MixChange.Of(reportA, reportB)) is { } mix)
        {
            md.Append($"\n> **{mix}**\n");
        }
        md.Append($"\n{replications} paired replication(s) of {days} days from seed {seed}: replication k of A and of B use the same random streams, so zones they share see the same would-be incidents (common random numbers). ");
        md.Append("Each row gives the means of A and B, the mean paired difference B - A and the half-width of its 95% Student t interval; a difference is significant when the interval excludes zero. ");
        md.Append("Per 100 unit-hours: a significant difference divided by the extra unit-hours on duty of B, times 100.\n");
        foreach (var group in measures.GroupBy(m => Measures.Find(m.Name)?.Group ?? MeasureGroup.Handling).OrderBy(g => g.Key))
        {
            md.Append($"\n## {group.Key}\n\n| Measure | A | B | B - A | 95% CI | Per 100 unit-hours | Verdict |\n|---|---:|---:|---:|---:|---:|---|\n");
            foreach (var m in group)
            {
                var title = Measures.Find(m.Name) is { } known ? Headline.Title(known, reportA.NightWindow ?? reportB.NightWindow) : m.Name;
                md.Append($"| {title} | {Value(m.Name, m.A)} | {Value(m.Name, m.B)} | {Value(m.Name, m.Difference, signed: true)} | ");
                md.Append($"{(m.Ci95HalfWidth is { } h ? "± " + Value(m.Name, h, points: true) : "")} | {(m.PerHundredUnitHours is { } p ? Value(m.Name, p, signed: true) : "")} | {m.Verdict} |\n");
            }
        }
        md.Append($"\n![{chart.Caption}]({chart.File})\n\n*{chart.Caption}.*\n\n");
        if (map is { } shown)
        {
            md.Append($"![{shown.Caption}]({shown.File})\n\n*{shown.Caption}.*\n\n");
        }
        md.Append(CompareTables.ByKind(reportA, reportB));
        md.Append(CompareTables.ByPriority(reportA, reportB));
        md.Append(CompareTables.ByHour(reportA, reportB));
        md.Append("\nFull reports of each side: [a/report.md](a/report.md), [b/report.md](b/report.md).\n");
        return md.ToString();
    }

    /// <summary>Rates as percentages (points for differences), minutes, counts, hours and ratios with two decimals; the format from <see cref="Measures"/>.</summary>
    public static string Value(string name, double? value, bool signed = false, bool points = false)
    {
        if (value is not { } v)
        {
            return "n/a";
        }
        var isRate = Measures.Find(name)?.Format == MeasureFormat.Rate;
        var text = isRate ? (100 * v).ToString(signed ? "+0.00;-0.00;0.00" : "0.00", CultureInfo.InvariantCulture) + (signed || points ? " pt" : "%")
            : v.ToString(signed ? "+0.00;-0.00;0.00" : "0.00", CultureInfo.InvariantCulture);
        return text;
    }
}
