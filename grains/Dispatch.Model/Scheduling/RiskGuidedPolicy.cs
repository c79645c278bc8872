using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// <c>risk-guided</c> (风险导巡): a hotspot weighs its forecast risk for the coming period: the
/// profile rate at the middle of the period plus the current near-repeat component. Zones with no
/// risk are not visited.
/// </summary>
public sealed class RiskGuidedPolicy : IPatrolPolicy
{
    public string Name => "risk-guided";

    public bool Patrols => true;

    public void Weigh(double now, double length, RiskModel risk, IReadOnlyList<Zone> zones, double[] weights)
    {
        // The hour and day at the middle are the same for every zone: looked up once.
        var middle = now + length / 2;
        var (hour, day) = risk.HourAndDay(middle);
        for (var z = 0; z < zones.Count; z++)
        {
            weights[z] = risk.IsHotspot(z) ? risk.BaseRate(z, hour, day) * risk.DemandFactor(z, middle) + risk.NearRepeat(z, now) : 0;
        }
    }
}
