using Dispatch.Model.Reporting;

namespace Dispatch.Model.Simulation;

/// <summary>Figures for a live console, computed on demand at the current time.</summary>
public sealed partial class Simulator
{
    /// <summary>
    /// Key figures so far: visibility now (risk-weighted share of hotspots with a unit present this
    /// minute), night visibility so far, handling rate and response percentiles over incidents so far.
    /// </summary>
    public (double? VisibilityNow, double? NightSoFar, double? Handling, double? P50, double? P90) LiveFigures()
    {
        double covered = 0, weight = 0;
        for (var z = 0; z < _zones.Length; z++)
        {
            if (!Scenario.Zones[z].IsHotspot)
            {
                continue;
            }
            var rate = Risk.BaseRate(z, Now);
            weight += rate;
            if (_zones[z].Units.Count > 0)
            {
                covered += rate;
            }
        }
        var ledger = LedgerAtNow();
        var nightWeight = ledger.NightWeightUpTo(Now);
        var counted = _incidents.Where(i => i.CreatedAt >= StatsFrom).ToList();
        var responses = counted.Where(i => i.IsAttended).Select(i => i.ResponseMinutes).Order().ToList();
        return (
            weight > 0 ? covered / weight : null,
            nightWeight > 0 ? ledger.NightWeightedCovered / nightWeight : null,
            ReportBuilder.HandlingRate(counted, Scenario),
            Statistics.Percentile(responses, 0.5),
            Statistics.Percentile(responses, 0.9));
    }

    /// <summary>Forecast risk (incidents per hour) of every zone now; 0 for the district zones.</summary>
    public double[] ZoneRiskNow()
    {
        var risk = new double[Scenario.Zones.Count];
        for (var z = 0; z < risk.Length; z++)
        {
            risk[z] = Scenario.Zones[z].IsHotspot ? Risk.Forecast(z, Now) : 0;
        }
        return risk;
    }
}
