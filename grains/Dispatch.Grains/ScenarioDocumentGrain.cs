using Dispatch.Abstractions;
using Orleans.Storage;

namespace Dispatch.Grains;

/// <summary>A scenario text stored once under the hash of its content.</summary>
public sealed class ScenarioDocumentGrain(
    [PersistentState("scenario", StorageNames.Dispatch)] IPersistentState<ScenarioDocumentState> state) : Grain, IScenarioDocumentGrain
{
    public async Task StoreAsync(string scenarioJson)
    {
        if (state.State.Json is null)
        {
            if (this.GetPrimaryKeyString() != IScenarioDocumentGrain.KeyOf(scenarioJson))
            {
                throw new ArgumentException($"the scenario text does not hash to '{this.GetPrimaryKeyString()}'", nameof(scenarioJson));
            }
            // Another process on the same storage (a second embedded run on one state file) may have
            // stored the same text since this activation read it: read again rather than write over it.
            await state.ReadStateAsync();
        }
        if (state.State.Json is null)
        {
            state.State.Json = scenarioJson;
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException)
            {
                // Stored by the other process between the read and the write: the same text, by its key.
                state.State.Json = null;
                await state.ReadStateAsync();
            }
        }
        if (!string.Equals(state.State.Json, scenarioJson, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"scenario '{this.GetPrimaryKeyString()}' is stored with a different text");
        }
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Json);
}

[GenerateSerializer, Alias("Dispatch.ScenarioDocumentState")]
public sealed class ScenarioDocumentState
{
    [Id(0)] public string? Json { get; set; }
}
