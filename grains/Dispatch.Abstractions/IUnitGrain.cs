namespace Dispatch.Abstractions;

/// <summary>
/// A patrol unit of one replication (key: <c>{runId}/{unitId}</c>). It keeps the unit's own state,
/// persisted: status timeline, dispatches, distance and minutes by status, fed in batches by its
/// replication like a zone grain.
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>The unit at the last batch; null if it was never fed.</summary>
    Task<UnitView?> GetAsync();

    /// <summary>Takes a batch: the unit as it stands now (a status change extends its timeline).</summary>
    Task FeedAsync(UnitFeed feed);
}
