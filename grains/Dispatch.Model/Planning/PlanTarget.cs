using System.Globalization;

namespace Dispatch.Model.Planning;

/// <summary>
/// A target of a plan, written <c>MEASURE&lt;=X</c> or <c>MEASURE&gt;=X</c>: met with 95% confidence when
/// the upper end (for <c>&lt;=</c>) or the lower end (for <c>&gt;=</c>) of the measure's interval meets
/// it, not merely the mean. Rates are fractions (<c>handlingRate&gt;=0.9</c>) or percentages (<c>90%</c>).
/// </summary>
public sealed record PlanTarget(MeasureSelector Measure, bool AtMost, double Bound)
{
    /// <summary>The target as written back (<c>responseMinutes.p90&lt;=10</c>).</summary>
    public string Text => $"{Measure.Name}{(AtMost ? "<=" : ">=")}{Bound.ToString("0.######", CultureInfo.InvariantCulture)}";

    /// <summary>The target of <paramref name="text"/>, or null with the reason in <paramref name="error"/>.</summary>
    public static PlanTarget? TryParse(string text, out string error)
    {
        var at = text.IndexOf("<=", StringComparison.Ordinal);
        var atLeast = text.IndexOf(">=", StringComparison.Ordinal);
        if ((at < 0) == (atLeast < 0))
        {
            error = $"'{text}': expected MEASURE<=X or MEASURE>=X, such as responseMinutes.p90<=10";
            return null;
        }
        var split = at >= 0 ? at : atLeast;
        var measure = MeasureSelector.TryParse(text[..split], out error);
        if (measure is null)
        {
            error = $"'{text}': {error}";
            return null;
        }
        var bound = text[(split + 2)..].Trim();
        var percent = bound.EndsWith('%');
        if (!double.TryParse(percent ? bound[..^1] : bound, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            error = $"'{text}': '{bound}' is not a number";
            return null;
        }
        return new PlanTarget(measure, at >= 0, percent ? value / 100 : value);
    }

    /// <summary>The end of the interval the target judges: the upper end for <c>&lt;=</c>, the lower for <c>&gt;=</c>.</summary>
    public double? End(Estimate e) => AtMost ? e.High : e.Low;

    /// <summary>Met with 95% confidence (an undefined measure meets nothing).</summary>
    public bool Meets(Estimate e) => End(e) is { } end && (AtMost ? end <= Bound : end >= Bound);

    /// <summary>
    /// How far the interval end is on the right side of the bound, relative to the bound (negative when
    /// the target is missed; -1 when the measure is undefined): the same scale for every target.
    /// </summary>
    public double Slack(Estimate e)
    {
        if (End(e) is not { } end)
        {
            return -1;
        }
        var scale = Math.Max(Math.Abs(Bound), 1e-9);
        return (AtMost ? Bound - end : end - Bound) / scale;
    }
}
