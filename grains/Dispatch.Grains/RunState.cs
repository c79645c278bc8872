using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>
/// The durable part of a run. The kernel itself is not stored: it is a pure function of the
/// request, so after a reactivation it is rebuilt and replayed to <see cref="SimulatedMinute"/>.
/// </summary>
[GenerateSerializer, Alias("Dispatch.RunState")]
public sealed class RunState
{
    [Id(0)] public RunRequest? Request { get; set; }
    [Id(1)] public double SimulatedMinute { get; set; }
    [Id(2)] public bool IsFinished { get; set; }
    [Id(3)] public string? ReportJson { get; set; }

    /// <summary>Paced against the wall clock (a live run); resumes its timer after a reactivation.</summary>
    [Id(4)] public bool Live { get; set; }

    [Id(5)] public double Speed { get; set; }

    [Id(6)] public bool Paused { get; set; }
}
