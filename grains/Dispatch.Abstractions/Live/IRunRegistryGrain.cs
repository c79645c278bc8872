namespace Dispatch.Abstractions.Live;

/// <summary>
/// A run known to the cluster, for <c>dispatch runs</c>: a live run, or an experiment (all
/// replications of a batch run) with its <see cref="State"/> (running, finished, cancelled, failed).
/// </summary>
[GenerateSerializer, Immutable, Alias("Dispatch.RunListing")]
public sealed record RunListing(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Scenario,
    [property: Id(2)] bool Live,
    [property: Id(3)] double SimulatedMinute,
    [property: Id(4)] double EndMinute,
    [property: Id(5)] bool Finished,
    [property: Id(6)] double Speed,
    [property: Id(7)] string? State = null,
    [property: Id(8)] int Replications = 1,
    [property: Id(9)] long Order = 0);

/// <summary>The list of runs in the cluster (one grain, key 0).</summary>
public interface IRunRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or updates a run's entry.</summary>
    Task ReportAsync(RunListing listing);

    /// <summary>All runs, newest first (finished runs are kept for a while).</summary>
    Task<IReadOnlyList<RunListing>> ListAsync();
}
