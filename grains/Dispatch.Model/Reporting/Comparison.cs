using System.Text.Json.Nodes;

namespace Dispatch.Model.Reporting;

/// <summary>One measure of a comparison: means of A and B, the mean paired difference B - A and its 95% interval.</summary>
public sealed record MeasureComparison(
    string Name, double? A, double? B, double? Difference, double? Ci95HalfWidth, Better Better, string Verdict)
{
    /// <summary>The difference per 100 unit-hours of extra staff time (B - A), for a significant difference when the unit-hours differ; else null.</summary>
    public double? PerHundredUnitHours { get; init; }

    /// <summary>Whether the interval excludes zero.</summary>
    public bool Significant => Verdict is "better" or "worse" or "higher" or "lower";
}

/// <summary>
/// Paired comparison of two scenarios run on the same seeds and replication numbers (common random
/// numbers): for every headline measure of <see cref="Measures"/> (with its direction of "better"
/// from there), the difference B - A per replication, its mean and the half-width of the 95%
/// Student t interval; significant when the interval excludes zero.
/// </summary>
public static class Comparison
{
    /// <summary>Every headline measure defined on either side, in the order of <see cref="Measures.Headlines"/>.</summary>
    public static List<MeasureComparison> Compare(IReadOnlyList<Report> a, IReadOnlyList<Report> b)
    {
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException("both sides need the same, non-zero number of replications");
        }
        var result = new List<MeasureComparison>();
        foreach (var measure in Measures.Headlines)
        {
            var (name, better) = (measure.Path, measure.Better);
            var valuesA = a.Select(measure.Value!).ToList();
            var valuesB = b.Select(measure.Value!).ToList();
            var pairs = valuesA.Zip(valuesB).Where(p => p.First is not null && p.Second is not null)
                .Select(p => p.Second!.Value - p.First!.Value).ToList();
            double? Mean(IEnumerable<double?> values) => values.OfType<double>().ToList() is { Count: > 0 } v ? ReportBuilder.Round(v.Average()) : null;
            var meanA = Mean(valuesA);
            var meanB = Mean(valuesB);
            if (meanA is null && meanB is null)
            {
                continue;
            }
            double? difference = pairs.Count > 0 ? ReportBuilder.Round(pairs.Average()) : null;
            double? halfWidth = pairs.Count >= 2 ? ReportBuilder.Round(Statistics.Ci95HalfWidth(pairs)) : null;
            var verdict = pairs.Count == 0 ? Undefined(measure, valuesA, valuesB) : Verdict(difference, halfWidth, better, pairs.Count);
            result.Add(new MeasureComparison(name, meanA, meanB, difference, halfWidth, better, verdict));
        }
        return PerUnitHours(result);
    }

    /// <summary>Why a measure has no paired difference: which side lacks it, and when the measure is undefined (<see cref="Measure.UndefinedWhen"/>).</summary>
    private static string Undefined(Measure measure, List<double?> a, List<double?> b)
    {
        var (noA, noB) = (a.All(v => v is null), b.All(v => v is null));
        var side = (noA, noB) switch
        {
            (true, true) => "A and B",
            (true, false) => "A",
            (false, true) => "B",
            _ => null,
        };
        if (side is null)
        {
            return "not defined in any replication on both sides";
        }
        return measure.UndefinedWhen is { } when ? $"not defined for {side}: {when}" : $"not defined for {side}";
    }

    /// <summary>Adds the effect per 100 unit-hours to the significant differences when the unit-hours on duty differ by at least one.</summary>
    private static List<MeasureComparison> PerUnitHours(List<MeasureComparison> result)
    {
        var cost = result.FirstOrDefault(m => m.Name == Measures.UnitHours.Path)?.Difference;
        if (cost is not { } extra || Math.Abs(extra) < 1)
        {
            return result;
        }
        return result.Select(m => m.Significant && m.Difference is { } d && Measures.Find(m.Name)?.Group != MeasureGroup.Cost
            ? m with { PerHundredUnitHours = ReportBuilder.Round(d / extra * 100) }
            : m).ToList();
    }

    /// <summary>"better", "worse", "higher"/"lower" (neutral measures), or "no significant difference".</summary>
    public static string Verdict(double? difference, double? halfWidth, Better better, int pairs)
    {
        if (difference is null || pairs < 2 || halfWidth is null)
        {
            return pairs < 2 ? "no interval (one replication)" : "not available";
        }
        if (Math.Abs(difference.Value) <= halfWidth.Value)
        {
            return "no significant difference";
        }
        var up = difference.Value > 0;
        return better switch
        {
            Better.Higher => up ? "better" : "worse",
            Better.Lower => up ? "worse" : "better",
            _ => up ? "higher" : "lower",
        };
    }

    /// <summary>compare.json (docs/report-schema.md).</summary>
    public static JsonObject ToJson(string pathA, string nameA, string pathB, string nameB, long seed, int replications, double days, IReadOnlyList<MeasureComparison> measures)
    {
        var list = new JsonArray();
        foreach (var m in measures)
        {
            list.Add(new JsonObject
            {
                ["name"] = m.Name,
                ["a"] = m.A,
                ["b"] = m.B,
                ["difference"] = m.Difference,
                ["ci95HalfWidth"] = m.Ci95HalfWidth,
                ["better"] = m.Better.ToString().ToLowerInvariant(),
                ["verdict"] = m.Verdict,
                ["per100UnitHours"] = m.PerHundredUnitHours,
            });
        }
        return new JsonObject
        {
            ["schemaVersion"] = 1,
            ["a"] = new JsonObject { ["scenario"] = nameA, ["file"] = pathA },
            ["b"] = new JsonObject { ["scenario"] = nameB, ["file"] = pathB },
            ["seed"] = seed,
            ["replications"] = replications,
            ["simulatedDays"] = days,
            ["measures"] = list,
        };
    }
}
