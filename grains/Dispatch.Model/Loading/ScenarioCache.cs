using System.Text.Json;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// Scenarios built from the self-contained JSON of run requests, kept for the few most recent
/// texts, so that the replications of a run (one scenario grain each, all with the same JSON) build
/// the scenario once per process instead of once each, and a CLI run on its embedded silo does not
/// build again what it built to validate the file (<see cref="Add"/>). A <see cref="Scenario"/> is
/// immutable and read only by the simulators, so replications on different threads can share it.
/// </summary>
/// <remarks>
/// The JSON of a run request is what <see cref="ScenarioJson.Serialize"/> wrote from a validated
/// document, so it is first read directly with System.Text.Json (a few milliseconds); only text that
/// this cannot read goes through <see cref="ScenarioJson.Parse"/>, the validating reader, which
/// locates every problem. Either way the document is then built and checked by
/// <see cref="ScenarioBuilder.Build"/>.
/// </remarks>
public static class ScenarioCache
{
    /// <summary>How many distinct scenario texts are kept.</summary>
    public const int Capacity = 4;

    private static readonly object Gate = new();
    private static readonly LinkedList<(string Json, Task<Scenario> Scenario)> Recent = new();

    /// <summary>The scenario of a run request's JSON, built at most once while it stays among the most recent.</summary>
    public static Scenario Get(string json) => GetAsync(json).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="Get"/>, for callers that can wait without holding a thread: the first caller
    /// for a text builds it on its own thread; callers arriving meanwhile (the other replications
    /// of a run) wait for that build without blocking theirs, so the threads the build uses for
    /// zone outlines are free. A failed build is forgotten, and its exception is every waiter's.
    /// </summary>
    public static Task<Scenario> GetAsync(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        TaskCompletionSource<Scenario> mine;
        lock (Gate)
        {
            var node = Find(json);
            if (node is not null)
            {
                Recent.Remove(node);
                Recent.AddFirst(node);
                return node.Value.Scenario;
            }
            mine = new TaskCompletionSource<Scenario>(TaskCreationOptions.RunContinuationsAsynchronously);
            Keep(json, mine.Task);
        }
        try
        {
            mine.SetResult(Build(json));
        }
        catch (Exception e)
        {
            lock (Gate)
            {
                if (Find(json) is { } node && node.Value.Scenario == mine.Task)
                {
                    Recent.Remove(node);
                }
            }
            mine.SetException(e);
        }
        return mine.Task;
    }

    /// <summary>
    /// Keeps a scenario already built from the document that <paramref name="json"/> was written
    /// from (by <see cref="ScenarioJson.Serialize"/>), so that a run of that text in this process
    /// uses it instead of reading and building it again: the CLI validates a scenario by building
    /// it, and its embedded silo's grains then run that build. A text already kept keeps its scenario.
    /// </summary>
    public static void Add(string json, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(scenario);
        lock (Gate)
        {
            if (Find(json) is null)
            {
                Keep(json, Task.FromResult(scenario));
            }
        }
    }

    /// <summary>The entry of a text (under <see cref="Gate"/>), or null.</summary>
    private static LinkedListNode<(string Json, Task<Scenario> Scenario)>? Find(string json)
    {
        var node = Recent.First;
        while (node is not null && !(node.Value.Json.Length == json.Length && string.Equals(node.Value.Json, json, StringComparison.Ordinal)))
        {
            node = node.Next;
        }
        return node;
    }

    /// <summary>Keeps a new entry as the most recent (under <see cref="Gate"/>), forgetting the oldest beyond <see cref="Capacity"/>.</summary>
    private static void Keep(string json, Task<Scenario> scenario)
    {
        Recent.AddFirst((json, scenario));
        while (Recent.Count > Capacity)
        {
            Recent.RemoveLast();
        }
    }

    /// <summary>Forgets every kept scenario (benchmarks use it so that each timed run builds its scenario).</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Recent.Clear();
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
            if (JsonSerializer.Deserialize<ScenarioDocument>(json, ScenarioJson.Options) is { } document)
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
