namespace Dispatch.Model.Reporting;

/// <summary>
/// What the run cost in staff time (<c>cost</c> in report.json, docs/metrics.md "Cost"): hours on
/// duty (any status but off shift, overtime on a job past the shift end included) of the units and
/// of their officers (a unit's mode says how many officers crew it), overall and by mode, station
/// and hour of day, after the warm-up.
/// </summary>
public sealed record CostReport
{
    /// <summary>Unit-hours on duty.</summary>
    public double UnitHours { get; init; }

    /// <summary>Officer-hours on duty (unit-hours times the officers per unit of its mode).</summary>
    public double OfficerHours { get; init; }

    /// <summary>Unit-hours of the night-surge units; null without a surge.</summary>
    public double? SurgeUnitHours { get; init; }

    /// <summary>By unit mode, in the order of the modes.</summary>
    public required List<ModeCost> ByMode { get; init; }

    /// <summary>By station, in the scenario's order.</summary>
    public required List<StationCost> ByStation { get; init; }

    /// <summary>By hour of day 0-23 (the hours a unit was on duty in).</summary>
    public required List<HourCost> ByHour { get; init; }
}

/// <summary>A mode's unit-hours and officer-hours.</summary>
public sealed record ModeCost
{
    /// <summary>The mode (car, foot, ...).</summary>
    public required string Mode { get; init; }

    /// <summary>Unit-hours on duty.</summary>
    public double UnitHours { get; init; }

    /// <summary>Officer-hours on duty.</summary>
    public double OfficerHours { get; init; }
}

/// <summary>A station's unit-hours and officer-hours.</summary>
public sealed record StationCost
{
    /// <summary>The station's id.</summary>
    public required string Station { get; init; }

    /// <summary>Unit-hours on duty.</summary>
    public double UnitHours { get; init; }

    /// <summary>Officer-hours on duty.</summary>
    public double OfficerHours { get; init; }
}

/// <summary>An hour of day's unit-hours and officer-hours.</summary>
public sealed record HourCost
{
    /// <summary>Hour of day, 0-23.</summary>
    public int Hour { get; init; }

    /// <summary>Unit-hours on duty in that hour of day, summed over the days.</summary>
    public double UnitHours { get; init; }

    /// <summary>Officer-hours on duty in that hour of day, summed over the days.</summary>
    public double OfficerHours { get; init; }
}
