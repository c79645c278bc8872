using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Orleans.Storage;

namespace Dispatch.Grains;

/// <summary>
/// The cluster's list of runs. Experiments are stored (written when one is new or changes state,
/// never for progress), so <c>runs</c> lists them after a restart; live runs are kept in memory
/// and listed as they report in.
/// </summary>
public sealed class RunRegistryGrain(
    [PersistentState("runs", StorageNames.Dispatch)] IPersistentState<RunRegistryState> state) : Grain, IRunRegistryGrain
{
    private const int Keep = 200;
    private readonly Dictionary<string, RunListing> _runs = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var listing in state.State.Experiments)
        {
            _runs[listing.RunId] = listing;
        }
        return Task.CompletedTask;
    }

    public async Task ReportAsync(RunListing listing)
    {
        var known = _runs.TryGetValue(listing.RunId, out var existing) ? existing : null;
        var order = known?.Order is > 0 ? known.Order : listing.Order > 0 ? listing.Order : ++state.State.Order;
        _runs[listing.RunId] = listing with { Order = order };
        if (_runs.Count > Keep)
        {
            foreach (var old in _runs.Values.Where(r => r.Finished).OrderBy(r => r.Order).Take(_runs.Count - Keep).ToList())
            {
                _runs.Remove(old.RunId);
            }
        }
        if (!listing.Live && (known is null || known.State != listing.State))
        {
            await WriteAsync();
        }
    }

    /// <summary>
    /// Stores the experiments. Another process on the same storage (a second embedded run on one
    /// state file) may write too: so the stored list is read and merged first, just before writing
    /// (and again if a write still meets a newer version).
    /// </summary>
    private async Task WriteAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var order = state.State.Order;
            await state.ReadStateAsync();
            state.State.Order = Math.Max(order, state.State.Order);
            foreach (var stored in state.State.Experiments)
            {
                _runs.TryAdd(stored.RunId, stored);
            }
            state.State.Experiments = [.. _runs.Values.Where(r => !r.Live).OrderBy(r => r.Order)];
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException) when (attempt < 3)
            {
                // Written by the other process between the read and the write: read again.
            }
        }
    }

    public Task<IReadOnlyList<RunListing>> ListAsync() =>
        Task.FromResult<IReadOnlyList<RunListing>>(_runs.Values.OrderByDescending(r => r.Order).ToList());
}

/// <summary>The stored part of the run registry: the experiments and the last order number given.</summary>
[GenerateSerializer, Alias("Dispatch.RunRegistryState")]
public sealed class RunRegistryState
{
    [Id(0)] public List<RunListing> Experiments { get; set; } = [];
    [Id(1)] public long Order { get; set; }
}
