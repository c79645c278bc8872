using Dispatch.Model.Reporting;

namespace Dispatch.Abstractions;

/// <summary>Where an experiment (a run of all its replications) stands.</summary>
public enum ExperimentState
{
    /// <summary>Its replications are advancing (or waiting to be woken after a silo failure).</summary>
    Running,

    /// <summary>Every replication has finished: its outputs can be fetched.</summary>
    Finished,

    /// <summary>Stopped by <c>cancel</c>; nothing more is simulated.</summary>
    Cancelled,

    /// <summary>A replication failed (its error is in <see cref="ExperimentStatus.Error"/>).</summary>
    Failed,
}

/// <summary>
/// What an experiment runs: the key of its stored scenario document (never the text), the run
/// parameters, how many simulated minutes each replication advances per chunk, and whether the
/// zone and unit grains are fed (<see cref="Actors"/>; a batch run may opt out to save the time)
/// and whether the replications leave out incidents.csv's rows (<see cref="SkipIncidentRows"/>: a long
/// run's rows are its largest output, in time and memory).
/// A sweep or a plan's batch of candidates is one experiment of several points
/// (<see cref="PointKeys"/>, one scenario document each): every point runs replications
/// 0..<see cref="Replications"/>-1 with the same seed, so the points share their random numbers.
/// <see cref="Commands"/>: the command log every replication replays (commands.json text, or null).
/// </summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ExperimentRequest")]
public sealed record ExperimentRequest(
    [property: Id(0)] string ScenarioKey,
    [property: Id(1)] string Scenario,
    [property: Id(2)] long Seed,
    [property: Id(3)] int Days,
    [property: Id(4)] int Replications,
    [property: Id(5)] double WarmupDays,
    [property: Id(6)] double ChunkMinutes,
    [property: Id(7)] bool Actors,
    [property: Id(8)] IReadOnlyList<string>? PointKeys = null,
    [property: Id(9)] bool SkipIncidentRows = false,
    [property: Id(10)] string? Commands = null)
{
    /// <summary>The number of points: 1 for a run, else one per scenario document of <see cref="PointKeys"/>.</summary>
    public int Points => PointKeys?.Count ?? 1;

    /// <summary>Replication grains in all: points x replications.</summary>
    public int Runs => Points * Replications;

    /// <summary>Run <paramref name="j"/> (0..<see cref="Runs"/>-1) is replication <c>j mod R</c> of point <c>j / R</c>.</summary>
    public (int Point, int Replication) RunOf(int j) => (j / Replications, j % Replications);

    /// <summary>The scenario document of point <paramref name="point"/>.</summary>
    public string KeyOfPoint(int point) => PointKeys is { } keys ? keys[point] : ScenarioKey;

    /// <summary>The same request (the point list compared by content, not by reference).</summary>
    public bool SameAs(ExperimentRequest other) =>
        this with { PointKeys = null } == other with { PointKeys = null } && (PointKeys ?? []).SequenceEqual(other.PointKeys ?? []);
}

/// <summary>An experiment's state and progress (0..1, the mean over its replications).</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ExperimentStatus")]
public sealed record ExperimentStatus(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Scenario,
    [property: Id(2)] ExperimentState State,
    [property: Id(3)] int Replications,
    [property: Id(4)] int FinishedReplications,
    [property: Id(5)] double Progress,
    [property: Id(6)] long EventsProcessed,
    [property: Id(7)] string? Error,
    [property: Id(8)] long Seed,
    [property: Id(9)] int Days,
    [property: Id(10)] string ScenarioKey)
{
    /// <summary>Finished, cancelled or failed: nothing more will happen.</summary>
    public bool IsOver => State is not ExperimentState.Running;
}

/// <summary>
/// The outputs of a finished experiment: every replication's result (in run order: point by point,
/// replication by replication) and the aggregate report the experiment grain built from them (means
/// and 95% intervals); with several points, the aggregate of each point (<see cref="PointAggregateJsons"/>)
/// and <see cref="AggregateJson"/> is the first point's.
/// </summary>
/// <remarks>Immutable; like <see cref="RunResult"/>, the aggregate travels as its report.json text and is handed over by reference within a process.</remarks>
[GenerateSerializer, Immutable, Alias("Dispatch.ExperimentResult")]
public sealed class ExperimentResult
{
    /// <summary>The results and their aggregate (its report.json text is written here, once).</summary>
    public ExperimentResult(IReadOnlyList<RunResult> replications, Report aggregate, long eventsProcessed)
        : this(replications, [aggregate], eventsProcessed)
    {
    }

    /// <summary>The results and the aggregate of each point (in point order).</summary>
    public ExperimentResult(IReadOnlyList<RunResult> replications, IReadOnlyList<Report> pointAggregates, long eventsProcessed)
    {
        Replications = replications;
        Aggregate = pointAggregates[0];
        // A run of one replication has that replication's report as its aggregate: its text is written already.
        AggregateJson = pointAggregates.Count == 1 && replications.Count == 1 && ReferenceEquals(replications[0].Report, pointAggregates[0])
            ? replications[0].ReportJson
            : ReportJson.Serialize(pointAggregates[0]);
        PointAggregateJsons = pointAggregates.Count == 1 ? [AggregateJson] : pointAggregates.Select(ReportJson.Serialize).ToList();
        EventsProcessed = eventsProcessed;
    }

    /// <summary>The aggregate report.json text of each point (one entry for a run).</summary>
    [Id(3)]
    public IReadOnlyList<string> PointAggregateJsons { get; }

    [Id(0)]
    public IReadOnlyList<RunResult> Replications { get; }

    /// <summary>The aggregate report.json text.</summary>
    [Id(1)]
    public string AggregateJson { get; }

    /// <summary>Simulated events over all replications.</summary>
    [Id(2)]
    public long EventsProcessed { get; }

    /// <summary>The aggregate report object, only in the process that built it.</summary>
    [field: NonSerialized]
    public Report? Aggregate { get; }

    /// <summary>The aggregate report: the object itself in the process that built it, else read from <see cref="AggregateJson"/>.</summary>
    public Report ReadAggregate() => Aggregate ?? ReportJson.Deserialize(AggregateJson);
}

/// <summary>A client following an experiment (one-way calls: a vanished client never holds the run back).</summary>
public interface IExperimentObserver : IGrainObserver
{
    /// <summary>Receives the experiment's status when it changes (progress, finish, cancel, failure).</summary>
    [Orleans.Concurrency.OneWay]
    Task OnStatusAsync(ExperimentStatus status);
}

/// <summary>
/// One experiment (key: its run id): owns its replications (one <see cref="IScenarioGrain"/> each,
/// keyed <c>{runId}-r{k}</c>), places them over the silos, keeps them going after failures (a
/// reminder wakes it, and it wakes them), gathers and aggregates their results, and tells its
/// observers how far it is. A run outlives the client that submitted it.
/// </summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Starts the experiment (idempotent for the same request; a different one under the same id fails).</summary>
    Task<ExperimentStatus> SubmitAsync(ExperimentRequest request);

    /// <summary>Its state and progress; <see cref="ExperimentState.Running"/> with no replications if never submitted.</summary>
    Task<ExperimentStatus?> GetStatusAsync();

    /// <summary>Every replication's result and the aggregate; fails unless finished.</summary>
    Task<ExperimentResult> GetResultAsync();

    /// <summary>Stops every replication (a finished experiment stays finished).</summary>
    Task<ExperimentStatus?> CancelAsync();

    /// <summary>Adds an observer (re-subscribe within a minute or two to stay subscribed).</summary>
    Task SubscribeAsync(IExperimentObserver observer);

    /// <summary>Removes an observer.</summary>
    Task UnsubscribeAsync(IExperimentObserver observer);

    /// <summary>From a replication after each chunk (one-way, so a replication never waits on its experiment).</summary>
    [Orleans.Concurrency.OneWay]
    Task OnReplicationProgressAsync(int replication, RunProgress progress);
}
