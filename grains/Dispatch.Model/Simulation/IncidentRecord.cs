using Dispatch.Model.Geometry;

namespace Dispatch.Model.Simulation;

/// <summary>What became of an incident (closed vocabulary; written to incidents.csv in camelCase).</summary>
public enum IncidentOutcome
{
    /// <summary>A unit arrived and finished on scene.</summary>
    Cleared,
    /// <summary>A unit was on scene when the run ended.</summary>
    OnScene,
    /// <summary>A unit was on its way when the run ended.</summary>
    EnRoute,
    /// <summary>Still waiting in the dispatch queue when the run ended.</summary>
    Queued,
    /// <summary>No unit free and queueing is off: handed elsewhere (lost to this fleet).</summary>
    Diverted,
}

/// <summary>One incident and its timeline, in simulated minutes from the start (NaN = not yet).</summary>
public sealed class IncidentRecord
{
    public required int Id { get; init; }
    public required int Zone { get; init; }
    public required int Type { get; init; }
    public required int Priority { get; set; }

    /// <summary>The priority of the incident's type, before any escalation.</summary>
    public int InitialPriority
    {
        get => _initialPriority ?? Priority;
        init => _initialPriority = value;
    }

    private readonly int? _initialPriority;
    public required Point2 Location { get; init; }
    public required double CreatedAt { get; init; }
    public required double OnSceneDuration { get; set; }

    /// <summary>Pre-drawn uniforms (from the zone's incident stream) for on-view discovery, transfer and mediation.</summary>
    internal double ViewDraw { get; init; }
    internal double TransferDraw { get; init; }
    internal double MediationDraw { get; init; }

    public bool DiscoveredOnView { get; internal set; }
    public bool Escalated { get; internal set; }
    public bool Transferred { get; internal set; }
    public bool MediationResolved { get; internal set; }

    /// <summary>Whether the incident was attended before its escalation time (false if its type never escalates).</summary>
    public bool AttendedBeforeEscalation { get; internal set; }
    public double DispatchedAt { get; internal set; } = double.NaN;
    public double ArrivedAt { get; internal set; } = double.NaN;
    public double ClearedAt { get; internal set; } = double.NaN;
    public int Unit { get; internal set; } = -1;

    /// <summary>Where the unit was when it was dispatched.</summary>
    public Point2 DispatchOrigin { get; internal set; }

    /// <summary>Expected arrival time at dispatch (dispatch time + travel time).</summary>
    public double EtaAt { get; internal set; } = double.NaN;
    public bool Diverted { get; internal set; }

    /// <summary>Call-handling minutes: from the call to the incident being ready for dispatch (0 when off or found on view).</summary>
    public double CallHandlingMinutes { get; internal set; }

    /// <summary>Turnout minutes: from a unit being assigned to it moving (0 when off or found on view).</summary>
    public double TurnoutMinutes { get; internal set; }

    /// <summary>Units the incident needs on scene (its type's full complement).</summary>
    public int UnitsRequired { get; init; } = 1;

    /// <summary>Units sent to it so far and not diverted away: it waits in the queue while this is below <see cref="UnitsRequired"/>.</summary>
    public int UnitsSent { get; internal set; }

    /// <summary>Units en route or on scene now.</summary>
    internal int UnitsBusy { get; set; }

    /// <summary>Units arrived so far (an arrival counts once, even if the unit is diverted later).</summary>
    public int UnitsArrived { get; internal set; }

    /// <summary>When the <see cref="UnitsRequired"/>-th unit arrived (the full complement); NaN if not yet.</summary>
    public double FullComplementAt { get; internal set; } = double.NaN;

    /// <summary>Times a unit was taken from it for a more urgent call (pre-emption).</summary>
    public int Preemptions { get; internal set; }

    /// <summary>Waiting in the dispatch queue now.</summary>
    public bool InQueue { get; internal set; }

    /// <summary>Set when changed since the last <see cref="Simulator.DrainChanges"/>.</summary>
    internal bool Touched { get; set; }

    public bool IsAttended => !double.IsNaN(ArrivedAt);

    /// <summary>Call handling, queue, turnout and travel, to the first unit on scene; NaN if no unit arrived.</summary>
    public double ResponseMinutes => ArrivedAt - CreatedAt;

    /// <summary>When the call was ready for dispatch (creation plus call handling).</summary>
    public double ReadyAt => CreatedAt + CallHandlingMinutes;

    /// <summary>Dispatch delay in the queue: from ready for dispatch to the first unit assigned.</summary>
    public double QueueWaitMinutes => DispatchedAt - ReadyAt;

    /// <summary>Travel of the first unit, turnout excluded.</summary>
    public double TravelMinutes => ArrivedAt - DispatchedAt - TurnoutMinutes;

    /// <summary>From the call to the full complement on scene; NaN if it never was.</summary>
    public double FullComplementMinutes => FullComplementAt - CreatedAt;

    public IncidentOutcome Outcome =>
        Diverted ? IncidentOutcome.Diverted
        : !double.IsNaN(ClearedAt) ? IncidentOutcome.Cleared
        : !double.IsNaN(ArrivedAt) ? IncidentOutcome.OnScene
        : !double.IsNaN(DispatchedAt) ? IncidentOutcome.EnRoute
        : IncidentOutcome.Queued;
}
