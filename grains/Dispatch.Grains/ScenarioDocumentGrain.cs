using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>A scenario text stored once under the hash of its content.</summary>
public sealed class ScenarioDocumentGrain(
    [PersistentState("scenario", StorageNames.Dispatch)] IPersistentState<ScenarioDocumentState> state) : Grain, IScenarioDocumentGrain
{
    public async Task StoreAsync(string scenarioJson)
    {
        if (state.State.Json is { } stored)
        {
            if (!string.Equals(stored, scenarioJson, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"scenario '{this.GetPrimaryKeyString()}' is stored with a different text");
            }
            return;
        }
        if (this.GetPrimaryKeyString() != IScenarioDocumentGrain.KeyOf(scenarioJson))
        {
            throw new ArgumentException($"the scenario text does not hash to '{this.GetPrimaryKeyString()}'", nameof(scenarioJson));
        }
        state.State.Json = scenarioJson;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Json);
}

[GenerateSerializer, Alias("Dispatch.ScenarioDocumentState")]
public sealed class ScenarioDocumentState
{
    [Id(0)] public string? Json { get; set; }
}
