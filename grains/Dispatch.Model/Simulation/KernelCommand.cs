namespace Dispatch.Model.Simulation;

/// <summary>What a duty officer can order the kernel to do (closed vocabulary; docs/live.md, "Commands").</summary>
public enum CommandKind
{
    /// <summary>Send a unit to an incident, overriding the automatic choice.</summary>
    Send,
    /// <summary>Keep a waiting incident for one chosen unit: it goes to that unit as soon as it is free, to no other.</summary>
    Hold,
    /// <summary>Move a unit to a zone and hold it there (a post) for some minutes: it is not dispatched automatically.</summary>
    Post,
    /// <summary>Release a unit from a command post to its own duty (patrol, post or station).</summary>
    Release,
    /// <summary>Raise a zone's alert: the nearest free unit makes an alert-guided check of it.</summary>
    Alert,
    /// <summary>Cordon a zone: the nearest free unit stands a temporary post there for some minutes.</summary>
    Cordon,
    /// <summary>Call an off-duty unit in for some hours (its shift length by default).</summary>
    CallIn,
    /// <summary>Stand an on-duty unit down for the rest of its shift (after the job in hand).</summary>
    StandDown,
    /// <summary>Inject an incident of a given type (and priority) at a point or in a zone.</summary>
    Inject,
    /// <summary>End the run here (the dashboard's key s): its report covers the time simulated so far.</summary>
    Stop,
}

/// <summary>
/// One command to the kernel, applied at simulated minute <see cref="At"/> (after every event before
/// that minute, before any event at it). Which fields matter depends on <see cref="Kind"/>: the unit
/// (send, hold, post, release, call-in, stand-down), the incident (send, hold), the zone (post,
/// alert, cordon, inject), minutes (post, cordon; hours x 60 for call-in), the type and priority
/// and the point (inject).
/// </summary>
public sealed record KernelCommand(double At, CommandKind Kind)
{
    public string? Unit { get; init; }
    public int? Incident { get; init; }
    public string? Zone { get; init; }
    public double? Minutes { get; init; }
    public string? Type { get; init; }
    public int? Priority { get; init; }
    public double? X { get; init; }
    public double? Y { get; init; }

    /// <summary>The command as a console line (<c>send car-1 12</c>), the same words <c>dispatch command</c> takes.</summary>
    public string Text => CommandText.Format(this);
}

/// <summary>What became of a command: applied (with what it did) or refused (with why).</summary>
public sealed record CommandOutcome(bool Applied, string Message)
{
    /// <summary>The incident a command created or acted on (inject, send, hold), or null.</summary>
    public int? Incident { get; init; }

    public static CommandOutcome Refused(string message) => new(false, message);
}

/// <summary>A command as the run took it: when, what, and what became of it (one line of the command log).</summary>
public sealed record CommandRecord(KernelCommand Command, CommandOutcome Outcome);
