using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary><c>uniform</c>: every hotspot of a beat weighs the same, so patrol time is spread evenly.</summary>
public sealed class UniformPolicy : IPatrolPolicy
{
    public string Name => "uniform";

    public bool Patrols => true;

    public void Weigh(double now, double length, RiskModel risk, IReadOnlyList<Zone> zones, double[] weights)
    {
        for (var z = 0; z < zones.Count; z++)
        {
            weights[z] = zones[z].IsHotspot ? 1 : 0;
        }
    }
}
