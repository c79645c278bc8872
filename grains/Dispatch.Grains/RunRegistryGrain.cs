using Dispatch.Abstractions.Live;

namespace Dispatch.Grains;

/// <summary>The cluster's list of runs, kept in memory (it is rebuilt as runs report in).</summary>
public sealed class RunRegistryGrain : Grain, IRunRegistryGrain
{
    private const int Keep = 200;
    private readonly Dictionary<string, (long Order, RunListing Listing)> _runs = [];
    private long _order;

    public Task ReportAsync(RunListing listing)
    {
        var order = _runs.TryGetValue(listing.RunId, out var existing) ? existing.Order : ++_order;
        _runs[listing.RunId] = (order, listing);
        if (_runs.Count > Keep)
        {
            foreach (var old in _runs.Values.Where(r => r.Listing.Finished).OrderBy(r => r.Order).Take(_runs.Count - Keep).ToList())
            {
                _runs.Remove(old.Listing.RunId);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunListing>> ListAsync() =>
        Task.FromResult<IReadOnlyList<RunListing>>(_runs.Values.OrderByDescending(r => r.Order).Select(r => r.Listing).ToList());
}
