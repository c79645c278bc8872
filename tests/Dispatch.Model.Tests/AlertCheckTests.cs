using Dispatch.Model.Geometry;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Alert-guided checks (预警导查): a risk spike sends the nearest free unit to look.</summary>
public class AlertCheckTests
{
    /// <summary>
    /// Hotspot H (2/h) around the origin; every incident in it is within 71 m of the centroid, so it
    /// lifts H's risk to 2 + 0.5 = 2.5 >= the threshold 2.4. A car waits at the station 1 km away
    /// (2.8 min); no unit can serve the incidents, so only checks move it.
    /// </summary>
    [Fact]
    public void An_incident_lifting_risk_over_the_threshold_sends_the_nearest_unit_to_check()
    {
        var scenario = Build(Document(
            zones: [Zone("H", 0, 0, 100, 2, kind: ZoneKinds.Nightlife)],
            units: [Unit("car", "car")],
            stations: [Station("S", 1000, 0)],
            types: [Unservable()],
            queue: false,
            days: 1,
            seed: 2,
            patrol: new PatrolDocument
            {
                Policy = "static", AlertThreshold = 2.4, AlertCooldownMinutes = 60, CheckMinutes = 15, DeterrenceFactor = 0,
                NearRepeatWeight = 0.5, NearRepeatRadiusMetres = 300,
            }));
        var sim = new Simulator(scenario, 2);
        var trace = Trace(sim, 0, 1440, step: 0.05);
        var checks = trace.Where(s => s.Status == UnitStatus.Check && s.Moving).ToList();
        Assert.True(checks.Count >= 3, $"{checks.Count} checks");
        foreach (var check in checks)
        {
            // Sent at the very moment of an incident in H.
            Assert.Single(sim.Incidents, i => i.CreatedAt == check.Since);
            Assert.Equal(new Point2(0, 0), check.Destination);
            Assert.Equal(0, check.TargetZone);
            var k = trace.IndexOf(check);
            // From the station (precondition: the previous check and return were over): 2.8 min.
            Assert.Equal(check.Since + 2.8, check.LegEndsAt, 9);
            Assert.Equal(UnitStatus.Check, trace[k + 1].Status);
            Assert.False(trace[k + 1].Moving);
            Assert.Equal(check.LegEndsAt, trace[k + 1].Since);
            // Stands 15 minutes, then goes back to the station.
            if (k + 2 >= trace.Count)
            {
                continue; // still standing at the end of the run
            }
            Assert.Equal(UnitStatus.Returning, trace[k + 2].Status);
            Assert.Equal(trace[k + 1].Since + 15, trace[k + 2].Since, 9);
        }
        // Every incident more than 60 min after the previous check (and with the car free) triggers one.
        var last = double.NegativeInfinity;
        foreach (var incident in sim.Incidents)
        {
            if (incident.CreatedAt - last >= 60)
            {
                Assert.Contains(checks, c => c.Since == incident.CreatedAt);
                last = incident.CreatedAt;
            }
            else
            {
                Assert.DoesNotContain(checks, c => c.Since == incident.CreatedAt);
            }
        }
        var report = ReportBuilder.Build(sim);
        Assert.Equal(checks.Count, report.Checks);
        // H is covered only while the car stands there: 15 minutes per check (the run may end during one).
        var standing = trace.Where(s => s.Status == UnitStatus.Check && !s.Moving).Sum(s => Math.Min(s.Since + 15, sim.Now) - s.Since);
        Assert.Equal(standing, sim.LedgerAtNow().CoveredMinutes[0], 6);
        Assert.Equal(standing + 2.8 * checks.Count, report.Units[0].Minutes.Check, 5);
    }
}
