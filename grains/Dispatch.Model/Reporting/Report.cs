using System.Text.Json.Serialization;

namespace Dispatch.Model.Reporting;

// report.json (docs/report-schema.md). Names and meanings of the DESIGN section 6 fields are a
// contract: minutes for times, fractions 0..1 for rates. Numbers are doubles so that the same type
// holds a single run and the mean over replications. A null is "not defined" (e.g. the mean
// response of a zone with no attended incident) and is omitted from the file.

public sealed record Report
{
    public int SchemaVersion { get; init; } = 1;
    public required string Scenario { get; init; }
    public required long Seed { get; init; }
    public required int Replications { get; init; }
    public required double SimulatedDays { get; init; }
    public double WarmupDays { get; init; }
    public required string Start { get; init; }
    public required string DispatchPolicy { get; init; }
    public required string PatrolPolicy { get; init; }
    public required IncidentCounts Incidents { get; init; }
    public required ResponseStats ResponseMinutes { get; init; }
    public required QueueStats QueueWaitMinutes { get; init; }
    public required MeanStat TravelMinutes { get; init; }
    public required MeanStat OnSceneMinutes { get; init; }

    /// <summary>Mean call-handling minutes of the incidents that were called in; null when the scenario has no call-handling or turnout times.</summary>
    public MeanStat? CallHandlingMinutes { get; init; }

    /// <summary>Mean turnout minutes of the attended incidents; null when the scenario has no call-handling or turnout times.</summary>
    public MeanStat? TurnoutMinutes { get; init; }

    /// <summary>Incidents of types needing two or more units: response to the first unit and to the full complement; null when no type does.</summary>
    public MultiUnitReport? MultiUnit { get; init; }
    public double? HandlingRate { get; init; }
    public double? VisibilityRate { get; init; }
    public double? VisibilityRateNight { get; init; }
    public double? VisibilityTimeShare { get; init; }
    public double? PrecisionRate { get; init; }
    public double? Pai { get; init; }
    public double? DiscoveryRate { get; init; }
    public double? ControlRate { get; init; }
    public double? DeterrenceRate { get; init; }
    public double Checks { get; init; }
    public SchoolPostReport? SchoolPosts { get; init; }
    public Dictionary<string, double?>? Ci95HalfWidth { get; init; }
    public required List<UnitReport> Units { get; init; }
    public required List<ZoneReport> Zones { get; init; }
    public required List<HourReport> ByHour { get; init; }
    public required List<PriorityReport> ByPriority { get; init; }
    public required List<ModeReport> ByMode { get; init; }
    public required List<KindReport> ByKind { get; init; }
}

public sealed record IncidentCounts
{
    public double Total { get; init; }
    public double Attended { get; init; }
    public double Cleared { get; init; }
    public double Unattended { get; init; }
    public double Diverted { get; init; }
    public double QueuedAtEnd { get; init; }
    public double DiscoveredOnView { get; init; }
    public double Escalated { get; init; }
    public double Transferred { get; init; }
    public double MediationResolved { get; init; }
    public double Prevented { get; init; }

    /// <summary>Incidents that lost a unit to a more urgent call (pre-emption); null when pre-emption is off.</summary>
    public double? Preempted { get; init; }
}

/// <summary>The incidents whose type needs two or more units.</summary>
public sealed record MultiUnitReport
{
    public double Incidents { get; init; }

    /// <summary>Of those, the ones whose full complement arrived.</summary>
    public double FullComplement { get; init; }

    /// <summary>Response to the first unit on scene (attended ones).</summary>
    public required ResponseStats FirstUnitMinutes { get; init; }

    /// <summary>Response to the full complement on scene (the ones that got it).</summary>
    public required ResponseStats FullComplementMinutes { get; init; }
}

public sealed record ResponseStats
{
    public double? Mean { get; init; }
    public double? P50 { get; init; }
    public double? P90 { get; init; }
    public double? P95 { get; init; }
    public double? Within1 { get; init; }
    public double? Within3 { get; init; }
    public double? Within5 { get; init; }
}

public sealed record QueueStats
{
    public double? Mean { get; init; }
    public double? ProbWait { get; init; }
    public double? MeanQueueLength { get; init; }
}

public sealed record MeanStat
{
    public double? Mean { get; init; }
}

public sealed record UnitMinutes
{
    public double Patrol { get; init; }
    public double Post { get; init; }
    public double EnRoute { get; init; }
    public double OnScene { get; init; }
    public double Check { get; init; }
    public double Idle { get; init; }
    public double Returning { get; init; }
    public double OffShift { get; init; }
}

public sealed record UnitReport
{
    public required string Id { get; init; }
    public required string Mode { get; init; }
    public required string Station { get; init; }
    public double Dispatches { get; init; }
    public double? Utilisation { get; init; }
    public required UnitMinutes Minutes { get; init; }
}

/// <summary>A zone's figures (<c>zones[]</c>).</summary>
public sealed record ZoneReport : BreakdownFigures
{
    /// <summary>An empty row (for the reader and the mean of replications).</summary>
    public ZoneReport()
    {
    }

    /// <summary>A row with the given figures.</summary>
    public ZoneReport(BreakdownFigures figures)
        : base(figures)
    {
    }

    [JsonPropertyOrder(-2)]
    public required string Id { get; init; }

    [JsonPropertyOrder(-1)]
    public required string Kind { get; init; }
}

/// <summary>An hour of day's figures (<c>byHour[]</c>).</summary>
public sealed record HourReport : BreakdownFigures
{
    /// <summary>An empty row (for the reader and the mean of replications).</summary>
    public HourReport()
    {
    }

    /// <summary>A row with the given figures.</summary>
    public HourReport(BreakdownFigures figures)
        : base(figures)
    {
    }

    [JsonPropertyOrder(-1)]
    public int Hour { get; init; }
}

public sealed record PriorityReport
{
    public int Priority { get; init; }
    public double Incidents { get; init; }
    public double? HandlingRate { get; init; }
    public double? TargetMinutes { get; init; }
    public required PriorityResponse ResponseMinutes { get; init; }
}

public sealed record PriorityResponse
{
    public double? Mean { get; init; }
    public double? P90 { get; init; }
}

public sealed record ModeReport
{
    public required string Mode { get; init; }
    public double Units { get; init; }
    public double Dispatches { get; init; }
    public double? Utilisation { get; init; }
}

/// <summary>A zone kind's figures (<c>byKind[]</c>).</summary>
public sealed record KindReport : BreakdownFigures
{
    /// <summary>An empty row (for the reader and the mean of replications).</summary>
    public KindReport()
    {
    }

    /// <summary>A row with the given figures.</summary>
    public KindReport(BreakdownFigures figures)
        : base(figures)
    {
    }

    [JsonPropertyOrder(-2)]
    public required string Kind { get; init; }

    [JsonPropertyOrder(-1)]
    public double Zones { get; init; }
}

public sealed record SchoolPostReport
{
    public double Posts { get; init; }
    public double Windows { get; init; }
    public double Postings { get; init; }
    public double? PostingsPerSchoolDay { get; init; }
    public double RequiredPostMinutes { get; init; }
    public double StaffedPostMinutes { get; init; }
    public double? StaffedShare { get; init; }
    public required List<SchoolHourReport> ByHour { get; init; }
}

public sealed record SchoolHourReport
{
    public int Hour { get; init; }
    public double RequiredPostMinutes { get; init; }
    public double StaffedPostMinutes { get; init; }
    public double? StaffedShare { get; init; }
}
