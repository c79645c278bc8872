using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>The incident breakdowns of the report: zones, hours of day and zone kinds, one filler for all.</summary>
public static partial class ReportBuilder
{
    /// <summary>Weighted minutes with a unit visibly present over all weighted minutes of a group.</summary>
    private readonly record struct Coverage(double Covered, double Weight)
    {
        public double? Rate => Ratio(Covered, Weight);
    }

    /// <summary>The figures of one group of incidents, with the group's coverage where it is defined.</summary>
    private static BreakdownFigures Figures(IncidentTotals.Group group,
        Coverage? visibility, Coverage? night = null, double? prevented = null) => new()
    {
        Incidents = group.Count,
        Prevented = prevented,
        VisibilityRate = visibility?.Rate,
        VisibilityRateNight = night?.Rate,
        // Summed in id order over the attended ones, as the mean of their responses always was.
        ResponseMinutesMean = group.Attended == 0 ? null : Round(group.ResponseSum / group.Attended),
        HandlingRate = HandlingRate(group.Handled, group.Count),
    };

    private static List<ZoneReport> Zones(Simulator sim, PresenceLedger ledger, IncidentTotals t)
    {
        var responses = t.SortedResponsesByZone();
        return sim.Scenario.Zones.Select(z => new ZoneReport(Figures(t.ByZone[z.Index],
            z.IsHotspot ? new Coverage(ledger.WeightedCovered[z.Index], ledger.WeightTotal[z.Index]) : null,
            z.IsHotspot ? new Coverage(ledger.NightWeightedCoveredByZone[z.Index], ledger.NightWeightTotalByZone[z.Index]) : null,
            sim.Prevented[z.Index]) with { ResponseMinutesP90 = Round(Statistics.Percentile(responses[z.Index], 0.90)) })
        {
            Id = z.Id,
            Kind = z.Kind,
        }).ToList();
    }

    private static List<HourReport> Hours(PresenceLedger ledger, IncidentTotals t) =>
        Enumerable.Range(0, 24).Select(h => new HourReport(Figures(t.ByHour[h],
            new Coverage(ledger.HourWeightedCovered[h], ledger.HourWeightTotal[h])))
        {
            Hour = h,
        }).ToList();

    private static List<KindReport> Kinds(Scenario scenario, PresenceLedger ledger, IncidentTotals t)
    {
        var kinds = scenario.Zones.GroupBy(z => z.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        return kinds.Select(g =>
        {
            var hotspot = g.First().IsHotspot;
            // Summed over the kind's zones in scenario order, as before.
            Coverage Sum(double[] covered, double[] weight)
            {
                double c = 0, w = 0;
                foreach (var zone in g)
                {
                    c += covered[zone.Index];
                }
                foreach (var zone in g)
                {
                    w += weight[zone.Index];
                }
                return new Coverage(c, w);
            }
            return new KindReport(Figures(t.ByKind[Array.IndexOf(t.Kinds, g.Key)],
                hotspot ? Sum(ledger.WeightedCovered, ledger.WeightTotal) : null,
                hotspot ? Sum(ledger.NightWeightedCoveredByZone, ledger.NightWeightTotalByZone) : null))
            {
                Kind = g.Key,
                Zones = g.Count(),
            };
        }).ToList();
    }
}
