using Dispatch.Model.Reporting;

namespace Dispatch.Model.Planning;

/// <summary>
/// A headline measure named by a sweep or a plan: its path in report.json (<c>responseMinutes.p90</c>),
/// overall, or per zone kind (<c>byKind[nightlife].responseMinutes.mean</c>, for the measures that
/// report.json also gives by kind). Labels, format and direction come from <see cref="Measures"/>.
/// </summary>
public sealed record MeasureSelector(Measure Measure, string? Kind)
{
    /// <summary>The name as written back (<c>byKind[nightlife].handlingRate</c>).</summary>
    public string Name => Kind is null ? Measure.Path : $"byKind[{Kind}].{Measure.Path}";

    /// <summary>The table label, with the zone kind when there is one.</summary>
    public string Label => Kind is null ? Measure.Label : $"{Measure.Label}, {Kind}";

    /// <summary>The measure named by <paramref name="text"/>, or null with the reason in <paramref name="error"/>.</summary>
    public static MeasureSelector? TryParse(string text, out string error)
    {
        error = "";
        text = text.Trim();
        string? kind = null;
        var path = text;
        if (text.StartsWith("byKind[", StringComparison.Ordinal))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != '.')
            {
                error = $"'{text}': expected byKind[KIND].MEASURE, such as byKind[nightlife].responseMinutes.mean";
                return null;
            }
            kind = text[7..close];
            path = text[(close + 2)..];
        }
        var measure = Measures.Headlines.FirstOrDefault(m => m.Path == path || BreakdownField(m) == path);
        if (measure is null)
        {
            var names = Measures.Headlines.Select(m => m.Path).ToList();
            error = $"'{path}' is not a headline measure{Scenarios.NameSuggestions.DidYouMean(path, names)} (the measures are listed in docs/metrics.md)";
            return null;
        }
        if (kind is not null && !measure.In.HasFlag(Breakdowns.Kind))
        {
            var byKind = Measures.Headlines.Where(m => m.In.HasFlag(Breakdowns.Kind)).Select(m => m.Path);
            error = $"'{measure.Path}' is not given per zone kind; by kind: {string.Join(", ", byKind)}";
            return null;
        }
        return new MeasureSelector(measure, kind);
    }

    /// <summary>The value in one report (null when undefined there, or when the report has no zones of the kind).</summary>
    public double? ValueIn(Report report)
    {
        if (Kind is null)
        {
            return Measure.Value?.Invoke(report);
        }
        var row = report.ByKind.FirstOrDefault(k => k.Kind == Kind);
        return row is null ? null : BreakdownField(Measure) switch
        {
            "incidents" => row.Incidents,
            "visibilityRate" => row.VisibilityRate,
            "visibilityRateNight" => row.VisibilityRateNight,
            "responseMinutesMean" => row.ResponseMinutesMean,
            "handlingRate" => row.HandlingRate,
            _ => null,
        };
    }

    /// <summary>The estimate of the measure over replications (mean and 95% half-width).</summary>
    public Estimate Over(IEnumerable<Report> replications) =>
        Estimate.Of(replications.Select(ValueIn).Where(v => v is not null).Select(v => v!.Value).ToList());

    /// <summary>The field name of a measure in the breakdowns (<c>responseMinutes.mean</c> is <c>responseMinutesMean</c> there).</summary>
    private static string BreakdownField(Measure m) => m.Path switch
    {
        "incidents.total" => "incidents",
        _ => string.Concat(m.Path.Split('.').Select((part, k) => k == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..])),
    };
}

/// <summary>A measure's mean over replications and the half-width of its 95% Student t interval (null with fewer than 2 values).</summary>
public sealed record Estimate(double? Mean, double? HalfWidth, int Count)
{
    /// <summary>The estimate of <paramref name="values"/>.</summary>
    public static Estimate Of(IReadOnlyList<double> values) =>
        new(Statistics.Mean(values), Statistics.Ci95HalfWidth(values), values.Count);

    /// <summary>The lower end of the interval (the mean with one value).</summary>
    public double? Low => Mean - (HalfWidth ?? 0);

    /// <summary>The upper end of the interval (the mean with one value).</summary>
    public double? High => Mean + (HalfWidth ?? 0);
}
