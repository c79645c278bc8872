using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>A unit of one run: its latest position and status, queryable while the run goes on.</summary>
public sealed class UnitGrain(
    [PersistentState("unit", StorageNames.Dispatch)] IPersistentState<UnitGrainState> state) : Grain, IUnitGrain
{
    public async Task UpdateAsync(UnitView view, bool persist)
    {
        state.State.View = view;
        if (persist)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<UnitView?> GetAsync() => Task.FromResult(state.State.View);
}

[GenerateSerializer, Alias("Dispatch.UnitGrainState")]
public sealed class UnitGrainState
{
    [Id(0)] public UnitView? View { get; set; }
}
