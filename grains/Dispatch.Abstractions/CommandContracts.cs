namespace Dispatch.Abstractions;

/// <summary>What became of a duty officer's command: applied or refused, with what it did or why, and the simulated minute it was taken at.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.CommandReply")]
public sealed record CommandReply(
    [property: Id(0)] bool Applied,
    [property: Id(1)] string Message,
    [property: Id(2)] double AtMinute,
    [property: Id(3)] string? Command);

/// <summary>Who holds control of a live run (null: nobody) and whether the console that asked does.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ControlReply")]
public sealed record ControlReply(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? Holder);

/// <summary>What a run was started with and its command log: enough to play it again (<c>dispatch replay</c>).</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.ReplaySource")]
public sealed record ReplaySource(
    [property: Id(0)] RunRequest Request,
    [property: Id(1)] string? CommandLog,
    [property: Id(2)] bool Finished,
    [property: Id(3)] double EndMinute);

/// <summary>A command as a unit or zone grain keeps it in its own history.</summary>
[GenerateSerializer, Immutable, Alias("Dispatch.CommandEntry")]
public sealed record CommandEntry(
    [property: Id(0)] double AtMinute,
    [property: Id(1)] string Command,
    [property: Id(2)] bool Applied,
    [property: Id(3)] string Outcome);
