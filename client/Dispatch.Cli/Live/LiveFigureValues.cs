using System.Globalization;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Live;

/// <summary>
/// The live figures a watcher receives (<see cref="LiveKpis"/>), keyed by the measure they show
/// (<see cref="Measures.Live"/>: label, format and order come from there), and their text.
/// </summary>
public static class LiveFigureValues
{
    private static readonly Dictionary<string, Func<LiveKpis, double?>> Getters = new(StringComparer.Ordinal)
    {
        [Measures.VisibilityNow.Path] = k => k.VisibilityNow,
        [Measures.VisibilityRateNight.Path] = k => k.VisibilityNightSoFar,
        [Measures.HandlingRate.Path] = k => k.HandlingRate,
        [Measures.ResponseP50.Path] = k => k.ResponseP50,
        [Measures.ResponseP90.Path] = k => k.ResponseP90,
        [Measures.IncidentsTotal.Path] = k => k.Incidents,
        [Measures.QueueNow.Path] = k => k.QueueLength,
    };

    /// <summary>The measures a watcher receives a value for.</summary>
    public static IReadOnlyCollection<string> Paths => Getters.Keys;

    /// <summary>The dashboard's rows: (label with source term, value as markup), in the table's order.</summary>
    public static IEnumerable<(string Label, string Value)> Rows(LiveKpis kpis) =>
        Measures.Live.Select(m => (m.LiveTitle!, Text(m, Getters[m.Path](kpis))));

    /// <summary>The measures in the table's order with their values (null when not yet defined).</summary>
    public static IEnumerable<(Measure Measure, double? Value)> Values(LiveKpis kpis) =>
        Measures.Live.Select(m => (m, Getters[m.Path](kpis)));

    /// <summary>A live value as plain text: rates as % with one decimal, minutes with one decimal and "min", counts whole.</summary>
    public static string Plain(Measure measure, double? value) => value is not { } v
        ? "n/a"
        : measure.Format switch
        {
            MeasureFormat.Rate => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            MeasureFormat.Count => v.ToString("0", CultureInfo.InvariantCulture),
            _ => v.ToString("0.0", CultureInfo.InvariantCulture) + " min",
        };

    /// <summary>A live value: rates as % with one decimal, minutes with one decimal and "min", counts whole (red above zero where asked).</summary>
    public static string Text(Measure measure, double? value)
    {
        if (value is not { } v)
        {
            return "n/a";
        }
        var text = measure.Format switch
        {
            MeasureFormat.Rate => (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%",
            MeasureFormat.Count => v.ToString("0", CultureInfo.InvariantCulture),
            _ => v.ToString("0.0", CultureInfo.InvariantCulture) + " min",
        };
        return measure.Live is { Warn: true } && v > 0 ? $"[red]{text}[/]" : text;
    }
}
