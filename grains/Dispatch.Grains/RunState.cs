using System.Diagnostics.CodeAnalysis;
using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>
/// The durable progress of a run, written after every chunk (batch) or simulated hour (live): a few
/// bytes. Nothing else of the run is stored: it is a pure function of its request, so after a
/// reactivation the kernel is rebuilt and replayed to <see cref="SimulatedMinute"/>, and the report
/// of a finished run is built again from it, identically.
/// </summary>
[GenerateSerializer, Alias("Dispatch.RunState")]
public sealed class RunState
{
    [Id(1)] public double SimulatedMinute { get; set; }
    [Id(2)] public bool IsFinished { get; set; }

    /// <summary>Paced against the wall clock (a live run); resumes its timer after a reactivation.</summary>
    [Id(4)] public bool Live { get; set; }

    [Id(5)] public double Speed { get; set; }

    [Id(6)] public bool Paused { get; set; }
}

/// <summary>
/// What a run was started with, written once when it starts: the run parameters and the key of
/// its scenario text, which is stored once per distinct content (<see cref="IScenarioDocumentGrain"/>).
/// </summary>
[GenerateSerializer, Alias("Dispatch.RunRequestState")]
public sealed class RunRequestState
{
    [Id(0)] public string? ScenarioKey { get; set; }
    [Id(1)] public long Seed { get; set; }
    [Id(2)] public int Replication { get; set; }
    [Id(3)] public int Days { get; set; }
    [Id(4)] public double WarmupDays { get; set; }

    [MemberNotNullWhen(true, nameof(ScenarioKey))]
    public bool IsStarted => ScenarioKey is not null;

    public bool Matches(RunRequest request, string scenarioKey) =>
        ScenarioKey == scenarioKey && Seed == request.Seed && Replication == request.Replication &&
        Days == request.Days && WarmupDays.Equals(request.WarmupDays);

    public RunRequest ToRequest(string scenarioJson) => new(scenarioJson, Seed, Replication, Days, WarmupDays);
}
