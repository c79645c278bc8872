using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Discovery (发现力): incidents found on view by a unit present in the zone.</summary>
public class DiscoveryTests
{
    /// <summary>
    /// Hotspot H: a 1 m square at the origin with a foot post at its centre (always present). A car
    /// waits at the station 3 km away (not visible). On scene 0.01 min, so the post is almost never
    /// busy when an incident arises. No deterrence, so the post does not thin the incidents.
    /// </summary>
    private static Simulator Watched(double onView, double ratePerHour, int days, long seed) => Run(Build(Document(
        zones: [Zone("H", 0, 0, 1, ratePerHour, kind: ZoneKinds.Nightlife)],
        units: [Unit("post", "foot", post: [0, 0]), Unit("car", "car")],
        stations: [Station("S", 3000, 0)],
        types: [new IncidentTypeDocument { Id = "T", Priority = 2, TargetResponseMinutes = 15, OnScene = Fixed(0.01), OnViewProbability = onView }],
        days: days,
        seed: seed,
        patrol: new PatrolDocument { Policy = "static", DeterrenceFactor = 0 })));

    [Fact]
    public void With_probability_one_every_incident_is_found_by_the_unit_present()
    {
        var sim = Watched(1, 0.5, 4, 11);
        Assert.True(sim.Incidents.Count >= 30, $"{sim.Incidents.Count} incidents");
        for (var k = 0; k < sim.Incidents.Count; k++)
        {
            var i = sim.Incidents[k];
            if (k > 0)
            {
                // Precondition: the post was back and free when the incident arose.
                Assert.True(i.CreatedAt > sim.Incidents[k - 1].ClearedAt + 0.001);
            }
            Assert.True(i.DiscoveredOnView);
            Assert.Equal(0, i.Unit);
            Assert.Equal(i.CreatedAt, i.DispatchedAt);
        }
        var report = ReportBuilder.Build(sim);
        Assert.Equal(1.0, report.DiscoveryRate);
        Assert.Equal(sim.Incidents.Count, report.Incidents.DiscoveredOnView);
    }

    [Fact]
    public void With_probability_zero_nothing_is_found_on_view()
    {
        var sim = Watched(0, 0.5, 4, 11);
        Assert.All(sim.Incidents, i => Assert.False(i.DiscoveredOnView));
        // Dispatched the ordinary way, to the nearest unit, which is the post anyway.
        Assert.All(sim.Incidents, i => Assert.Equal(0, i.Unit));
        Assert.Equal(0.0, ReportBuilder.Build(sim).DiscoveryRate);
    }

    /// <summary>
    /// With probability p each incident is found on view independently (its own uniform draw), the
    /// post being free (busy at most 0.01 min x 6/h = 0.1% of the time): the share is within
    /// 4 sqrt(p (1 - p) / n) of p. The draws are common random numbers, so what is found with
    /// p = 0.3 is also found with p = 0.6 (same seed).
    /// </summary>
    [Fact]
    public void With_probability_p_the_share_found_is_p()
    {
        var low = Watched(0.3, 6, 15, 12);
        var high = Watched(0.6, 6, 15, 12);
        foreach (var (sim, p) in new[] { (low, 0.3), (high, 0.6) })
        {
            var n = sim.Incidents.Count;
            Assert.True(n > 1800, $"{n} incidents");
            var found = sim.Incidents.Count(i => i.DiscoveredOnView);
            var report = ReportBuilder.Build(sim);
            Assert.Equal(found / (double)n, report.DiscoveryRate!.Value, 6);
            Assert.InRange(found / (double)n, p - 4 * Math.Sqrt(p * (1 - p) / n), p + 4 * Math.Sqrt(p * (1 - p) / n));
        }
        Assert.Equal(low.Incidents.Count, high.Incidents.Count);
        Assert.All(low.Incidents.Where(i => i.DiscoveredOnView), i => Assert.True(high.Incidents[i.Id].DiscoveredOnView));
    }

    /// <summary>A unit present but unable to serve the type (a foot post, a car-only type) does not find it.</summary>
    [Fact]
    public void Only_a_capable_unit_finds_an_incident()
    {
        var sim = Run(Build(Document(
            zones: [Zone("H", 0, 0, 1, 0.5, kind: ZoneKinds.Nightlife)],
            units: [Unit("post", "foot", post: [0, 0]), Unit("car", "car")],
            stations: [Station("S", 3000, 0)],
            types: [new IncidentTypeDocument { Id = "T", Priority = 2, TargetResponseMinutes = 15, OnScene = Fixed(1), OnViewProbability = 1, Modes = ["car"] }],
            days: 2,
            seed: 11,
            patrol: new PatrolDocument { Policy = "static" })));
        Assert.NotEmpty(sim.Incidents);
        Assert.All(sim.Incidents, i => Assert.False(i.DiscoveredOnView));
        Assert.All(sim.Incidents, i => Assert.Equal(1, i.Unit));
    }
}
