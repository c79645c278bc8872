using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using Xunit.Abstractions;

namespace Dispatch.Model.Tests;

/// <summary>The district's default scenario pair (scenarios/pengjiang*.json): what the night surge buys and what it costs.</summary>
public sealed class DefaultScenarioTests(ITestOutputHelper output)
{
    private static readonly string[] SurgeKinds = [ZoneKinds.Nightlife, ZoneKinds.NightFood];

    [Fact]
    public void The_night_surge_raises_night_visibility_in_nightlife_zones_over_several_seeds_and_the_cost_elsewhere_is_reported()
    {
        var surge = ScenarioLoader.Load(ValidationTestKit.Scenario("pengjiang.json"));
        var plain = ScenarioLoader.Load(ValidationTestKit.Scenario("pengjiang-no-surge.json"));
        Assert.NotNull(surge.Surge);
        Assert.Null(plain.Surge);
        Assert.Equal(12, surge.Units.Count(u => u.IsSurge));
        foreach (var seed in new long[] { 1, 2, 3 })
        {
            var with = Run(surge, seed);
            var without = Run(plain, seed);
            var nightWith = NightVisibility(with);
            var nightWithout = NightVisibility(without);
            var elsewhereWith = ResponseElsewhere(with);
            var elsewhereWithout = ResponseElsewhere(without);
            output.WriteLine($"seed {seed}: nightlife+night-food visibility 22-04h {nightWithout:0.000} -> {nightWith:0.000}; " +
                $"response outside those zones {elsewhereWithout:0.00} -> {elsewhereWith:0.00} min; overall response {without.ResponseMinutes.Mean:0.00} -> {with.ResponseMinutes.Mean:0.00}");
            // 12 extra units standing in ~28 zones for six hours a night: a gain of several points, far above the noise of one seed.
            Assert.True(nightWith > nightWithout + 0.02, $"seed {seed}: {nightWith} vs {nightWithout}");
            Assert.NotNull(elsewhereWith);
            Assert.NotNull(elsewhereWithout);
            // Common random numbers: the would-be incidents are the same, so any difference in counts comes from deterrence.
            Assert.Equal(without.Incidents.Total + without.Incidents.Prevented, with.Incidents.Total + with.Incidents.Prevented);
        }
    }

    private static Report Run(Scenario scenario, long seed)
    {
        var sim = new Simulator(scenario, seed, days: 2);
        sim.RunToEnd();
        return ReportBuilder.Build(sim);
    }

    private static double NightVisibility(Report report)
    {
        var zones = report.Zones.Where(z => SurgeKinds.Contains(z.Kind) && z.VisibilityRateNight is not null).ToList();
        return zones.Average(z => z.VisibilityRateNight!.Value);
    }

    private static double? ResponseElsewhere(Report report) =>
        report.ByKind.Where(k => !SurgeKinds.Contains(k.Kind) && k.ResponseMinutesMean is not null)
            .Select(k => (k.ResponseMinutesMean!.Value * k.Incidents, k.Incidents)).ToList() is { Count: > 0 } parts
            ? parts.Sum(p => p.Item1) / parts.Sum(p => p.Item2)
            : null;
}
