namespace Dispatch.Abstractions;

/// <summary>What to run: a self-contained scenario document (zones inlined) and the run parameters.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.RunRequest")]
public sealed record RunRequest(
    [property: Id(0)] string ScenarioJson,
    [property: Id(1)] long Seed,
    [property: Id(2)] int Replication,
    [property: Id(3)] int Days,
    [property: Id(4)] double WarmupDays = 0);

/// <summary>Where a run is: simulated minute, events so far, and whether it has finished.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.RunProgress")]
public sealed record RunProgress(
    [property: Id(0)] string RunId,
    [property: Id(1)] double SimulatedMinute,
    [property: Id(2)] double EndMinute,
    [property: Id(3)] long EventsProcessed,
    [property: Id(4)] int Incidents,
    [property: Id(5)] int QueueLength,
    [property: Id(6)] bool IsFinished);

/// <summary>The outputs of a finished run: report.json text and the CSV rows of its incidents and units.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.RunResult")]
public sealed record RunResult(
    [property: Id(0)] string ReportJson,
    [property: Id(1)] string IncidentsCsvRows,
    [property: Id(2)] string UnitsCsvRows);
