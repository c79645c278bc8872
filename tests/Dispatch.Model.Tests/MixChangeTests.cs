using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Tests;

/// <summary>The mix-change warning of compare and the reasons for a missing interval.</summary>
public sealed class MixChangeTests
{
    private static List<Report> Runs(string file, int replications)
    {
        var scenario = ScenarioLoader.Load(ValidationTestKit.Scenario(file));
        return Enumerable.Range(0, replications).Select(r =>
        {
            var sim = new Simulator(scenario, 2023, days: 2, replication: r);
            sim.RunToEnd();
            return ReportBuilder.Build(sim);
        }).ToList();
    }

    [Fact]
    public void The_surge_pair_warns_of_a_changed_mix_with_the_nightlife_figures_and_prices_its_effects_per_unit_hour()
    {
        var a = Runs("pengjiang-no-surge.json", 2);
        var b = Runs("pengjiang.json", 2);
        var mix = MixChange.Of(ReportAggregate(a), ReportAggregate(b));
        Assert.NotNull(mix);
        // The surge deters incidents where it stands: the night kinds lose share of the incidents.
        var nightKinds = mix!.Kinds.Where(k => k.Kind is ZoneKinds.Nightlife or ZoneKinds.NightFood).ToList();
        Assert.Equal(2, nightKinds.Count);
        Assert.True(nightKinds.Sum(k => k.IncidentsB) < nightKinds.Sum(k => k.IncidentsA));
        Assert.NotNull(mix.ResponseBAtMixOfA);

        var measures = Comparison.Compare(a, b);
        var cost = measures.Single(m => m.Name == "cost.unitHours");
        // 12 surge units x 6 h x 2 days, overtime on jobs aside; the regular units' overtime moves a little either way.
        Assert.All(b, r => Assert.InRange(r.Cost!.SurgeUnitHours!.Value, 144, 144 * 1.05));
        Assert.InRange(cost.Difference!.Value, 144 * 0.9, 144 * 1.1);
        foreach (var m in measures.Where(m => m.Significant && m.Name != "cost.unitHours" && m.Name != "cost.officerHours"))
        {
            Assert.Equal(m.Difference!.Value / cost.Difference.Value * 100, m.PerHundredUnitHours!.Value, 4);
        }
    }

    [Fact]
    public void A_measure_undefined_on_one_side_says_so_and_why_rather_than_blaming_one_replication()
    {
        var reports = Runs("pengjiang-no-surge.json", 2);
        var undefined = reports.Select(r => r with { PrecisionRate = null }).ToList();
        var precision = Comparison.Compare(undefined, reports).Single(m => m.Name == "precisionRate");
        Assert.Equal("not defined for A: no unit patrols (the static patrol policy)", precision.Verdict);
        var one = Comparison.Compare(reports.Take(1).ToList(), reports.Skip(1).ToList()).Single(m => m.Name == "precisionRate");
        Assert.Equal("no interval (one replication)", one.Verdict);
    }

    [Fact]
    public void The_same_scenario_has_no_mix_change()
    {
        var a = Runs("pengjiang.json", 1);
        Assert.Null(MixChange.Of(a[0], a[0]));
    }

    private static Report ReportAggregate(List<Report> reports) => ReportJson.Aggregate(reports);
}
