using Dispatch.Abstractions;

namespace Dispatch.Grains.Tests;

/// <summary>Stores a scenario text as a client does before starting runs on it.</summary>
internal static class Documents
{
    /// <summary>Stores <paramref name="json"/> and returns its document key (for <see cref="RunRequest"/>).</summary>
    public static async Task<string> StoreAsync(IGrainFactory grains, string json)
    {
        var key = IScenarioDocumentGrain.KeyOf(json);
        await grains.GetGrain<IScenarioDocumentGrain>(key).StoreAsync(json);
        return key;
    }
}
