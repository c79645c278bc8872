using System.Globalization;
using System.Text;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Output;

/// <summary>compare.md: the paired comparison for people.</summary>
public static class CompareMarkdown
{
    public static string Render(string a, string b, long seed, int replications, int days, IReadOnlyList<MeasureComparison> measures,
        Report reportA, Report reportB, (string File, string Caption) chart)
    {
        var md = new StringBuilder();
        md.Append($"# Comparison: {a} (A) vs {b} (B)\n\n");
        md.Append($"{replications} paired replication(s) of {days} days from seed {seed}: replication k of A and of B use the same random streams, so zones they share see the same would-be incidents (common random numbers). ");
        md.Append("Each row gives the means of A and B, the mean paired difference B - A and the half-width of its 95% Student t interval; a difference is significant when the interval excludes zero.\n\n");
        md.Append("| Measure | A | B | B - A | 95% CI | Verdict |\n|---|---:|---:|---:|---:|---|\n");
        foreach (var m in measures)
        {
            md.Append($"| {m.Name} | {Value(m.Name, m.A)} | {Value(m.Name, m.B)} | {Value(m.Name, m.Difference, signed: true)} | {(m.Ci95HalfWidth is { } h ? "± " + Value(m.Name, h, points: true) : "")} | {m.Verdict} |\n");
        }
        md.Append($"\n![{chart.Caption}]({chart.File})\n\n*{chart.Caption}.*\n\n");
        md.Append("## By zone kind\n\n| Kind | Visibility A | Visibility B | Night visibility A | Night visibility B | Response mean A | Response mean B | Incidents A | Incidents B |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var kindA in reportA.ByKind)
        {
            var kindB = reportB.ByKind.FirstOrDefault(k => k.Kind == kindA.Kind);
            md.Append($"| {kindA.Kind} | {Headline.Pct(kindA.VisibilityRate)} | {Headline.Pct(kindB?.VisibilityRate)} | {Headline.Pct(kindA.VisibilityRateNight)} | {Headline.Pct(kindB?.VisibilityRateNight)} | {Headline.Min(kindA.ResponseMinutesMean)} | {Headline.Min(kindB?.ResponseMinutesMean)} | {Headline.Num(kindA.Incidents)} | {(kindB is null ? "" : Headline.Num(kindB.Incidents))} |\n");
        }
        md.Append("\nFull reports of each side: [a/report.md](a/report.md), [b/report.md](b/report.md).\n");
        return md.ToString();
    }

    /// <summary>Rates as percentages (points for differences), minutes, counts and ratios with two decimals; the format from <see cref="Measures"/>.</summary>
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
