using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>A kernel made without <c>keepIncidents</c> (a run's grain) holds only the incidents not yet final, and reports the same.</summary>
public class BoundedIncidentsTests
{
    private static Scenarios.Scenario Busy(int days) => Build(Document(
        zones: [Zone("A", 0, 0, 800, 4, kind: Scenarios.ZoneKinds.Commercial), Zone("D", 0, 0, 4000, 6)],
        units: [Unit("car", "car", count: 4)],
        types: [Type("T", 2, Exponential(20))],
        days: days,
        seed: 5));

    [Fact]
    public void The_kernel_holds_only_open_incidents_however_long_the_run()
    {
        foreach (var days in new[] { 20, 200 })
        {
            var scenario = Busy(days);
            var sim = new Simulator(scenario, scenario.Seed, keepIncidents: false);
            sim.RunToEnd();
            Assert.True(sim.IncidentCount > 2000 * days / 20, $"{sim.IncidentCount} incidents");
            // Only the incidents from the oldest open one on: a few, not one per incident of the run.
            Assert.InRange(sim.UnretiredIncidents.Count(), 0, 100);
            Assert.Throws<InvalidOperationException>(() => sim.Incidents);
        }
    }

    [Fact]
    public void The_report_from_totals_is_the_report_of_every_record()
    {
        var scenario = Busy(20);
        var kept = new Simulator(scenario, scenario.Seed);
        var bounded = new Simulator(scenario, scenario.Seed, keepIncidents: false);
        kept.RunUntil(10_000);
        bounded.RunUntil(10_000);
        var report = ReportBuilder.Build(bounded);
        Assert.Equal(ReportJson.Serialize(ReportBuilder.Build(kept)), ReportJson.Serialize(report));
        // Worked out from the records as the report once was: sums in id order, percentiles of the sorted responses.
        var attended = kept.Incidents.Where(i => i.IsAttended).ToList();
        var sorted = attended.Select(i => i.ResponseMinutes).Order().ToList();
        Assert.Equal(ReportBuilder.Round(Statistics.Percentile(sorted, 0.9)), report.ResponseMinutes.P90);
        Assert.Equal(ReportBuilder.Round(Statistics.Mean(attended.Select(i => i.TravelMinutes).ToList())), report.TravelMinutes.Mean);
        for (var z = 0; z < scenario.Zones.Count; z++)
        {
            var mine = attended.Where(i => i.Zone == z).Select(i => i.ResponseMinutes).ToArray();
            Assert.Equal(ReportBuilder.Round(Statistics.Mean(mine)), report.Zones[z].ResponseMinutesMean);
        }
    }
}
