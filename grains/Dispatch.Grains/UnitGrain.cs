using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>
/// A unit of one run: its position and status at the run's current minute, answered by the run's
/// scenario grain (see ScenarioGrain.Views.cs).
/// </summary>
public sealed class UnitGrain(IGrainFactory grains) : Grain, IUnitGrain
{
    public Task<UnitView?> GetAsync()
    {
        var (runId, unitId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return grains.GetGrain<IScenarioGrain>(runId).GetUnitAsync(unitId);
    }
}
