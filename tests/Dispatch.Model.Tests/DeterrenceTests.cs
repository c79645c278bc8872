using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Deterrence (震慑力): presence thins a zone's incidents, and the effect fades after the units leave.</summary>
public class DeterrenceTests
{
    /// <summary>
    /// Hotspot H (index 0) around the origin with no incidents of its own; district D (index 1) a
    /// speck 5 km east with rare incidents. Posts at the origin; f = 0.5, residual 30 min.
    /// </summary>
    private static Simulator Posted(List<UnitDocument> units, Dictionary<string, ModeDocument>? modes = null) =>
        new(Build(Document(
            zones: [Zone("H", 0, 0, 100, 0, kind: ZoneKinds.Nightlife), Zone("D", 5000, 0, 1e-4, 0.05)],
            units: units,
            types: [Type("T", 2, Fixed(10))],
            days: 20,
            modes: modes,
            patrol: new PatrolDocument { Policy = "static", DeterrenceFactor = 0.5, ResidualMinutes = 30 })), 7);

    private static double RunToFirstIncident(Simulator sim)
    {
        while (sim.Incidents.Count == 0)
        {
            sim.RunUntil(sim.Now + 1);
        }
        return sim.Incidents[0].CreatedAt;
    }

    /// <summary>
    /// One foot post with visibility 0.8: 1 - 0.5 x 0.8 = 0.6 while present. The first incident in
    /// D pulls it away (72 min on foot, 10 on scene, 72 back): the multiplier then fades linearly,
    /// 1 - 0.5 x 0.8 x (1 - x / 30) x minutes after it left, and is 1 from 30 min on; back on post it is 0.6 again.
    /// </summary>
    [Fact]
    public void Multiplier_is_one_minus_f_visibility_while_present_then_fades_linearly()
    {
        var sim = Posted([Unit("foot", "foot", post: [0, 0])], new() { ["foot"] = new ModeDocument { Visibility = 0.8 } });
        Assert.Equal(0.6, sim.DeterrenceMultiplier(0), 12);
        Assert.Equal(1.0, sim.DeterrenceMultiplier(1)); // the district has no presence
        var t1 = RunToFirstIncident(sim);
        Assert.Equal(t1, sim.Incidents[0].DispatchedAt);
        Assert.Empty(sim.PresentUnits(0));
        foreach (var x in new[] { 1.5, 10, 20, 29 })
        {
            sim.RunUntil(t1 + x);
            Assert.Equal(1 - 0.5 * 0.8 * (1 - x / 30), sim.DeterrenceMultiplier(0), 12);
        }
        sim.RunUntil(t1 + 30);
        Assert.Equal(1.0, sim.DeterrenceMultiplier(0), 12);
        sim.RunUntil(t1 + 100);
        Assert.Equal(1.0, sim.DeterrenceMultiplier(0));
        sim.RunUntil(t1 + 160);
        Assert.Single(sim.Incidents); // precondition: nothing else happened meanwhile
        Assert.Equal(t1 + 72 + 10, sim.Incidents[0].ClearedAt, 5); // the incident is within 0.1 mm of (5000, 0)
        Assert.Equal(UnitStatus.Available, sim.Units[0].Status);
        Assert.Equal(0.6, sim.DeterrenceMultiplier(0), 12);
    }

    /// <summary>
    /// Foot 0.8 + bicycle 0.9 on the same post: min(1, 1.7) = 1, multiplier 0.5. The bicycle is
    /// nearer to D in time (5000 x 1.3 / 250 = 26 min against 72) and goes: 1 - 0.5 x 0.8 = 0.6.
    /// </summary>
    [Fact]
    public void Visibility_sums_over_present_units_capped_at_one()
    {
        var sim = Posted(
            [Unit("foot", "foot", post: [0, 0]), Unit("bike", "bicycle", post: [0, 0])],
            new() { ["foot"] = new ModeDocument { Visibility = 0.8 } });
        Assert.Equal([0, 1], sim.PresentUnits(0));
        Assert.Equal(0.5, sim.DeterrenceMultiplier(0), 12);
        var t1 = RunToFirstIncident(sim);
        Assert.Equal(1, sim.Incidents[0].Unit);
        Assert.Equal([0], sim.PresentUnits(0));
        Assert.Equal(0.6, sim.DeterrenceMultiplier(0), 12);
        sim.RunUntil(t1 + 26 + 10 + 26 + 1);
        Assert.Single(sim.Incidents);
        Assert.Equal(0.5, sim.DeterrenceMultiplier(0), 12);
    }

    /// <summary>
    /// A hotspot at 10/h for 10 days (expected 2400 candidates) with a foot post (visibility 1) at
    /// its centre that never moves (only cars may serve, there are none, queueing off): the
    /// multiplier is 1 - f all the time. Each would-be incident is kept with probability 1 - f
    /// independently, so incidents ~ Poisson((1 - f) 2400): within 4 sd = 4 sqrt((1 - f) 2400) of the
    /// mean. Given N would-be incidents, prevented ~ Binomial(N, f): the report's deterrenceRate
    /// = prevented / N is within 4 sqrt(f (1 - f) / N) of f. And by common random numbers the same
    /// seed with f = 0 has exactly N incidents.
    /// </summary>
    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(0.3, 2)]
    [InlineData(0.8, 3)]
    public void Permanent_post_prevents_a_share_f_of_incidents(double f, long seed)
    {
        Simulator Posted(double factor) => Run(Build(Document(
            zones: [Zone("H", 0, 0, 200, 10, kind: ZoneKinds.Nightlife)],
            units: [Unit("foot", "foot", post: [0, 0])],
            types: [Type("T", 2, Fixed(10), 15, "car")],
            queue: false,
            days: 10,
            seed: seed,
            patrol: new PatrolDocument { Policy = "static", DeterrenceFactor = factor })));
        var sim = Posted(f);
        var report = ReportBuilder.Build(sim);
        var expected = 10.0 * 24 * 10;
        var actual = sim.Incidents.Count;
        var prevented = sim.Prevented[0];
        Assert.InRange(actual, (1 - f) * expected - 4 * Math.Sqrt((1 - f) * expected), (1 - f) * expected + 4 * Math.Sqrt((1 - f) * expected));
        var n = actual + prevented;
        Assert.Equal(prevented, report.Incidents.Prevented);
        Assert.Equal(prevented / (double)n, report.DeterrenceRate!.Value, 6);
        Assert.InRange(report.DeterrenceRate!.Value, f - 4 * Math.Sqrt(f * (1 - f) / n), f + 4 * Math.Sqrt(f * (1 - f) / n));
        Assert.Equal(1 - f, sim.DeterrenceMultiplier(0), 12);

        var bare = Posted(0);
        Assert.Equal(n, bare.Incidents.Count);
        Assert.Equal(0, bare.Prevented[0]);
        Assert.Equal(0.0, ReportBuilder.Build(bare).DeterrenceRate);
        // The incidents that happened under deterrence are a subset of the bare run's, same times.
        var bareTimes = bare.Incidents.Select(i => i.CreatedAt).ToHashSet();
        Assert.All(sim.Incidents, i => Assert.Contains(i.CreatedAt, bareTimes));
    }

    /// <summary>No presence, no deterrence: a hotspot nobody visits keeps every incident.</summary>
    [Fact]
    public void Unvisited_hotspot_prevents_nothing()
    {
        var sim = Run(Build(Document(
            zones: [Zone("H", 0, 0, 200, 10, kind: ZoneKinds.Nightlife)],
            units: [Unit("car", "car")],
            types: [Type("T", 2, Fixed(1), 15, "tactical")],
            queue: false,
            days: 2,
            patrol: new PatrolDocument { Policy = "static", DeterrenceFactor = 0.9 })));
        Assert.Equal(0, sim.Prevented[0]);
        Assert.True(sim.Incidents.Count > 300);
    }
}
