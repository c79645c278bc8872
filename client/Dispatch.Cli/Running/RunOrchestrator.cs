using System.Data.Common;
using System.Diagnostics;
using Dispatch.Abstractions;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Dispatch.Cli.Running;

/// <summary>What to run: the self-contained scenario JSON and the run parameters.</summary>
public sealed record RunSettings(string ScenarioJson, long Seed, int Days, int Replications, string RunIdPrefix, double WarmupDays = 0)
{
    /// <summary>Simulated minutes per grain call; zone and unit grains are updated once per chunk.</summary>
    public double ChunkMinutes { get; init; } = 1440;

    /// <summary>
    /// How long one grain call is retried after failures of the cluster (a silo dying, a grain
    /// reactivating elsewhere) before the run gives up.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>The results of all replications of one run (<c>IncidentsCsvTexts</c>: each replication's incidents.csv text, header first; see <see cref="IncidentsCsv"/>).</summary>
public sealed record RunOutcome(
    IReadOnlyList<Report> Replications,
    Report Report,
    IReadOnlyList<string> IncidentsCsvTexts,
    string UnitsCsv,
    long EventsProcessed,
    TimeSpan SimulationTime)
{
    /// <summary>Grain calls that failed (e.g. a silo died) and were retried; 0 in an undisturbed run.</summary>
    public int Retries { get; init; }

    /// <summary>The outcome of finished replications: their reports, the aggregate and the CSV files with headers.</summary>
    public static RunOutcome From(IReadOnlyList<RunResult> results, long eventsProcessed, TimeSpan simulationTime)
    {
        var reports = results.Select(r => r.ReadReport()).ToList();
        var units = string.Concat([CsvWriters.UnitsHeader, "\n", .. results.Select(r => r.UnitsCsvRows)]);
        return new RunOutcome(reports, ReportJson.Aggregate(reports), results.Select(r => r.IncidentsCsv).ToList(), units, eventsProcessed, simulationTime);
    }

    /// <summary>The header line's length, newline included.</summary>
    private static readonly int HeaderLength = CsvWriters.IncidentsHeader.Length + 1;

    /// <summary>
    /// The run's incidents.csv, piece by piece: the first replication's text, then the rows of
    /// each other replication (its text after the header line). A medium week's text is about
    /// 3 MB per replication, so the file is written from these pieces (<see cref="Output.RunOutputWriter"/>)
    /// rather than from one text copied together at the end of the run.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<char>> IncidentsCsvPieces() =>
        IncidentsCsvTexts.Select((text, k) => text.AsMemory(k == 0 ? 0 : HeaderLength));

    /// <summary>The run's incidents.csv as one text (the pieces joined on first use; one replication's text as it is).</summary>
    public string IncidentsCsv => _incidentsCsv ??= IncidentsCsvTexts.Count == 1
        ? IncidentsCsvTexts[0]
        : string.Concat(IncidentsCsvPieces().Select(piece => piece.ToString()));

    private string? _incidentsCsv;
}

/// <summary>
/// Drives the scenario grains of a run: one grain per replication, all advancing concurrently
/// (so replications use every core of the silo or spread over the cluster), one chunk per call.
/// </summary>
/// <remarks>
/// On a cluster, replication k is placed on active silo k mod n (a placement hint honoured by
/// Orleans' placement directors), so replications spread over every silo. Every grain call is
/// idempotent (start with the same request, advance to an absolute minute, read the result), so a
/// call that fails because a silo died is simply repeated with backoff: the scenario grain
/// reactivates on a surviving silo from its last checkpoint, replays the kernel to it and goes on.
/// </remarks>
public static class RunOrchestrator
{
    /// <summary>A run id prefix unique to this client process and moment (never part of a report).</summary>
    public static string NewRunIdPrefix(string verb) => $"{verb}-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";

    private static int _counter;

    public static async Task<RunOutcome> RunAsync(
        IGrainFactory grains, RunSettings settings, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var done = new double[settings.Replications];
        var retries = 0;
        var silos = settings.Replications > 1 ? await ActiveSilosAsync(grains) : [];
        var tasks = Enumerable.Range(0, settings.Replications).Select(async k =>
        {
            var grain = grains.GetGrain<IScenarioGrain>($"{settings.RunIdPrefix}-r{k}");
            var request = new RunRequest(settings.ScenarioJson, settings.Seed, k, settings.Days, settings.WarmupDays);
            Task<T> Call<T>(Func<Task<T>> call) => RetryAsync(call, settings.RetryBudget, () => Interlocked.Increment(ref retries), cancellationToken);
            var at = await Call(async () =>
            {
                // Only the call that activates the grain needs the hint (and the async lambda keeps
                // this RequestContext change from flowing out to the other calls).
                if (silos.Count > 1)
                {
                    RequestContext.Set(IPlacementDirector.PlacementHintKey, silos[k % silos.Count]);
                }
                try
                {
                    return await grain.StartAsync(request);
                }
                finally
                {
                    RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                }
            });
            while (!at.IsFinished)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = at.SimulatedMinute + settings.ChunkMinutes;
                at = await Call(() => grain.AdvanceAsync(target));
                double average;
                lock (done)
                {
                    done[k] = at.SimulatedMinute / at.EndMinute;
                    average = done.Average();
                }
                progress?.Report(average);
            }
            return (Result: await Call(grain.GetResultAsync), at.EventsProcessed);
        }).ToList();
        var results = await Task.WhenAll(tasks);
        clock.Stop();

        return RunOutcome.From(results.Select(r => r.Result).ToList(), results.Sum(r => r.EventsProcessed), clock.Elapsed) with { Retries = retries };
    }

    /// <summary>The active silos, in a stable order (empty if they cannot be listed: no hints then).</summary>
    private static async Task<IReadOnlyList<SiloAddress>> ActiveSilosAsync(IGrainFactory grains)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            return hosts.Keys.Order().ToList();
        }
        catch (Exception e) when (IsTransient(e))
        {
            return [];
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
