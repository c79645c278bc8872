namespace Dispatch.Abstractions;

/// <summary>
/// A hotspot or district zone of one run (key: <c>{runId}/{zoneId}</c>). It holds no copy of the
/// run: it answers from the run's scenario grain, the one source of truth, so it is never stale
/// and needs no resynchronising after a silo failure.
/// </summary>
public interface IZoneGrain : IGrainWithStringKey
{
    /// <summary>What the zone has seen so far; null if the run or the zone does not exist.</summary>
    Task<ZoneView?> GetAsync();
}
