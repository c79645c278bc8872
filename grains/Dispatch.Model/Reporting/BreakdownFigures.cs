namespace Dispatch.Model.Reporting;

/// <summary>
/// The figures every incident breakdown (<c>zones[]</c>, <c>byHour[]</c>, <c>byKind[]</c>) holds for
/// its group, computed by one function (<c>ReportBuilder.Figures</c>). A figure a breakdown does
/// not define (the night visibility of an hour, the prevented count of a zone kind) stays null and
/// is left out of report.json. In report.json the group's own fields (id, hour, kind) come first.
/// </summary>
public record BreakdownFigures
{
    /// <summary>Incidents created in the group.</summary>
    public double Incidents { get; init; }

    /// <summary>Would-be incidents prevented by presence (zones only).</summary>
    public double? Prevented { get; init; }

    /// <summary>Risk-weighted visibility rate of the group (hotspots only for zones and kinds).</summary>
    public double? VisibilityRate { get; init; }

    /// <summary>The same over the night window 22:00-04:00 (zones and kinds).</summary>
    public double? VisibilityRateNight { get; init; }

    /// <summary>Mean response of the group's attended incidents.</summary>
    public double? ResponseMinutesMean { get; init; }

    /// <summary>90th percentile response of the group's attended incidents (zones only).</summary>
    public double? ResponseMinutesP90 { get; init; }

    /// <summary>Handling rate of the group's incidents.</summary>
    public double? HandlingRate { get; init; }
}
