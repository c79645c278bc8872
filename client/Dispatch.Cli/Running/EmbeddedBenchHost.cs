using Dispatch.Bench;
using Dispatch.Model.Loading;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Cli.Running;

/// <summary>
/// The product path for <c>bench</c>: an <see cref="EmbeddedCluster"/> whose runs are submitted and
/// followed by <see cref="RunOrchestrator"/>, exactly as <c>dispatch run --no-actors</c> runs a
/// scenario (the bench times the simulation path; feeding zone and unit grains is left out).
/// </summary>
public sealed class EmbeddedBenchHost : IBenchHost
{
    /// <inheritdoc/>
    public async Task<IBenchSilo> StartAsync(string databasePath, CancellationToken cancellationToken) =>
        new Silo(await EmbeddedCluster.StartAsync(databasePath, cancellationToken));

    private sealed class Silo(EmbeddedCluster cluster) : IBenchSilo
    {
        public async Task<BenchRunOutcome> RunAsync(BenchRun run, CancellationToken cancellationToken)
        {
            var settings = new RunSettings(run.ScenarioJson, run.Seed, run.Days, run.Replications, RunOrchestrator.NewRunIdPrefix(run.Label))
            {
                ChunkMinutes = run.ChunkMinutes,
                ScenarioName = run.Label,
                Actors = false,
            };
            var outcome = await RunOrchestrator.RunAsync(cluster.Grains, settings, null, cancellationToken);
            // Its incidents.csv files are not wanted: the silo deletes them now rather than when it stops.
            await Task.WhenAll(outcome.IncidentRows.OfType<Dispatch.Abstractions.IncidentRowsFile>()
                .Select(file => cluster.Grains.GetGrain<Dispatch.Abstractions.IScenarioGrain>(file.RunId).ReleaseIncidentRowsAsync()));
            return new BenchRunOutcome(outcome.EventsProcessed, outcome.SimulationTime, outcome.Report.Incidents.Total);
        }

        public void ForgetScenarios() => cluster.Services.GetRequiredService<ScenarioCache>().Clear();

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}
