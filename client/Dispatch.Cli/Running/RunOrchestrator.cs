using System.Data.Common;
using System.Diagnostics;
using Dispatch.Abstractions;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Orleans.Runtime;

namespace Dispatch.Cli.Running;

/// <summary>What to run: the self-contained scenario JSON and the run parameters.</summary>
public sealed record RunSettings(string ScenarioJson, long Seed, int Days, int Replications, string RunIdPrefix, double WarmupDays = 0)
{
    /// <summary>Simulated minutes per chunk (each replication checkpoints after every chunk).</summary>
    public double ChunkMinutes { get; init; } = 1440;

    /// <summary>The scenario's name, for listings.</summary>
    public string ScenarioName { get; init; } = "";

    /// <summary>Whether the run's zone and unit grains are fed (once at the end of each replication).</summary>
    public bool Actors { get; init; } = true;

    /// <summary>Whether incidents.csv's rows are left out (<c>--no-incidents</c>): neither formatted during the run nor written.</summary>
    public bool SkipIncidentRows { get; init; }
    /// <summary>The command log every replication replays (commands.json text; <c>run --commands</c>), or null.</summary>
    public string? Commands { get; init; }

    /// <summary>
    /// How long one grain call is retried after failures of the cluster (a silo dying, a grain
    /// reactivating elsewhere) before the run gives up.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The points of a sweep or of a plan's batch of candidates (one self-contained scenario JSON
    /// each), run as one experiment on common random numbers; null for a run of <see cref="ScenarioJson"/>.
    /// </summary>
    public IReadOnlyList<string>? PointJsons { get; init; }
}

/// <summary>
/// The results of all replications of one run. <c>IncidentRows</c>: where each replication's
/// incidents.csv is on its silo (null where the rows were left out); before the silo goes, a caller
/// that writes the files takes them (<see cref="TakeIncidentRowsAsync"/>) into <see cref="TakenIncidentRows"/>.
/// </summary>
public sealed record RunOutcome(
    IReadOnlyList<Report> Replications,
    Report Report,
    IReadOnlyList<IncidentRowsFile?> IncidentRows,
    string UnitsCsv,
    long EventsProcessed,
    TimeSpan SimulationTime)
{
    /// <summary>Grain calls that failed (e.g. a silo died) and were retried; 0 in an undisturbed run.</summary>
    public int Retries { get; init; }

    /// <summary>The report.json text of <see cref="Report"/> when the cluster wrote it already (the experiment's aggregate), or null.</summary>
    public string? ReportText { get; init; }

    /// <summary>The command log of a run with commands (commands.json text; every replication replays the same log), or null.</summary>
    public string? CommandLog { get; init; }

    /// <summary>
    /// The replications' incidents.csv files in this process's hands (in replication order, the
    /// replications with rows only), once taken; <see cref="Output.RunOutputWriter"/> moves them into
    /// the output, or deletes them.
    /// </summary>
    public IReadOnlyList<IncidentRowsFile>? TakenIncidentRows { get; init; }

    /// <summary>The outcome of finished replications: their reports, the aggregate and the CSV files with headers.</summary>
    public static RunOutcome From(IReadOnlyList<RunResult> results, long eventsProcessed, TimeSpan simulationTime)
    {
        var reports = results.Select(r => r.ReadReport()).ToList();
        return From(results, reports, ReportJson.Aggregate(reports), eventsProcessed, simulationTime);
    }

    /// <summary>The outcome of a finished experiment (the aggregate as its grain built it).</summary>
    public static RunOutcome From(ExperimentResult result, TimeSpan simulationTime) =>
        From(result.Replications, result.Replications.Select(r => r.ReadReport()).ToList(), result.ReadAggregate(), result.EventsProcessed, simulationTime)
            with { ReportText = result.AggregateJson };

    private static RunOutcome From(IReadOnlyList<RunResult> results, List<Report> reports, Report aggregate, long eventsProcessed, TimeSpan simulationTime)
    {
        var units = string.Concat([CsvWriters.UnitsHeader, "\n", .. results.Select(r => r.UnitsCsvRows)]);
        return new RunOutcome(reports, aggregate, results.Select(r => r.IncidentRows).ToList(), units, eventsProcessed, simulationTime)
        {
            CommandLog = results.Count > 0 ? results[0].CommandLog : null,
        };
    }

    /// <summary>
    /// True when the run left incidents.csv's rows out (<c>run --no-incidents</c>): the report counts
    /// incidents, yet no replication has a file. Then no incidents.csv (and no response
    /// distribution chart, which is drawn from it) is written.
    /// </summary>
    public bool IncidentRowsLeftOut => Report.Incidents.Total > 0 && IncidentRows.All(file => file is null);

    /// <summary>
    /// Brings every replication's incidents.csv into this process, as files named
    /// <paramref name="pathPrefix"/><c>-r{k}.csv</c> (moved when the silo's file is on this machine,
    /// else read through its grain a piece at a time). Call it before the cluster goes (an embedded
    /// silo deletes its files when it stops); the memory taken is bounded whatever the run's length.
    /// <paramref name="local"/> false reads every file through its grain (tests of that path).
    /// </summary>
    public async Task<RunOutcome> TakeIncidentRowsAsync(IGrainFactory grains, string pathPrefix, CancellationToken cancellationToken, bool local = true)
    {
        var taken = new List<IncidentRowsFile>();
        try
        {
            for (var k = 0; k < IncidentRows.Count; k++)
            {
                if (IncidentRows[k] is { } file)
                {
                    // Repeated like any other idempotent call when it fails on a silo that just died: a
                    // client that has not yet heard of the death may still address the replication there.
                    var destination = $"{pathPrefix}-r{k}.csv";
                    taken.Add(await RunOrchestrator.RetryAsync(() => IncidentRowsTransfer.TakeAsync(grains, file, destination, cancellationToken, local),
                        TakeRetryBudget, null, cancellationToken));
                }
            }
        }
        catch
        {
            DeleteTaken(taken);
            throw;
        }
        return this with { TakenIncidentRows = taken };
    }

    /// <summary>How long taking a replication's incidents.csv is repeated after transient cluster failures (as a run's grain calls).</summary>
    private static readonly TimeSpan TakeRetryBudget = TimeSpan.FromMinutes(3);

    /// <summary>Deletes the taken files (a run whose output was not written).</summary>
    public void DeleteTakenIncidentRows() => DeleteTaken(TakenIncidentRows ?? []);

    /// <summary>The run's incidents.csv as one text, from the taken files (tests and small runs: the first file whole, then each other's rows).</summary>
    public string ReadIncidentsCsv()
    {
        var taken = TakenIncidentRows ?? throw new InvalidOperationException("the incidents.csv files have not been taken");
        if (taken.Count == 0)
        {
            return IncidentRowsLeftOut ? "" : CsvWriters.IncidentsHeader + "\n";
        }
        var texts = taken.Select(file => File.ReadAllText(file.Path)).ToList();
        return string.Concat(texts.Select((text, k) => k == 0 ? text : text[(text.IndexOf('\n') + 1)..]));
    }

    private static void DeleteTaken(IEnumerable<IncidentRowsFile> taken)
    {
        foreach (var file in taken)
        {
            try
            {
                File.Delete(file.Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}

/// <summary>
/// Submits runs to the cluster and follows them. A run is an experiment grain (key: the run id)
/// that owns its replications and drives them itself; this class only stores the scenario text
/// (once per distinct content), submits the experiment, follows its progress (an observer, and a
/// status call now and then in case a notification was lost to a failure) and fetches the
/// finished outputs. Nothing here advances the simulation: the run goes on without this process.
/// </summary>
/// <remarks>
/// Every grain call is idempotent (store the same text, submit the same request, read the status
/// or the result), so a call that fails because a silo died is simply repeated with backoff.
/// </remarks>
public static class RunOrchestrator
{
    /// <summary>How often the status is read besides the observer's notifications.</summary>
    public static TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A run id prefix unique to this client process and moment (never part of a report).</summary>
    public static string NewRunIdPrefix(string verb) => $"{verb}-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";

    private static int _counter;

    /// <summary>
    /// Submits the run and waits for its outputs (a Ctrl+C cancels the run in the cluster too);
    /// <paramref name="onSubmitted"/> is called once the experiment has started its replications.
    /// </summary>
    public static async Task<RunOutcome> RunAsync(
        IGrainFactory grains, RunSettings settings, IProgress<double>? progress, CancellationToken cancellationToken, Action? onSubmitted = null)
    {
        var clock = Stopwatch.StartNew();
        var retries = new RetryCounter();
        await SubmitAsync(grains, settings, retries, cancellationToken);
        onSubmitted?.Invoke();
        try
        {
            return await WaitAsync(grains, settings.RunIdPrefix, progress, settings.RetryBudget, retries, clock, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(grains, settings.RunIdPrefix);
            throw;
        }
    }

    /// <summary>Stores the scenario text and submits the experiment; returns its run id at once.</summary>
    public static async Task<string> SubmitAsync(IGrainFactory grains, RunSettings settings, RetryCounter? retries, CancellationToken cancellationToken)
    {
        var key = IScenarioDocumentGrain.KeyOf(settings.ScenarioJson);
        var pointKeys = settings.PointJsons?.Select(IScenarioDocumentGrain.KeyOf).ToList();
        var request = new ExperimentRequest(key, settings.ScenarioName, settings.Seed, settings.Days, settings.Replications,
            settings.WarmupDays, settings.ChunkMinutes, settings.Actors, pointKeys, settings.SkipIncidentRows, settings.Commands);
        var documents = (settings.PointJsons ?? []).Prepend(settings.ScenarioJson).Distinct().ToList();
        await RetryAsync(async () =>
        {
            await Task.WhenAll(documents.Select(d => grains.GetGrain<IScenarioDocumentGrain>(IScenarioDocumentGrain.KeyOf(d)).StoreAsync(d)));
            return await grains.GetGrain<IExperimentGrain>(settings.RunIdPrefix).SubmitAsync(request);
        }, settings.RetryBudget, retries is null ? null : retries.Add, cancellationToken);
        return settings.RunIdPrefix;
    }

    /// <summary>
    /// Follows a submitted run to its end and fetches its outputs; throws <see cref="RunEndedException"/>
    /// if it was cancelled or failed, and <see cref="UnknownRunException"/> if there is no such run.
    /// </summary>
    public static async Task<RunOutcome> WaitAsync(IGrainFactory grains, string runId, IProgress<double>? progress, TimeSpan retryBudget,
        RetryCounter? retries, Stopwatch? clock, CancellationToken cancellationToken)
    {
        clock ??= Stopwatch.StartNew();
        retries ??= new RetryCounter();
        var experiment = grains.GetGrain<IExperimentGrain>(runId);
        using var follower = await ExperimentFollower.StartAsync(grains, experiment);
        Task<T> Call<T>(Func<Task<T>> call) => RetryAsync(call, retryBudget, retries.Add, cancellationToken);
        while (true)
        {
            var status = await Call(experiment.GetStatusAsync) ?? throw new UnknownRunException(runId);
            progress?.Report(status.Progress);
            if (status.State == ExperimentState.Finished)
            {
                break;
            }
            if (status.IsOver)
            {
                throw new RunEndedException(status);
            }
            await follower.NextAsync(PollPeriod, cancellationToken);
        }
        var result = await Call(experiment.GetResultAsync);
        clock.Stop();
        return RunOutcome.From(result, clock.Elapsed) with { Retries = retries.Count };
    }

    private static async Task CancelQuietlyAsync(IGrainFactory grains, string runId)
    {
        try
        {
            await grains.GetGrain<IExperimentGrain>(runId).CancelAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (IsTransient(e) || e is TimeoutException)
        {
            // The run cannot be told now: it stays in the cluster ('dispatch cancel <id>' stops it).
        }
    }
    /// <summary>
    /// Runs an idempotent grain call, repeating it after transient cluster failures with
    /// exponential backoff (0.2 s doubling to 5 s) for up to <paramref name="budget"/>.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan budget, Action? onRetry, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (IsTransient(e) && deadline.Elapsed < budget && !cancellationToken.IsCancellationRequested)
            {
                onRetry?.Invoke();
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    /// <summary>
    /// Failures of the cluster rather than of the run: Orleans runtime errors (silo unavailable,
    /// message rejected, activation failed, inconsistent state), timeouts, broken connections and
    /// storage errors. Errors the grain itself throws (an invalid scenario, a different request
    /// under the same run id) are not retried.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => IsTransient(a.InnerException!),
        OperationCanceledException => false,
        OrleansException or TimeoutException or IOException or DbException or System.Net.Sockets.SocketException => true,
        _ => false,
    };
}
