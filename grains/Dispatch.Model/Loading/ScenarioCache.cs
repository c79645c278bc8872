using System.Text.Json;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// Built scenarios, keyed by the scenario document's key (the hash of its text), kept for the few
/// most recent keys, so that the replications of a run (one grain each, all on the same document)
/// build the scenario once per silo instead of once each. One instance per silo, registered as a
/// service (never a static); a <see cref="Scenario"/> is immutable and read only by the simulators,
/// so replications on different threads can share it.
/// </summary>
/// <remarks>
/// Nothing here blocks or starts threads: the first caller for a key reads the text (through the
/// given asynchronous loader) and builds the scenario in its own turn; callers arriving meanwhile
/// await that build. The JSON of a stored document is what <see cref="ScenarioJson.Serialize"/>
/// wrote from a validated document, so it is first read directly with System.Text.Json (a few
/// milliseconds); only text that this cannot read goes through <see cref="ScenarioJson.Parse"/>, the
/// validating reader, which locates every problem. Either way the document is then built and
/// checked by <see cref="ScenarioBuilder.Build"/>.
/// </remarks>
public sealed class ScenarioCache
{
    /// <summary>How many distinct scenarios are kept.</summary>
    public const int Capacity = 4;

    private readonly object _gate = new();
    private readonly LinkedList<(string Key, Task<Scenario> Scenario)> _recent = new();

    /// <summary>
    /// The scenario of the document <paramref name="key"/>, built at most once while it stays among
    /// the most recent. A failed build is forgotten, and its exception is every waiter's.
    /// </summary>
    public Task<Scenario> GetAsync(string key, Func<Task<string>> readText)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(readText);
        TaskCompletionSource<Scenario> mine;
        lock (_gate)
        {
            if (Find(key) is { } node)
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Scenario;
            }
            mine = new TaskCompletionSource<Scenario>(TaskCreationOptions.RunContinuationsAsynchronously);
            Keep(key, mine.Task);
        }
        return BuildAsync(key, readText, mine);
    }

    /// <summary>
    /// Takes a scenario already built from the document <paramref name="key"/> by the process that
    /// hosts this silo (the CLI's embedded silo: the command built it to check it), so that the
    /// replications do not read and build the same text again. Kept like a built one; a key
    /// already present keeps its scenario.
    /// </summary>
    public void Offer(string key, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(scenario);
        lock (_gate)
        {
            if (Find(key) is null)
            {
                Keep(key, Task.FromResult(scenario));
            }
        }
    }

    /// <summary>Puts a key first (under <see cref="_gate"/>), dropping the least recent beyond <see cref="Capacity"/>.</summary>
    private void Keep(string key, Task<Scenario> scenario)
    {
        _recent.AddFirst((key, scenario));
        while (_recent.Count > Capacity)
        {
            _recent.RemoveLast();
        }
    }

    private async Task<Scenario> BuildAsync(string key, Func<Task<string>> readText, TaskCompletionSource<Scenario> mine)
    {
        try
        {
            mine.SetResult(Build(await readText()));
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                if (Find(key) is { } node && node.Value.Scenario == mine.Task)
                {
                    _recent.Remove(node);
                }
            }
            mine.SetException(e);
        }
        return await mine.Task;
    }

    /// <summary>The entry of a key (under <see cref="_gate"/>), or null.</summary>
    private LinkedListNode<(string Key, Task<Scenario> Scenario)>? Find(string key)
    {
        var node = _recent.First;
        while (node is not null && !string.Equals(node.Value.Key, key, StringComparison.Ordinal))
        {
            node = node.Next;
        }
        return node;
    }

    /// <summary>Forgets every kept scenario (benchmarks use it so that each timed run builds its scenario).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _recent.Clear();
        }
    }

    /// <summary>Reads (fast path first) and builds a scenario; throws <see cref="ScenarioException"/> for invalid input.</summary>
    public static Scenario Build(string json) => ScenarioBuilder.Build(ReadDocument(json));

    /// <summary>
    /// The document of a run request's JSON: read directly when it is well-formed JSON of the right
    /// types (as <see cref="ScenarioJson.Serialize"/> writes it), else through the validating reader.
    /// </summary>
    public static ScenarioDocument ReadDocument(string json)
    {
        try
        {
            if (ScenarioJson.Deserialize(json) is { } document)
            {
                return document;
            }
        }
        catch (JsonException)
        {
            // Not in the canonical form: the validating reader says exactly what is wrong.
        }
        catch (NotSupportedException)
        {
        }
        return ScenarioJson.Parse(json, "scenario");
    }
}
