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

    /// <summary>The experiment this replication belongs to, once it drives itself (null: driven by calls, or live).</summary>
    [Id(7)] public string? ExperimentId { get; set; }

    /// <summary>Its replication number within the experiment.</summary>
    [Id(8)] public int Replication { get; set; }

    /// <summary>Simulated minutes per chunk when it drives itself.</summary>
    [Id(9)] public double ChunkMinutes { get; set; }

    /// <summary>Whether its zone and unit grains are fed (at the end of a batch replication).</summary>
    [Id(10)] public bool Actors { get; set; }

    /// <summary>Stopped by its experiment: nothing more is simulated.</summary>
    [Id(11)] public bool Cancelled { get; set; }

    /// <summary>Its incidents.csv rows are not written (the result's text is the header alone).</summary>
    [Id(12)] public bool SkipIncidentRows { get; set; }
    /// <summary>The commands given to this live run so far, with their outcomes (commands.json text), or null.</summary>
    [Id(13)] public string? CommandLog { get; set; }
}

/// <summary>
/// What a run was started with, written once when it starts: the run parameters and the key of
/// its scenario text, which is stored once per distinct content (<see cref="IScenarioDocumentGrain"/>).
/// The same fields as <see cref="RunRequest"/>; kept apart so that the stored form does not change
/// with the wire type.
/// </summary>
[GenerateSerializer, Alias("Dispatch.RunRequestState")]
public sealed class RunRequestState
{
    [Id(0)] public string? ScenarioKey { get; set; }
    [Id(1)] public long Seed { get; set; }
    [Id(2)] public int Replication { get; set; }
    [Id(3)] public int Days { get; set; }
    [Id(4)] public double WarmupDays { get; set; }
    [Id(5)] public string? Commands { get; set; }

    [MemberNotNullWhen(true, nameof(ScenarioKey))]
    public bool IsStarted => ScenarioKey is not null;

    public bool Matches(RunRequest request) => ToRequest() == request;

    public RunRequest ToRequest() => new(ScenarioKey!, Seed, Replication, Days, WarmupDays, Commands);

    public static RunRequestState Of(RunRequest request) => new()
    {
        ScenarioKey = request.ScenarioKey, Seed = request.Seed, Replication = request.Replication, Days = request.Days, WarmupDays = request.WarmupDays,
        Commands = request.Commands,
    };
}
