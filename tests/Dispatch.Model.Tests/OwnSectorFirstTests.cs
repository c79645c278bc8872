using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>
/// <c>own-sector-first</c> dispatch. Stations W at (0, 0) and E at (10000, 0): the sector boundary
/// is x = 5000. Cars travel 500 m/min with detour 1.4, so d metres take d x 1.4 / 500 minutes.
/// Incidents at (1000, 0) lie in W's sector.
/// </summary>
public class OwnSectorFirstTests
{
    private static IncidentRecord IncidentAt(double x, double y, int priority = 2) => new()
    {
        Id = 0, Zone = 0, Type = 0, Priority = priority, Location = new Point2(x, y), CreatedAt = 0, OnSceneDuration = 1,
    };

    private static Scenario TwoSectors(List<UnitDocument> units, double? margin = null, List<IncidentTypeDocument>? types = null, double tacticalPreference = 0) =>
        Build(Document(
            zones: [Zone("Z", 5000, 0, 12000, 1)],
            units: units,
            types: types,
            stations: [Station("W", 0, 0), Station("E", 10000, 0)],
            dispatch: new DispatchDocument { Policy = "own-sector-first", SectorMarginMinutes = margin, TacticalPreferenceMinutes = tacticalPreference }));

    private static int Choose(Scenario scenario, IncidentRecord incident, int type = 0)
    {
        var policy = DispatchPolicies.Create(scenario);
        Assert.IsType<OwnSectorFirstDispatch>(policy);
        return policy.ChooseUnit(incident, scenario.IncidentTypes[type], new Simulator(scenario, 1).Units, 0);
    }

    private static int Nearest(Scenario scenario, IncidentRecord incident, int type = 0) =>
        new NearestAvailableDispatch(scenario.Dispatch).ChooseUnit(incident, scenario.IncidentTypes[type], new Simulator(scenario, 1).Units, 0);

    [Fact]
    public void An_inside_unit_slower_by_less_than_the_margin_is_sent()
    {
        // Inside (W) car 2000 m away: 5.6 min. Outside (E) car 1000 m away: 2.8 min. 2.8 < 3.
        var scenario = TwoSectors([Unit("in", "car", post: [3000, 0], station: "W"), Unit("out", "car", post: [2000, 0], station: "E")]);
        Assert.Equal(0, Choose(scenario, IncidentAt(1000, 0)));
        Assert.Equal(1, Nearest(scenario, IncidentAt(1000, 0)));
    }

    [Fact]
    public void An_inside_unit_slower_by_more_than_the_margin_loses_to_the_outside_unit()
    {
        // Inside car 3000 m away: 8.4 min; outside 2.8 min: 5.6 > 3.
        var scenario = TwoSectors([Unit("in", "car", post: [4000, 0], station: "W"), Unit("out", "car", post: [2000, 0], station: "E")]);
        Assert.Equal(1, Choose(scenario, IncidentAt(1000, 0)));
    }

    [Fact]
    public void The_margin_is_configured_by_sectorMarginMinutes()
    {
        // The first case again: the inside unit is 2.8 min slower, more than a 2-minute margin, less than 3.
        List<UnitDocument> units = [Unit("in", "car", post: [3000, 0], station: "W"), Unit("out", "car", post: [2000, 0], station: "E")];
        Assert.Equal(1, Choose(TwoSectors(units, margin: 2), IncidentAt(1000, 0)));
        Assert.Equal(0, Choose(TwoSectors(units, margin: 2.9), IncidentAt(1000, 0)));
        // Margin 0: strictly the nearest, except that an inside unit wins a tie.
        Assert.Equal(1, Choose(TwoSectors(units, margin: 0), IncidentAt(1000, 0)));
    }

    [Fact]
    public void With_no_inside_unit_free_the_nearest_unit_goes()
    {
        // The only W unit is off shift at 00:00 (shift 08:00-16:00): the nearer of the two E cars goes.
        var scenario = TwoSectors(
        [
            Unit("in", "car", post: [1100, 0], station: "W", shift: new ShiftDocument { Start = "08:00", Hours = 8 }),
            Unit("far", "car", post: [4000, 0], station: "E"),
            Unit("near", "car", post: [2000, 0], station: "E"),
        ]);
        Assert.Equal(2, Choose(scenario, IncidentAt(1000, 0)));
        // No W unit at all: the same.
        Assert.Equal(1, Choose(TwoSectors([Unit("far", "car", post: [4000, 0], station: "E"), Unit("near", "car", post: [2000, 0], station: "E")]), IncidentAt(1000, 0)));
    }

    [Fact]
    public void Only_capable_units_count_inside_and_outside()
    {
        // Type "armed" needs a car. The W foot unit 100 m away cannot go; the W car 2000 m away
        // (5.6 min) is inside and within the margin of the E car (2.8 min), so it goes.
        var scenario = TwoSectors(
            [
                Unit("foot", "foot", post: [1100, 0], station: "W"),
                Unit("in", "car", post: [3000, 0], station: "W"),
                Unit("out", "car", post: [2000, 0], station: "E"),
            ],
            types: [Type("armed", 1, Fixed(30), 15, "car"), Type("any", 2, Fixed(30))]);
        Assert.Equal(1, Choose(scenario, IncidentAt(1000, 0, priority: 1)));
        Assert.Equal(0, Choose(scenario, IncidentAt(1000, 0), type: 1));
        // Without the W car the E car goes, not the incapable W foot unit.
        var noCar = TwoSectors(
            [Unit("foot", "foot", post: [1100, 0], station: "W"), Unit("out", "car", post: [2000, 0], station: "E")],
            types: [Type("armed", 1, Fixed(30), 15, "car")]);
        Assert.Equal(1, Choose(noCar, IncidentAt(1000, 0, priority: 1)));
    }

    [Fact]
    public void The_sector_is_the_nearest_station_to_the_incident_location_not_to_its_zone()
    {
        // One district-wide zone centred at (5000, 0); W wins ties. An incident at (6000, 0) is in
        // E's sector: the E car 4000 m away (11.2 min) goes before the W car 3000 m away (8.4 min).
        var scenario = TwoSectors([Unit("w", "car", post: [3000, 0], station: "W"), Unit("e", "car", post: [10000, 0], station: "E")]);
        Assert.Equal(1, Sectors.Of(new Point2(6000, 0), scenario.Stations));
        Assert.Equal(0, Sectors.Of(new Point2(5000, 0), scenario.Stations));
        Assert.Equal(1, Choose(scenario, IncidentAt(6000, 0)));
        Assert.Equal(0, Choose(scenario, IncidentAt(4000, 0)));
    }

    [Fact]
    public void Tactical_preference_applies_to_the_unit_the_sector_rule_picked()
    {
        // Inside car 5.6 min; outside tactical (40 km/h, detour 1.4: 666.7 m/min) 3000 m away: 6.3 min.
        // With a 1-minute tactical preference the tactical unit goes for a priority-1 call.
        var scenario = TwoSectors(
            [Unit("in", "car", post: [3000, 0], station: "W"), Unit("tac", "tactical", post: [4000, 0], station: "E")],
            tacticalPreference: 1);
        Assert.Equal(1, Choose(scenario, IncidentAt(1000, 0, priority: 1)));
        Assert.Equal(0, Choose(scenario, IncidentAt(1000, 0, priority: 2)));
    }

    [Fact]
    public void The_simulator_runs_the_scenario_s_dispatch_policy_and_the_report_names_it()
    {
        var own = TwoSectors([Unit("in", "car", post: [3000, 0], station: "W"), Unit("out", "car", post: [2000, 0], station: "E")]);
        var report = Report(Run(own));
        Assert.Equal("own-sector-first", report.DispatchPolicy);
        var nearest = own with { Dispatch = own.Dispatch with { Policy = DispatchOptions.DefaultPolicy } };
        Assert.Equal("nearest-available", Report(Run(nearest)).DispatchPolicy);
    }
}
