using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>The night surge's deployment: the units' shift window and their beats.</summary>
public class NightSurgeTests
{
    [Fact]
    public void The_window_runs_from_to_across_midnight_and_is_the_whole_day_when_empty()
    {
        Assert.Equal(new Shift(1320, 360), NightSurge.Window(1320, 240));
        Assert.Equal(new Shift(60, 120), NightSurge.Window(60, 180));
        Assert.Equal(0, NightSurge.DurationMinutes(600, 600));
        Assert.Equal(new Shift(600, 1440), NightSurge.Window(600, 600));
    }

    [Fact]
    public void A_unit_patrols_the_surge_zones_of_its_own_sector_or_all_of_them()
    {
        // Stations W (0, 0) and E (10000, 0); nightlife at 1000 and 3000 (W's sector), night food at
        // 9000 (E's), a commercial hotspot at 2000 and the district zone around everything.
        var scenario = Build(Document(
            zones:
            [
                Zone("n1", 1000, 0, 100, 1, kind: ZoneKinds.Nightlife),
                Zone("c", 2000, 0, 100, 1, kind: ZoneKinds.Commercial),
                Zone("n2", 3000, 0, 100, 1, kind: ZoneKinds.Nightlife),
                Zone("f", 9000, 0, 100, 1, kind: ZoneKinds.NightFood),
                Zone("d", 5000, 0, 20000, 1),
            ],
            units: [Unit("u", "car", station: "W")],
            stations: [Station("W", 0, 0), Station("E", 10000, 0), Station("N", 0, 50000)]));
        var surgeZones = NightSurge.Zones(scenario.Zones, new HashSet<string> { ZoneKinds.Nightlife, ZoneKinds.NightFood });
        Assert.Equal([0, 2, 3], surgeZones);
        Assert.Equal([0, 2], NightSurge.Beat(surgeZones, 0, scenario.Stations, scenario.Zones));
        Assert.Equal([3], NightSurge.Beat(surgeZones, 1, scenario.Stations, scenario.Zones));
        Assert.Equal([0, 2, 3], NightSurge.Beat(surgeZones, 2, scenario.Stations, scenario.Zones));
        Assert.Equal([0, 2, 3], NightSurge.Beat(surgeZones, -1, scenario.Stations, scenario.Zones));
    }

    [Fact]
    public void The_builder_gives_surge_units_the_night_surge_deployment()
    {
        var scenario = Build(Document(
            zones: [Zone("n1", 1000, 0, 100, 1, kind: ZoneKinds.Nightlife), Zone("f", 9000, 0, 100, 1, kind: ZoneKinds.NightFood)],
            units: [Unit("u", "car", station: "W")],
            stations: [Station("W", 0, 0), Station("E", 10000, 0)],
            surge: new SurgeDocument { Units = [Unit("s", "foot", station: "E", count: 2)] }));
        var surge = scenario.Units.Where(u => u.IsSurge).ToList();
        Assert.Equal(2, surge.Count);
        Assert.All(surge, u =>
        {
            Assert.Equal(new Shift(1320, 360), u.Shift);
            Assert.Equal([1], u.Beat);
            Assert.Equal(Duty.Patrol, u.Duty);
        });
    }
}
