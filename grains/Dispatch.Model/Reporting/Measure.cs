namespace Dispatch.Model.Reporting;

/// <summary>Which direction of change is an improvement for a measure.</summary>
public enum Better
{
    /// <summary>More is better (a rate of service).</summary>
    Higher,

    /// <summary>Less is better (a time, a count of failures).</summary>
    Lower,

    /// <summary>Neither: a count that describes the load rather than the service.</summary>
    Neutral,
}

/// <summary>How a measure's value is shown to people (report.json always holds the plain number).</summary>
public enum MeasureFormat
{
    /// <summary>Minutes, shown with two decimals.</summary>
    Minutes,

    /// <summary>A fraction 0..1, shown as a percentage (differences in points).</summary>
    Rate,

    /// <summary>A count of incidents or events, whole for one replication.</summary>
    Count,

    /// <summary>A dimensionless number (an index, a time-average length), shown with two decimals.</summary>
    Ratio,

    /// <summary>Hours of staff time (unit-hours, officer-hours), shown with one decimal.</summary>
    Hours,
}

/// <summary>What a measure is about: the groups of <c>compare</c> (docs/metrics.md), in their order.</summary>
public enum MeasureGroup
{
    /// <summary>How fast units arrive: response, queue, travel.</summary>
    Response,

    /// <summary>What happens to incidents: counts, handling within target, escalation.</summary>
    Handling,

    /// <summary>Police presence where risk is: visibility (见警率), precision, discovery.</summary>
    Visibility,

    /// <summary>Incidents that did not happen: deterrence.</summary>
    Prevention,

    /// <summary>Staff time spent: unit-hours and officer-hours on duty.</summary>
    Cost,
}

/// <summary>The breakdowns of report.json in which a measure also appears, per group.</summary>
[Flags]
public enum Breakdowns
{
    /// <summary>Overall only.</summary>
    None = 0,

    /// <summary><c>zones[]</c>.</summary>
    Zone = 1,

    /// <summary><c>byHour[]</c>.</summary>
    Hour = 2,

    /// <summary><c>byKind[]</c>.</summary>
    Kind = 4,

    /// <summary><c>byPriority[]</c>.</summary>
    Priority = 8,
}

/// <summary>How a measure is shown on the live dashboard: its label there and its row (from 1).</summary>
/// <param name="Label">The dashboard's label (lower case, short), without the source term.</param>
/// <param name="Row">Position in the dashboard's figures table.</param>
/// <param name="Warn">Shown in red when above zero (a queue).</param>
public sealed record LiveShow(string Label, int Row, bool Warn = false);

/// <summary>
/// One measure, declared once in <see cref="Measures"/>: where it is in report.json, how people
/// read it, which way is better, and where it is shown. Every output reads these declarations
/// (docs/metrics.md, "Declaring a measure").
/// </summary>
/// <param name="Path">Dotted camel-case path in report.json (<c>responseMinutes.p90</c>); a live-only figure's is <c>live.*</c>.</param>
/// <param name="Label">English label of the console and report.md headline table (without the source term).</param>
/// <param name="Format">How the value is shown.</param>
/// <param name="Better">Which direction is an improvement: drives the compare verdict.</param>
/// <param name="Value">The value in a report (the same number as at <paramref name="Path"/>); null for a live-only figure.</param>
public sealed record Measure(string Path, string Label, MeasureFormat Format, Better Better, Func<Report, double?>? Value)
{
    /// <summary>The source document's term (管事率, 见警率, ...), or null.</summary>
    public string? Term { get; init; }

    /// <summary>A headline: carries <c>ci95HalfWidth</c> with replications and is compared by <c>compare</c>.</summary>
    public bool Headline { get; init; }

    /// <summary>Row (from 1) of the headline table of the console and report.md; null when not shown there.</summary>
    public int? Row { get; init; }

    /// <summary>How it is shown live; null when it is not.</summary>
    public LiveShow? Live { get; init; }

    /// <summary>The breakdowns of report.json where it also appears per group.</summary>
    public Breakdowns In { get; init; }

    /// <summary>The group it is shown in by <c>compare</c>.</summary>
    public MeasureGroup Group { get; init; }

    /// <summary>When the measure has no value, in plain words ("no unit patrols, as under the static patrol policy"); null when it always has one.</summary>
    public string? UndefinedWhen { get; init; }

    /// <summary>The label with the source term, "Handling rate (管事率)".</summary>
    public string Title => Term is null ? Label : $"{Label} ({Term})";

    /// <summary>The live label with the source term, "handling rate (管事率)"; null when not shown live.</summary>
    public string? LiveTitle => Live is null ? null : Term is null ? Live.Label : $"{Live.Label} ({Term})";
}
