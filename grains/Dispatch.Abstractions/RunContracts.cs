using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;

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

/// <summary>The outputs of a finished run: its report, its incidents.csv text and its units' CSV rows.</summary>
/// <remarks>
/// Within one process (the embedded silo of the CLI, or a grain calling a grain on its own silo)
/// Orleans hands this immutable object over by reference, so the caller reads <see cref="Report"/>
/// as the kernel built it: no report.json text is written or read back. Across processes only the
/// members with an <c>Id</c> travel, so the report goes as its report.json text, which is written
/// when the serializer first asks for it (<see cref="ReportJson"/>), and read back by
/// <see cref="ReadReport"/> on the other side.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Dispatch.RunResult")]
public sealed class RunResult
{
    [NonSerialized]
    private string? _reportJson;

    [NonSerialized]
    private readonly Report? _report;

    /// <summary>A result holding the report itself (the grain's side; on the other side of a process boundary Orleans fills in the <c>Id</c> members).</summary>
    public RunResult(Report report, string incidentsCsv, string unitsCsvRows)
    {
        _report = report;
        IncidentsCsv = incidentsCsv;
        UnitsCsvRows = unitsCsvRows;
    }

    /// <summary>report.json text (indented, camel case), written on first use from <see cref="Report"/> when the result holds the object.</summary>
    [Id(0)]
    public string ReportJson
    {
        get => _reportJson ??= Dispatch.Model.Reporting.ReportJson.Serialize(Report!);
        set => _reportJson = value; // for the deserializer (Orleans needs a setter it can call)
    }

    /// <summary>This replication's incidents.csv: the header line, then a row per incident (a run of one replication writes it as it is).</summary>
    [Id(1)]
    public string IncidentsCsv { get; init; }

    [Id(2)]
    public string UnitsCsvRows { get; init; }

    /// <summary>The report object, only in the process that built it (never serialized).</summary>
    public Report? Report => _report;

    /// <summary>The report: the object itself when this result was built in this process, else read from <see cref="ReportJson"/>.</summary>
    public Report ReadReport() => Report ?? Dispatch.Model.Reporting.ReportJson.Deserialize(ReportJson);
}
