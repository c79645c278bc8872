using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>
/// A zone of one run: how many incidents it has seen, how fast they were reached, and the most
/// recent ones (newest last), as of the run's current minute. Answered by the run's scenario grain
/// (see ScenarioGrain.Views.cs), so this grain keeps nothing that could go stale or be lost.
/// </summary>
public sealed class ZoneGrain(IGrainFactory grains) : Grain, IZoneGrain
{
    public Task<ZoneView?> GetAsync()
    {
        var (runId, zoneId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return grains.GetGrain<IScenarioGrain>(runId).GetZoneAsync(zoneId);
    }
}
