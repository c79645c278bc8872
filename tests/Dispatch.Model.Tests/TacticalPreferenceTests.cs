using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Tactical units' "standby while moving" (动中备): preferred for priority-1 incidents when not much slower.</summary>
public class TacticalPreferenceTests
{
    /// <summary>
    /// A car posted 1000 m from the incident (1000 x 1.4 / 500 = 2.8 min) and a tactical unit 1500 m
    /// away (1500 x 1.4 / 666.67 = 3.15 min): the tactical unit is 0.35 min slower.
    /// </summary>
    private static Scenario Fleet(double preference, int priority = 1) => Build(Document(
        zones: [Zone("Z", 0, 0, 1e-4, 0.5)],
        units: [Unit("car", "car", post: [1000, 0]), Unit("tac", "tactical", post: [-1500, 0])],
        types: [Type("T", priority, Fixed(10))],
        days: 2,
        dispatch: new DispatchDocument { Queue = true, TacticalPreferenceMinutes = preference }));

    private static IncidentRecord At(int priority) => new()
    {
        Id = 0, Zone = 0, Type = 0, Priority = priority, Location = new Point2(0, 0), CreatedAt = 0, OnSceneDuration = 1,
    };

    [Theory]
    [InlineData(0.5, 1, 1)] // within 0.5 min of the nearest: the tactical unit
    [InlineData(0.35001, 1, 1)]
    [InlineData(0.3, 1, 0)] // 0.35 > 0.3: the nearest, the car
    [InlineData(0, 1, 0)] // no preference configured
    [InlineData(0.5, 2, 0)] // priority 2: always the nearest
    [InlineData(5, 3, 0)]
    public void Tactical_is_preferred_only_for_priority_one_within_the_margin(double preference, int priority, int expected)
    {
        var scenario = Fleet(preference, priority);
        var sim = new Simulator(scenario, 1);
        var policy = new NearestAvailableDispatch(scenario.Dispatch);
        Assert.Equal(expected, policy.ChooseUnit(At(priority), scenario.IncidentTypes[0], sim.Units, 0));
    }

    [Fact]
    public void Through_the_simulator_priority_one_calls_get_the_tactical_unit()
    {
        var sim = Run(Fleet(0.5, priority: 1));
        var first = sim.Incidents[0];
        Assert.Equal(1, first.Unit);
        Assert.Equal(1500 * 1.4 / (40000 / 60.0), first.TravelMinutes, 5);
        var other = Run(Fleet(0.5, priority: 2));
        Assert.Equal(0, other.Incidents[0].Unit);
        Assert.Equal(2.8, other.Incidents[0].TravelMinutes, 5);
    }

    /// <summary>An escalated incident counts as priority 1 for the preference (its current priority).</summary>
    [Fact]
    public void The_current_priority_decides()
    {
        var scenario = Fleet(0.5, priority: 2);
        var sim = new Simulator(scenario, 1);
        var policy = new NearestAvailableDispatch(scenario.Dispatch);
        var incident = At(2);
        Assert.Equal(0, policy.ChooseUnit(incident, scenario.IncidentTypes[0], sim.Units, 0));
        incident.Priority = 1;
        Assert.Equal(1, policy.ChooseUnit(incident, scenario.IncidentTypes[0], sim.Units, 0));
    }
}
