using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary><c>static</c>: posts only. Patrol units wait at their station between calls.</summary>
public sealed class StaticPolicy : IPatrolPolicy
{
    public string Name => "static";

    public bool Patrols => false;

    public void Weigh(double now, double length, RiskModel risk, IReadOnlyList<Zone> zones, double[] weights) =>
        Array.Clear(weights);
}
