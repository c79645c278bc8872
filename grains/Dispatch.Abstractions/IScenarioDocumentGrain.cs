using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Abstractions;

/// <summary>
/// A scenario text, stored once per distinct content (key: <see cref="KeyOf"/>, a SHA-256 of the
/// text). Runs refer to it by key, so a hundred replications or reruns of one scenario store it
/// once, and a run's own checkpoint stays a few bytes.
/// </summary>
public interface IScenarioDocumentGrain : IGrainWithStringKey
{
    /// <summary>Stores the text if it is not stored yet (idempotent); fails if the key does not match the text.</summary>
    Task StoreAsync(string scenarioJson);

    /// <summary>The stored text, or null if nothing was stored under this key.</summary>
    Task<string?> GetAsync();

    /// <summary>The key of a scenario text: <c>sha256-</c> and the hex digest of its UTF-8 bytes.</summary>
    public static string KeyOf(string scenarioJson) =>
        "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scenarioJson)));
}
