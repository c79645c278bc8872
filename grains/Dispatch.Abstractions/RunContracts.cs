using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;

namespace Dispatch.Abstractions;

/// <summary>
/// What one replication runs: the key of its scenario document (stored once by
/// <see cref="IScenarioDocumentGrain"/>, never sent with the request), the run parameters and the
/// command log it replays (<see cref="Commands"/>: commands.json text, or null; docs/live.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("Dispatch.RunRequest")]
public sealed record RunRequest(
    [property: Id(0)] string ScenarioKey,
    [property: Id(1)] long Seed,
    [property: Id(2)] int Replication,
    [property: Id(3)] int Days,
    [property: Id(4)] double WarmupDays = 0,
    [property: Id(5)] string? Commands = null);

/// <summary>How a replication drives itself: its experiment, its number there, the chunk size and whether it feeds its zone and unit grains.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ReplicationDrive")]
public sealed record ReplicationDrive(
    [property: Id(0)] string ExperimentId,
    [property: Id(1)] int Replication,
    [property: Id(2)] double ChunkMinutes,
    [property: Id(3)] bool Actors,
    [property: Id(4)] bool SkipIncidentRows = false);

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

/// <summary>
/// Where a finished replication's incidents.csv is: a file its silo wrote while the run went on (the
/// header line, then a row per incident), at <see cref="Path"/> on the silo's machine, of
/// <see cref="Bytes"/> bytes (UTF-8). The name holds the replication's activation, so a file there of
/// that length is this one. A client on the same machine takes the file itself; any other reads it
/// through the replication grain (<see cref="IScenarioGrain.ReadIncidentRowsAsync"/>, key <see cref="RunId"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Dispatch.IncidentRowsFile")]
public sealed record IncidentRowsFile(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Path,
    [property: Id(2)] long Bytes);

/// <summary>The outputs of a finished replication: its report, where its incidents.csv is and its units' CSV rows.</summary>
/// <remarks>
/// Immutable: every member is set by the constructor. Within one process (the embedded silo of the
/// CLI, or a grain calling a grain on its own silo) Orleans hands it over by reference, so the
/// caller reads <see cref="Report"/> as the kernel built it; across processes only the members with
/// an <c>Id</c> travel, and <see cref="ReadReport"/> reads the report back from its report.json text.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Dispatch.RunResult")]
public sealed class RunResult
{
    /// <summary>A result of the report built by the kernel (its report.json text is written here, once).</summary>
    public RunResult(Report report, IncidentRowsFile? incidentRows, string unitsCsvRows)
    {
        Report = report;
        ReportJson = Dispatch.Model.Reporting.ReportJson.Serialize(report);
        IncidentRows = incidentRows;
        UnitsCsvRows = unitsCsvRows;
    }

    /// <summary>report.json text (indented, camel case).</summary>
    [Id(0)]
    public string ReportJson { get; }

    /// <summary>
    /// This replication's incidents.csv (a run of one replication writes it as it is), or null when
    /// its rows were left out (<c>--no-incidents</c>).
    /// </summary>
    [Id(4)]
    public IncidentRowsFile? IncidentRows { get; }

    /// <summary>This replication's rows of units.csv (no header).</summary>
    [Id(2)]
    public string UnitsCsvRows { get; }

    /// <summary>The run's command log (commands.json text), or null for a run without commands.</summary>
    [Id(3)]
    public string? CommandLog { get; init; }

    /// <summary>The report object, only in the process that built it (never serialized).</summary>
    [field: NonSerialized]
    public Report? Report { get; }

    /// <summary>The report: the object itself when this result was built in this process, else read from <see cref="ReportJson"/>.</summary>
    public Report ReadReport() => Report ?? Dispatch.Model.Reporting.ReportJson.Deserialize(ReportJson);
}
