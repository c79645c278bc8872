using Dispatch.Bench;
using Dispatch.Model.Loading;

namespace Dispatch.Cli.Running;

/// <summary>
/// The product path for <c>bench</c>: an <see cref="EmbeddedCluster"/> whose runs go through
/// <see cref="RunOrchestrator"/>, exactly as <c>dispatch run</c> runs a scenario.
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
            };
            var outcome = await RunOrchestrator.RunAsync(cluster.Grains, settings, null, cancellationToken);
            return new BenchRunOutcome(outcome.EventsProcessed, outcome.SimulationTime, outcome.Report.Incidents.Total);
        }

        public ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}
