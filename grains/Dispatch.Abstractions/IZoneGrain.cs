namespace Dispatch.Abstractions;

/// <summary>A hotspot or district zone of one run (key: <c>{runId}/{zoneId}</c>).</summary>
public interface IZoneGrain : IGrainWithStringKey
{
    /// <summary>Records new and changed incidents; <paramref name="persist"/> writes the state to storage.</summary>
    Task UpdateAsync(ZoneUpdate update, bool persist);

    /// <summary>What the zone has seen so far, or null if nothing was reported yet.</summary>
    Task<ZoneView?> GetAsync();
}
