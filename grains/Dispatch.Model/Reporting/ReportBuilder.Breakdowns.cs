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

    /// <summary>
    /// The figures of one group of incidents (their order kept, so every mean is the same sum in
    /// the same order), with the group's coverage where it is defined.
    /// </summary>
    private static BreakdownFigures Figures(List<IncidentRecord> incidents, Scenario scenario,
        Coverage? visibility, Coverage? night = null, double? prevented = null) => new()
    {
        Incidents = incidents.Count,
        Prevented = prevented,
        VisibilityRate = visibility?.Rate,
        VisibilityRateNight = night?.Rate,
        ResponseMinutesMean = MeanResponse(incidents),
        HandlingRate = HandlingRate(incidents, scenario),
    };

    private static List<ZoneReport> Zones(Simulator sim, PresenceLedger ledger, List<IncidentRecord> incidents)
    {
        var scenario = sim.Scenario;
        // Grouped once, not filtered once per zone; each group keeps the incidents' order.
        var byZone = GroupBy(incidents, scenario.Zones.Count, i => i.Zone);
        return scenario.Zones.Select(z => new ZoneReport(Figures(byZone[z.Index], scenario,
            z.IsHotspot ? new Coverage(ledger.WeightedCovered[z.Index], ledger.WeightTotal[z.Index]) : null,
            z.IsHotspot ? new Coverage(ledger.NightWeightedCoveredByZone[z.Index], ledger.NightWeightTotalByZone[z.Index]) : null,
            sim.Prevented[z.Index]) with { ResponseMinutesP90 = P90Response(byZone[z.Index]) })
        {
            Id = z.Id,
            Kind = z.Kind,
        }).ToList();
    }

    private static List<HourReport> Hours(Scenario scenario, PresenceLedger ledger, List<IncidentRecord> incidents)
    {
        var byHour = GroupBy(incidents, 24, i => scenario.HourOfDay(i.CreatedAt));
        return Enumerable.Range(0, 24).Select(h => new HourReport(Figures(byHour[h], scenario,
            new Coverage(ledger.HourWeightedCovered[h], ledger.HourWeightTotal[h])))
        {
            Hour = h,
        }).ToList();
    }

    private static List<KindReport> Kinds(Scenario scenario, PresenceLedger ledger, List<IncidentRecord> incidents)
    {
        var kinds = scenario.Zones.GroupBy(z => z.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var kindOfZone = new int[scenario.Zones.Count];
        for (var k = 0; k < kinds.Count; k++)
        {
            foreach (var zone in kinds[k])
            {
                kindOfZone[zone.Index] = k;
            }
        }
        var byKind = GroupBy(incidents, kinds.Count, i => kindOfZone[i.Zone]);
        return kinds.Select((g, k) =>
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
            return new KindReport(Figures(byKind[k], scenario,
                hotspot ? Sum(ledger.WeightedCovered, ledger.WeightTotal) : null,
                hotspot ? Sum(ledger.NightWeightedCoveredByZone, ledger.NightWeightTotalByZone) : null))
            {
                Kind = g.Key,
                Zones = g.Count(),
            };
        }).ToList();
    }

    /// <summary>The incidents split by a key from 0 to <paramref name="groups"/> - 1, each group in the incidents' order.</summary>
    private static List<IncidentRecord>[] GroupBy(List<IncidentRecord> incidents, int groups, Func<IncidentRecord, int> key)
    {
        // Keys first, to size each group exactly.
        var keys = new int[incidents.Count];
        var sizes = new int[groups];
        for (var k = 0; k < keys.Length; k++)
        {
            keys[k] = key(incidents[k]);
            sizes[keys[k]]++;
        }
        var result = new List<IncidentRecord>[groups];
        for (var g = 0; g < groups; g++)
        {
            result[g] = new List<IncidentRecord>(sizes[g]);
        }
        for (var k = 0; k < keys.Length; k++)
        {
            result[keys[k]].Add(incidents[k]);
        }
        return result;
    }

    /// <summary>The mean response of the attended incidents (summed in the incidents' order), or null.</summary>
    private static double? MeanResponse(List<IncidentRecord> incidents) => Round(Statistics.Mean(Responses(incidents)));

    /// <summary>The 90th percentile response of the attended incidents (as <c>responseMinutes.p90</c>), or null.</summary>
    private static double? P90Response(List<IncidentRecord> incidents)
    {
        var responses = Responses(incidents);
        Array.Sort(responses);
        return Round(Statistics.Percentile(responses, 0.90));
    }

    /// <summary>The responses of the attended incidents, in the incidents' order.</summary>
    private static double[] Responses(List<IncidentRecord> incidents)
    {
        var responses = new double[CountAttended(incidents)];
        var n = 0;
        foreach (var i in incidents)
        {
            if (i.IsAttended)
            {
                responses[n++] = i.ResponseMinutes;
            }
        }
        return responses;
    }
}
