using Dispatch.Model.Scenarios;
using static Dispatch.Model.Tests.Roads.RoadKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Roads;

/// <summary>
/// Two banks of a river (y = 0) joined by one bridge at x = <c>bridge</c>. The incidents are at
/// (0, 100) on the north bank. A car waits at (0, -200) on the south bank, 300 m away in a straight
/// line; a foot unit waits at (0, 1100) on the north bank, 1000 m away along the road x = 0.
/// Default modes: car 30 km/h (500 m/min), foot 5 km/h (83.33 m/min).
/// </summary>
public class BridgeTests
{
    private static Scenario Banks(double bridge) => BuildWith(RoadsOf(
        Line("north-bank", -1000, 100, 6000, 100),
        Line("south-bank", -1000, -200, 6000, -200),
        Line("north-street", 0, 100, 0, 1100),
        Line("bridge", bridge, -200, bridge, 100)));

    private static Scenario BuildWith(RoadsDocument roads)
    {
        var document = Document(
            zones: [Zone("Z", 0, 100, 1e-4, 0.2)],
            units: [Unit("car", "car", station: "South"), Unit("foot", "foot", station: "North")],
            stations: [Station("South", 0, -200), Station("North", 0, 1100)],
            types: [Type("T", 2, Fixed(30))],
            days: 3,
            seed: 11);
        document.Roads = roads;
        return Build(document);
    }

    /// <summary>Incidents that found both units at their stations (nothing dispatched in the 2 hours before).</summary>
    private static List<Simulation.IncidentRecord> WithBothFree(Scenario scenario)
    {
        var incidents = Run(scenario).Incidents.Where(i => i.DispatchedAt >= 0).ToList();
        return incidents.Where(i => !incidents.Any(o => o.Id != i.Id && o.CreatedAt < i.CreatedAt && i.CreatedAt - o.CreatedAt < 120)).ToList();
    }

    [Fact]
    public void With_the_bridge_far_away_the_near_bank_foot_unit_goes_although_the_car_is_closer_in_a_straight_line()
    {
        // Car by road: 5000 m east, 300 m over the bridge, 5000 m back west = 10 300 m / 500 = 20.6 min.
        // Foot: 1000 m / 83.33 m/min = 12 min (in a straight line the car would need 300 x 1.4 / 500 = 0.84 min).
        var scenario = Banks(bridge: 5000);
        var car = scenario.Units[0];
        var foot = scenario.Units[1];
        var travel = new Travel.RoadTravel(scenario.Roads!);
        Assert.Equal(20.6, travel.Minutes(car, car.Base, new(0, 100)), 9);
        Assert.Equal(12.0, travel.Minutes(foot, foot.Base, new(0, 100)), 9);
        var free = WithBothFree(scenario);
        Assert.True(free.Count >= 5, $"{free.Count} incidents with both units free");
        foreach (var incident in free)
        {
            Assert.Equal(foot.Index, incident.Unit);
            Assert.Equal(12.0, incident.TravelMinutes, 5);
        }
    }

    [Fact]
    public void With_the_bridge_near_the_far_bank_car_goes_by_the_bridge()
    {
        // Car: 200 m east, 300 m over the bridge, 200 m back west = 700 m / 500 = 1.4 min; foot still 12 min.
        var scenario = Banks(bridge: 200);
        var free = WithBothFree(scenario);
        Assert.True(free.Count >= 5, $"{free.Count} incidents with both units free");
        foreach (var incident in free)
        {
            Assert.Equal(0, incident.Unit);
            Assert.Equal(1.4, incident.TravelMinutes, 5);
        }
    }

    [Fact]
    public void A_unit_on_its_way_follows_the_road_over_the_bridge()
    {
        var scenario = Banks(bridge: 200);
        var first = Run(scenario, days: 1).Incidents[0];
        var sim = new Simulation.Simulator(scenario, scenario.Seed, 0, 1);
        sim.RunUntil(first.DispatchedAt + 0.7); // half way: 350 m of 700 m, i.e. 150 m up the bridge
        var at = sim.Units[0].PositionAt(sim.Now);
        Assert.Equal(200, at.X, 6);
        Assert.Equal(-50, at.Y, 6);
    }
}
