using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>The cost of a run: unit-hours and officer-hours on duty (report.json <c>cost</c>, docs/metrics.md "Cost").</summary>
public sealed class CostTests
{
    /// <summary>A week with a regular car all day and 12 surge foot units 22:00-04:00 that no incident can take.</summary>
    private static Report Week(Dictionary<string, ModeDocument>? modes = null)
    {
        var scenario = Build(Document(
            zones: [Zone("N", 1000, 0, 100, 2, kind: ZoneKinds.Nightlife), Zone("C", 0, 1000, 100, 1, kind: ZoneKinds.Commercial)],
            units: [Unit("regular", "car")],
            types: [Unservable()],
            queue: false,
            days: 7,
            modes: modes,
            patrol: new PatrolDocument { Policy = "uniform" },
            surge: new SurgeDocument { Units = [Unit("surge", "foot", count: 12)] }));
        var sim = new Simulator(scenario, 1);
        sim.RunToEnd();
        return ReportBuilder.Build(sim);
    }

    [Fact]
    public void The_night_surge_costs_504_unit_hours_a_week()
    {
        var cost = Week().Cost!;
        // 12 units x 6 h x 7 days.
        Assert.Equal(504, cost.SurgeUnitHours!.Value, 6);
        Assert.Equal(504 + 7 * 24, cost.UnitHours, 6);
        Assert.Equal(504, cost.ByMode.Single(m => m.Mode == "foot").UnitHours, 6);
        Assert.Equal(168, cost.ByMode.Single(m => m.Mode == "car").UnitHours, 6);
        // By hour: the surge's 12 units in 22:00-04:00 on each of the 7 days, the car in every hour.
        foreach (var hour in cost.ByHour)
        {
            var surge = hour.Hour is >= 22 or < 4 ? 12 : 0;
            Assert.Equal((surge + 1) * 7, hour.UnitHours, 6);
        }
        Assert.Equal(cost.UnitHours, cost.ByStation.Sum(s => s.UnitHours), 6);
    }

    [Fact]
    public void Officer_hours_count_the_crew_of_each_mode()
    {
        var cost = Week(new() { ["car"] = new ModeDocument { Officers = 2 } }).Cost!;
        Assert.Equal(504 + 2 * 168, cost.OfficerHours, 6);
        Assert.Equal(336, cost.ByMode.Single(m => m.Mode == "car").OfficerHours, 6);
        Assert.Equal(168, cost.ByMode.Single(m => m.Mode == "car").UnitHours, 6);
    }

    [Fact]
    public void The_shipped_surge_is_at_least_504_unit_hours_a_week_overtime_on_jobs_included()
    {
        var scenario = ScenarioLoader.Load(ValidationTestKit.Scenario("pengjiang.json"));
        var sim = new Simulator(scenario, 1, days: 7);
        sim.RunToEnd();
        var cost = ReportBuilder.Build(sim).Cost!;
        Assert.InRange(cost.SurgeUnitHours!.Value, 504, 504 * 1.05);
        Assert.Equal(cost.UnitHours, cost.ByHour.Sum(h => h.UnitHours), 3);
    }

    [Fact]
    public void A_crew_outside_1_to_20_is_refused_with_its_path()
    {
        var (scenario, problems) = ScenarioBuilder.Check(Document(
            zones: [Zone("C", 0, 1000, 100, 1)], units: [Unit("regular", "car")],
            modes: new() { ["car"] = new ModeDocument { Officers = 0 } }));
        Assert.Null(scenario);
        Assert.Contains(problems, p => p.Location == "modes.car.officers");
    }
}
