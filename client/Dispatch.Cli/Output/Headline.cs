using System.Globalization;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;

namespace Dispatch.Cli.Output;

/// <summary>The headline figures of a report as (label, formatted value, formatted 95% half-width) rows, from <see cref="Measures.Table"/>.</summary>
public static class Headline
{
    public static IReadOnlyList<(string Label, string Value, string Interval)> Rows(Report r) =>
        Measures.Table.Select(m => (Title(m, r.NightWindow), Format(m.Format, m.Value!(r)), Interval(r, m))).ToList();

    /// <summary>The measure's title, with the report's night window in place of 22:00-04:00 when the scenario set another one.</summary>
    public static string Title(Measure m, string? nightWindow) =>
        nightWindow is { } w ? m.Title.Replace(NightWindow.Default.Label, w, StringComparison.Ordinal) : m.Title;

    /// <summary>"± half-width" in the measure's format, or empty when the report has none for it.</summary>
    private static string Interval(Report r, Measure m) =>
        r.Ci95HalfWidth is { } ci && ci.TryGetValue(m.Path, out var h) && h is { } v ? "± " + Format(m.Format, v) : "";

    /// <summary>A value as the headline table shows it: minutes and ratios with two decimals, rates as %, counts whole or with one decimal.</summary>
    public static string Format(MeasureFormat format, double? value) => format switch
    {
        MeasureFormat.Rate => Pct(value),
        MeasureFormat.Count => value is { } v ? Num(v) : "n/a",
        MeasureFormat.Hours => Hours(value),
        _ => Min(value),
    };

    public static string Min(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    public static string Pct(double? v) => v is { } x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>Hours with one decimal ("504.0").</summary>
    public static string Hours(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    public static string Num(double v) => v.ToString(v == Math.Floor(v) ? "0" : "0.0", CultureInfo.InvariantCulture);
}
