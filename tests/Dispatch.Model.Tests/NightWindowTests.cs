using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>The scenario's night window (<c>nightWindow</c>): the night measures' hours and the surge's default window.</summary>
public sealed class NightWindowTests
{
    /// <summary>One nightlife zone N next to the station; a surge of 2 foot units 20:00-02:00 patrols it; no regular patrol, no servable incident.</summary>
    private static ScenarioDocument Night(NightWindowDocument? window, string? surgeFrom = "20:00", string? surgeTo = "02:00") => Document(
        zones: [Zone("N", 100, 0, 100, 2, kind: ZoneKinds.Nightlife), Zone("C", 0, 1000, 100, 1, kind: ZoneKinds.Commercial)],
        units: [Unit("regular", "car")],
        types: [Unservable()],
        queue: false,
        days: 2,
        patrol: new PatrolDocument { Policy = "uniform" },
        surge: new SurgeDocument { From = surgeFrom, To = surgeTo, Units = [Unit("surge", "foot", count: 2)] })
        is var d ? WithWindow(d, window) : d;

    private static ScenarioDocument WithWindow(ScenarioDocument d, NightWindowDocument? window)
    {
        d.NightWindow = window;
        return d;
    }

    private static Report Run(ScenarioDocument document)
    {
        var sim = new Simulator(Build(document), 1);
        sim.RunToEnd();
        return ReportBuilder.Build(sim);
    }

    [Fact]
    public void Night_visibility_counts_the_hours_of_the_scenario_s_window()
    {
        var moved = Run(Night(new NightWindowDocument { From = "20:00", To = "02:00" }));
        var fixedWindow = Run(Night(null));
        var nightlife = (Report r) => r.ByKind.Single(k => k.Kind == ZoneKinds.Nightlife).VisibilityRateNight!.Value;
        // The surge stands in N through 20:00-02:00: nearly all of that window, but only 4 of the 6 hours of 22:00-04:00.
        Assert.True(nightlife(moved) > 0.9, $"{nightlife(moved)}");
        Assert.InRange(nightlife(fixedWindow), 0.5, 0.7);
        Assert.Equal("20:00-02:00", moved.NightWindow);
        Assert.Null(fixedWindow.NightWindow);
    }

    [Fact]
    public void A_surge_without_from_and_to_covers_the_night_window()
    {
        var scenario = Build(Night(new NightWindowDocument { From = "20:00", To = "02:00" }, surgeFrom: null, surgeTo: null));
        Assert.Equal(new SurgeOptions(20 * 60, 2 * 60, scenario.Surge!.ZoneKinds), scenario.Surge);
        Assert.Equal(new Shift(20 * 60, 6 * 60), scenario.Units.First(u => u.IsSurge).Shift);
        Assert.Equal(NightWindow.Default, Build(Night(null, surgeFrom: null, surgeTo: null)).Night);
        Assert.Equal(22 * 60, Build(Night(null, surgeFrom: null, surgeTo: null)).Surge!.FromMinuteOfDay);
    }

    [Theory]
    [InlineData("21:30", "04:00", "nightWindow.from")]
    [InlineData("22:00", "22:00", "nightWindow.to")]
    [InlineData("late", "04:00", "nightWindow.from")]
    public void A_window_of_part_hours_or_no_length_is_refused_with_its_path(string from, string to, string path)
    {
        var (scenario, problems) = ScenarioBuilder.Check(Night(new NightWindowDocument { From = from, To = to }));
        Assert.Null(scenario);
        Assert.Contains(problems, p => p.Location == path);
    }

    [Fact]
    public void The_window_may_cross_midnight_or_not()
    {
        Assert.Equal([22, 23, 0, 1, 2, 3], Enumerable.Range(0, 24).Where(NightWindow.Default.IsNightHour).OrderBy(h => (h + 2) % 24));
        Assert.Equal([1, 2, 3, 4], Enumerable.Range(0, 24).Where(new NightWindow(1, 5).IsNightHour));
    }
}
