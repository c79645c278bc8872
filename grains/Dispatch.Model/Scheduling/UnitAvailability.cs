namespace Dispatch.Model.Scheduling;

/// <summary>What the scheduler may do with a unit now: the kernel's unit statuses as the scheduler sees them (closed vocabulary).</summary>
public enum UnitAvailability : byte
{
    /// <summary>Off shift, on its way to or at an incident, on a school post or making a check: not free to send.</summary>
    Busy,
    /// <summary>On duty and free: waiting at its base or post, or travelling back to base.</summary>
    Idle,
    /// <summary>Patrolling its beat (travelling to a zone or dwelling in one): free to send elsewhere.</summary>
    Patrolling,
}
