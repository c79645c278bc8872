using System.Diagnostics;
using System.Text;
using Dispatch.Abstractions;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Running;

/// <summary>What to run: the self-contained scenario JSON and the run parameters.</summary>
public sealed record RunSettings(string ScenarioJson, long Seed, int Days, int Replications, string RunIdPrefix, double WarmupDays = 0)
{
    /// <summary>Simulated minutes per grain call; zone and unit grains are updated once per chunk.</summary>
    public double ChunkMinutes { get; init; } = 1440;
}

/// <summary>The results of all replications of one run.</summary>
public sealed record RunOutcome(
    IReadOnlyList<Report> Replications,
    Report Report,
    string IncidentsCsv,
    string UnitsCsv,
    long EventsProcessed,
    TimeSpan SimulationTime);

/// <summary>
/// Drives the scenario grains of a run: one grain per replication, all advancing concurrently
/// (so replications use every core of the silo or spread over the cluster), one chunk per call.
/// </summary>
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
        var tasks = Enumerable.Range(0, settings.Replications).Select(async k =>
        {
            var grain = grains.GetGrain<IScenarioGrain>($"{settings.RunIdPrefix}-r{k}");
            var at = await grain.StartAsync(new RunRequest(settings.ScenarioJson, settings.Seed, k, settings.Days, settings.WarmupDays));
            while (!at.IsFinished)
            {
                cancellationToken.ThrowIfCancellationRequested();
                at = await grain.AdvanceAsync(at.SimulatedMinute + settings.ChunkMinutes);
                double average;
                lock (done)
                {
                    done[k] = at.SimulatedMinute / at.EndMinute;
                    average = done.Average();
                }
                progress?.Report(average);
            }
            return (Result: await grain.GetResultAsync(), at.EventsProcessed);
        }).ToList();
        var results = await Task.WhenAll(tasks);
        clock.Stop();

        var reports = results.Select(r => ReportJson.Deserialize(r.Result.ReportJson)).ToList();
        var incidents = new StringBuilder(CsvWriters.IncidentsHeader).Append('\n');
        var units = new StringBuilder(CsvWriters.UnitsHeader).Append('\n');
        foreach (var (result, _) in results)
        {
            incidents.Append(result.IncidentsCsvRows);
            units.Append(result.UnitsCsvRows);
        }
        return new RunOutcome(reports, ReportJson.Aggregate(reports), incidents.ToString(), units.ToString(),
            results.Sum(r => r.EventsProcessed), clock.Elapsed);
    }
}
