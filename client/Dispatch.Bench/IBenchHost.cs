using Dispatch.Model.Loading;

namespace Dispatch.Bench;

/// <summary>
/// The product path the bench times, supplied by the program that runs the bench (the CLI: an
/// embedded silo driven by its run orchestrator, exactly as <c>dispatch run</c>). The bench itself
/// depends only on the model, so it can time the kernel alone and the product path side by side.
/// </summary>
public interface IBenchHost
{
    /// <summary>Starts an embedded silo with grain state in a fresh SQLite file at <paramref name="databasePath"/>.</summary>
    Task<IBenchSilo> StartAsync(string databasePath, CancellationToken cancellationToken);
}

/// <summary>A running embedded silo of the bench.</summary>
public interface IBenchSilo : IAsyncDisposable
{
    /// <summary>Runs <paramref name="run"/> through the scenario grains to its result, as <c>dispatch run</c> does.</summary>
    Task<BenchRunOutcome> RunAsync(BenchRun run, CancellationToken cancellationToken);

    /// <summary>Empties the silo's scenario build cache, so that the next run reads and builds its scenario.</summary>
    void ForgetScenarios();
}

/// <summary>
/// One run through the product path: the scenario JSON, seed, simulated days, replications in
/// parallel, simulated minutes per grain call, and a label that starts the run ids (<c>bench</c>,
/// <c>bench-warmup</c>).
/// </summary>
public sealed record BenchRun(string ScenarioJson, long Seed, int Days, int Replications, double ChunkMinutes, string Label);

/// <summary>
/// What the bench reads from a run's result: the kernel events of all replications, the time from
/// the first grain call to the result (silo start-up excluded) and the incidents of the report (a mean over replications).
/// </summary>
public sealed record BenchRunOutcome(long EventsProcessed, TimeSpan SimulationTime, double Incidents);
