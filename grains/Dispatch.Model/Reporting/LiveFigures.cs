using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>
/// Key figures of a run so far, for a live console, computed on demand at the kernel's current time:
/// visibility now (the risk-weighted share of hotspots with a unit present this minute), night
/// visibility so far, the handling rate and response percentiles over the incidents so far (after
/// the warm-up). Null where there is nothing to measure yet.
/// </summary>
public readonly record struct LiveFigures(double? VisibilityNow, double? NightSoFar, double? Handling, double? P50, double? P90)
{
    /// <summary>The figures of <paramref name="sim"/> now.</summary>
    public static LiveFigures Of(Simulator sim)
    {
        var scenario = sim.Scenario;
        var now = sim.Now;
        double covered = 0, weight = 0;
        for (var z = 0; z < scenario.Zones.Count; z++)
        {
            if (!scenario.Zones[z].IsHotspot)
            {
                continue;
            }
            var rate = sim.Risk.BaseRate(z, now);
            weight += rate;
            if (sim.PresentUnits(z).Count > 0)
            {
                covered += rate;
            }
        }
        var ledger = sim.LedgerAtNow();
        var nightWeight = ledger.NightWeightUpTo(now);
        var totals = sim.IncidentTotalsNow();
        var responses = totals.SortedResponses();
        return new LiveFigures(
            weight > 0 ? covered / weight : null,
            nightWeight > 0 ? ledger.NightWeightedCovered / nightWeight : null,
            ReportBuilder.HandlingRate(totals.Handled, totals.Total),
            Statistics.Percentile(responses, 0.5),
            Statistics.Percentile(responses, 0.9));
    }
}
