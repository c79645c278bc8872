using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>
/// The durable progress of a run, written after every chunk (batch) or simulated hour (live). The
/// kernel itself is not stored: it is a pure function of the request, so after a reactivation it
/// is rebuilt and replayed to <see cref="SimulatedMinute"/>. The request is stored once, apart
/// (<see cref="RunRequestState"/>), so a checkpoint is a few bytes, not the whole scenario.
/// </summary>
[GenerateSerializer, Alias("Dispatch.RunState")]
public sealed class RunState
{
    [Id(1)] public double SimulatedMinute { get; set; }
    [Id(2)] public bool IsFinished { get; set; }
    [Id(3)] public string? ReportJson { get; set; }

    /// <summary>Paced against the wall clock (a live run); resumes its timer after a reactivation.</summary>
    [Id(4)] public bool Live { get; set; }

    [Id(5)] public double Speed { get; set; }

    [Id(6)] public bool Paused { get; set; }
}

/// <summary>What a run was started with: written once, when the run starts.</summary>
[GenerateSerializer, Alias("Dispatch.RunRequestState")]
public sealed class RunRequestState
{
    [Id(0)] public RunRequest? Request { get; set; }
}
