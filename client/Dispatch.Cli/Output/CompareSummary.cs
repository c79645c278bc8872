using System.Globalization;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Output;

/// <summary>The plain-language lines of a comparison: the cost line, the significant changes by group, and the mix warning.</summary>
public static class CompareSummary
{
    /// <summary>"B uses 144.0 more unit-hours on duty than A (4,032.0 -> 4,176.0, +3.6%)", or null without cost figures.</summary>
    public static string? CostLine(IReadOnlyList<MeasureComparison> measures)
    {
        var cost = measures.FirstOrDefault(m => m.Name == Measures.UnitHours.Path);
        if (cost is not { A: { } a, B: { } b, Difference: { } d })
        {
            return null;
        }
        var officers = measures.FirstOrDefault(m => m.Name == "cost.officerHours");
        var officerText = officers is { A: { } oa, B: { } ob } && Math.Abs(ob - oa - d) > 0.05
            ? $" ({Headline.Hours(oa)} -> {Headline.Hours(ob)} officer-hours)" : "";
        var relative = a > 0 ? $", {(d / a).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture)}" : "";
        var verb = Math.Abs(d) < 0.05 ? "the same" : d > 0 ? $"{Headline.Hours(d)} more" : $"{Headline.Hours(-d)} fewer";
        return Math.Abs(d) < 0.05
            ? $"Cost: B uses the same unit-hours on duty as A ({Headline.Hours(a)}){officerText}."
            : $"Cost: B uses {verb} unit-hours on duty than A ({Headline.Hours(a)} -> {Headline.Hours(b)}{relative}){officerText}.";
    }

    /// <summary>One sentence per significant change outside the cost group, by group; a sentence saying why when there is none.</summary>
    public static IReadOnlyList<string> Changes(IReadOnlyList<MeasureComparison> measures, int replications)
    {
        if (replications < 2)
        {
            return ["With one replication no difference can be judged significant: run with --replications 5 or more for intervals."];
        }
        var lines = new List<string>();
        foreach (var m in measures.Where(m => m.Significant && Measures.Find(m.Name) is { Group: not MeasureGroup.Cost })
                     .OrderBy(m => Measures.Find(m.Name)!.Group))
        {
            var measure = Measures.Find(m.Name)!;
            var per = m.PerHundredUnitHours is { } p ? $"; {CompareMarkdown.Value(m.Name, p, signed: true)} per 100 unit-hours" : "";
            lines.Add($"{measure.Group}: {measure.Title} is {m.Verdict} in B, {CompareMarkdown.Value(m.Name, m.A)} -> {CompareMarkdown.Value(m.Name, m.B)} " +
                $"({CompareMarkdown.Value(m.Name, m.Difference, signed: true)} ± {CompareMarkdown.Value(m.Name, m.Ci95HalfWidth, points: true)}{per}).");
        }
        if (lines.Count == 0)
        {
            lines.Add($"No measure differs significantly over {replications} replications: any real effect is smaller than the intervals; more replications narrow them.");
        }
        return lines;
    }

    /// <summary>The mix-change warning as one paragraph, or null when the mix of incidents is the same.</summary>
    public static string? MixWarning(MixChange? mix)
    {
        if (mix is null)
        {
            return null;
        }
        var moved = mix.Kinds.Where(k => Math.Abs(k.ShareB - k.ShareA) >= MixChange.Threshold || Math.Abs(k.IncidentsB - k.IncidentsA) >= 0.5)
            .Take(4).Select(k => $"{k.Kind} {Headline.Num(k.IncidentsA)} -> {Headline.Num(k.IncidentsB)} incidents (response mean {Headline.Min(k.ResponseA)} -> {Headline.Min(k.ResponseB)} min)");
        var text = "Mix of incidents changed: B has a different mix of incidents by zone kind, so overall response figures (mean, percentiles, within-N shares) " +
            $"move even where no kind's response does. Largest changes: {string.Join("; ", moved)}.";
        if (mix.ResponseAAtMixOfA is { } ra && mix.ResponseBAtMixOfA is { } rb)
        {
            text += $" At A's mix of kinds, mean response is {Headline.Min(ra)} min in A and {Headline.Min(rb)} min in B ({(rb - ra).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)} min): judge response on this and on the by-kind table.";
        }
        return text;
    }
}
