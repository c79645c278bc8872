using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Report figures on a case small enough to compute every incident's timeline by hand.</summary>
public class ReportTests
{
    private const double Days = 10;

    /// <summary>
    /// One car at the station (0, 0). Zone A is a 0.1 mm square at (1000, 0): 1000 x 1.4 / 500 =
    /// 2.8 min away. Zone B at (3000, 0): 8.4 min. Fixed 10 min on scene, target 5 min. Rates are
    /// low enough that with this seed every incident finds the car at the station (checked).
    /// </summary>
    private static Simulator HandCase() => Run(Build(Document(
        zones: [Zone("A", 1000, 0, 1e-4, 0.04), Zone("B", 3000, 0, 1e-4, 0.04)],
        units: [Unit("car", "car")],
        types: [Type("T", 2, Fixed(10), target: 5)],
        days: (int)Days,
        seed: 2)));

    [Fact]
    public void Every_timeline_is_as_computed_by_hand()
    {
        var sim = HandCase();
        var incidents = sim.Incidents;
        Assert.True(incidents.Count(i => i.Zone == 0) >= 3 && incidents.Count(i => i.Zone == 1) >= 3);
        for (var k = 0; k < incidents.Count; k++)
        {
            var i = incidents[k];
            var travel = i.Zone == 0 ? 2.8 : 8.4;
            if (k > 0)
            {
                // Precondition of the hand computation: the car was back at the station.
                var previous = incidents[k - 1];
                Assert.True(i.CreatedAt > previous.ClearedAt + (previous.Zone == 0 ? 2.8 : 8.4), $"incident {k} overlaps");
            }
            Assert.Equal(i.CreatedAt, i.DispatchedAt);
            Assert.Equal(i.CreatedAt + travel, i.ArrivedAt, 1e-5);
            Assert.Equal(i.ArrivedAt + 10, i.ClearedAt, 9);
            Assert.Equal(IncidentOutcome.Cleared, i.Outcome);
        }
    }

    [Fact]
    public void Response_handling_and_utilisation_are_as_computed_by_hand()
    {
        var sim = HandCase();
        var report = ReportBuilder.Build(sim);
        double nA = sim.Incidents.Count(i => i.Zone == 0);
        double nB = sim.Incidents.Count(i => i.Zone == 1);
        var n = nA + nB;
        var travel = 2.8 * nA + 8.4 * nB;

        Assert.Equal(n, report.Incidents.Total);
        Assert.Equal(n, report.Incidents.Attended);
        Assert.Equal(n, report.Incidents.Cleared);
        Assert.Equal(0.0, report.Incidents.Unattended);
        Assert.Equal(travel / n, report.ResponseMinutes.Mean!.Value, 1e-5);
        Assert.Equal(0.0, report.ResponseMinutes.Within1);
        Assert.Equal(nA / n, report.ResponseMinutes.Within3!.Value, 2e-6);
        Assert.Equal(nA / n, report.ResponseMinutes.Within5!.Value, 2e-6);
        // Zone A is inside the 5 min target, zone B never is.
        Assert.Equal(nA / n, report.HandlingRate!.Value, 2e-6);
        Assert.Equal(0.0, report.QueueWaitMinutes.Mean);
        Assert.Equal(0.0, report.QueueWaitMinutes.ProbWait);
        Assert.Equal(0.0, report.QueueWaitMinutes.MeanQueueLength);
        Assert.Equal(travel / n, report.TravelMinutes.Mean!.Value, 1e-5);
        Assert.Equal(10.0, report.OnSceneMinutes.Mean!.Value, 9);

        // Busy = en route + on scene (returning is free): (10 n + travel) / (10 x 1440).
        var unit = report.Units.Single();
        Assert.Equal((10 * n + travel) / (Days * 1440), unit.Utilisation!.Value, 2e-6);
        Assert.Equal(unit.Utilisation, report.ByMode.Single().Utilisation);
        Assert.Equal(n, unit.Dispatches);
        Assert.Equal(travel, unit.Minutes.EnRoute, 1e-5);
        Assert.Equal(travel, unit.Minutes.Returning, 1e-5);
        Assert.Equal(10 * n, unit.Minutes.OnScene, 2e-6);
        Assert.Equal(Days * 1440 - 2 * travel - 10 * n, unit.Minutes.Idle, 1e-5);
        Assert.Equal(0.0, unit.Minutes.OffShift);

        var (zoneA, zoneB) = (report.Zones[0], report.Zones[1]);
        Assert.Equal((nA, 1.0), (zoneA.Incidents, zoneA.HandlingRate!.Value));
        Assert.Equal((nB, 0.0), (zoneB.Incidents, zoneB.HandlingRate!.Value));
        Assert.Equal(2.8, zoneA.ResponseMinutesMean!.Value, 1e-5);
        Assert.Equal(8.4, zoneB.ResponseMinutesMean!.Value, 1e-5);
        // Every response of a zone is the same here, so is its P90.
        Assert.Equal(2.8, zoneA.ResponseMinutesP90!.Value, 1e-5);
        Assert.Equal(8.4, zoneB.ResponseMinutesP90!.Value, 1e-5);
        Assert.All(report.ByHour, h => Assert.Null(h.ResponseMinutesP90));
        var priority = report.ByPriority.Single();
        Assert.Equal((2, n, 5.0), (priority.Priority, priority.Incidents, priority.TargetMinutes!.Value));
        Assert.Equal(n, report.ByHour.Sum(h => h.Incidents));
    }

    [Fact]
    public void Waiting_incident_counts_in_the_response_and_the_wait()
    {
        // Everything at one point (0.1 mm zone around the car's post): travel ~ 0. The only unit
        // is on duty from 08:00, incidents arrive 03:00-04:00 and take 30 min each: the k-th
        // (from 0) is sent at 480 + 30 k and waits 480 + 30 k - createdAt.
        var hour = Enumerable.Range(0, 24).Select(h => h == 3 ? 1.0 : 0.0).ToArray();
        var sim = Run(Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 3, hour: hour)],
            units: [Unit("car", "car", post: [0, 0], shift: new() { Start = "08:00", Hours = 8 })],
            types: [Type("T", 2, Fixed(30), target: 300)],
            seed: 6)));
        var incidents = sim.Incidents;
        Assert.True(incidents.Count >= 2);
        var waits = incidents.Select((i, k) => 480 + 30.0 * k - i.CreatedAt).ToList();
        var report = ReportBuilder.Build(sim);
        Assert.Equal(waits.Average(), report.QueueWaitMinutes.Mean!.Value, 1e-5);
        Assert.Equal(waits.Average(), report.ResponseMinutes.Mean!.Value, 1e-5);
        Assert.Equal(1.0, report.QueueWaitMinutes.ProbWait);
        // Handling: attended within 300 min of creation.
        Assert.Equal(waits.Count(w => w <= 300) / (double)waits.Count, report.HandlingRate!.Value, 2e-6);
        // Time-average queue length: each incident is in the queue for its wait, over 1440 min.
        Assert.Equal(waits.Sum() / 1440, report.QueueWaitMinutes.MeanQueueLength!.Value, 1e-5);
    }

    [Fact]
    public void Aggregate_is_the_mean_with_a_t_interval_and_json_round_trips()
    {
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 3000, 4)],
            units: [Unit("car", "car", count: 2)],
            types: [Type("T", 2, Exponential(30), target: 8)],
            days: 3));
        var reports = Enumerable.Range(0, 3).Select(r => ReportBuilder.Build(Run(scenario, replication: r))).ToList();
        var aggregate = ReportJson.Aggregate(reports);
        var means = reports.Select(r => r.ResponseMinutes.Mean!.Value).ToList();
        Assert.Equal(3, aggregate.Replications);
        Assert.Equal(ReportBuilder.Round(means.Average()), aggregate.ResponseMinutes.Mean!.Value, 2e-6);
        Assert.Equal(ReportBuilder.Round(Statistics.Ci95HalfWidth(means)), aggregate.Ci95HalfWidth!["responseMinutes.mean"]);
        Assert.Equal(reports.Average(r => r.Incidents.Total), aggregate.Incidents.Total, 2e-6);

        var json = ReportJson.Serialize(reports[0]);
        Assert.Equal(json, ReportJson.Serialize(ReportJson.Deserialize(json)));
        // The source-generated writer gives the reflection-based serializer's text.
        foreach (var report in reports.Append(aggregate))
        {
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(report, ReportJson.Options) + "\n", ReportJson.Serialize(report));
        }
    }
}
