using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// A patrol policy weighs the hotspot zones at every re-plan; patrol units then pick their next
/// zone from the shared <see cref="PatrolPlan"/>. One file per policy.
/// </summary>
public interface IPatrolPolicy
{
    /// <summary>The name used in scenario files and reports.</summary>
    string Name { get; }

    /// <summary>False for policies without patrol: units wait at their base between calls.</summary>
    bool Patrols { get; }

    /// <summary>Fills <paramref name="weights"/> (one per zone; 0 = not worth a visit) for the period [now, now + length).</summary>
    void Weigh(double now, double length, RiskModel risk, IReadOnlyList<Zone> zones, double[] weights);
}
