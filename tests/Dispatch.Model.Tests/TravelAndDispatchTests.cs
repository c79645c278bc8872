using Dispatch.Model.Geometry;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Travel times and the nearest-available-unit choice.</summary>
public class TravelAndDispatchTests
{
    private static readonly NearestAvailableDispatch Policy = new();

    private static IncidentRecord IncidentAt(double x, double y, int type = 0) => new()
    {
        Id = 0, Zone = 0, Type = type, Priority = 1, Location = new Point2(x, y), CreatedAt = 0, OnSceneDuration = 1,
    };

    [Fact]
    public void ModeSpec_travel_minutes_is_distance_times_detour_over_speed()
    {
        // 1000 m x 1.4 / (30 km/h = 500 m/min) = 2.8 min.
        Assert.Equal(2.8, new ModeSpec(30, 1.4).TravelMinutes(1000), 12);
        // 500 m x 1.2 / (5 km/h = 83.33 m/min) = 7.2 min.
        Assert.Equal(7.2, new ModeSpec(5, 1.2).TravelMinutes(500), 12);
        Assert.Equal(500.0, new ModeSpec(30, 1.4).MetresPerMinute, 12);
        Assert.Equal(0.0, new ModeSpec(15, 1.3).TravelMinutes(0));
    }

    [Fact]
    public void Scenario_modes_override_the_defaults()
    {
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 10, 1)],
            units: [Unit("f", "foot"), Unit("c", "car")],
            modes: new() { ["foot"] = new ModeDocument { SpeedKmh = 6, DetourFactor = 1.5 } }));
        Assert.Equal(new ModeSpec(6, 1.5), scenario.Units[0].Speed);
        Assert.Equal(ScenarioBuilder.DefaultModes[UnitMode.Car], scenario.Units[1].Speed);
        Assert.Equal(new ModeSpec(30, 1.4, 0.6), scenario.Units[1].Speed);
    }

    [Fact]
    public void Incident_travel_is_distance_times_detour_over_speed_from_the_base()
    {
        // Station at the origin; a 0.1 mm zone around (1000, 0): a car needs 1000 x 1.4 / 500 = 2.8 min.
        var scenario = Build(Document(
            zones: [Zone("Z", 1000, 0, 1e-4, 0.5)],
            units: [Unit("car", "car")],
            days: 2,
            seed: 3));
        var sim = Run(scenario);
        var first = sim.Incidents[0];
        var byHand = Math.Sqrt(first.Location.X * first.Location.X + first.Location.Y * first.Location.Y) * 1.4 / (30 * 1000.0 / 60);
        Assert.Equal(first.CreatedAt, first.DispatchedAt);
        Assert.Equal(byHand, first.TravelMinutes, 9);
        Assert.Equal(2.8, first.TravelMinutes, 6);
        Assert.Equal(first.ArrivedAt + 30, first.ClearedAt, 9);
    }

    [Fact]
    public void Nearest_is_by_travel_time_not_distance()
    {
        // Foot posted 500 m away: 500 x 1.2 / 83.33 = 7.2 min. Car 2000 m away: 2000 x 1.4 / 500 = 5.6 min.
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 1)],
            units: [Unit("foot", "foot", post: [500, 0]), Unit("car", "car", post: [-2000, 0])]));
        var sim = new Simulator(scenario, 1);
        Assert.Equal(1, Policy.ChooseUnit(IncidentAt(0, 0), scenario.IncidentTypes[0], sim.Units, 0));

        // Car 3000 m away: 8.4 min, now the foot unit is nearer in time.
        var farther = Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 1)],
            units: [Unit("foot", "foot", post: [500, 0]), Unit("car", "car", post: [-3000, 0])]));
        Assert.Equal(0, Policy.ChooseUnit(IncidentAt(0, 0), farther.IncidentTypes[0], new Simulator(farther, 1).Units, 0));

        // Through the simulator: the first incident goes to the car and takes 5.6 min.
        sim.RunToEnd();
        var first = sim.Incidents[0];
        Assert.Equal(1, first.Unit);
        Assert.Equal(5.6, first.TravelMinutes, 6);
    }

    [Fact]
    public void Ties_go_to_the_lower_index()
    {
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 1)],
            units: [Unit("a", "car", post: [100, 0]), Unit("b", "car", post: [-100, 0]), Unit("c", "car", post: [0, 100])]));
        var units = new Simulator(scenario, 1).Units;
        Assert.Equal(0, Policy.ChooseUnit(IncidentAt(0, 0), scenario.IncidentTypes[0], units, 0));
        // Only b and c tie when the incident is on the b-c bisector, nearer to them than to a.
        Assert.Equal(1, Policy.ChooseUnit(IncidentAt(-50, 50), scenario.IncidentTypes[0], units, 0));
    }

    [Fact]
    public void Only_capable_modes_are_sent()
    {
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 1)],
            units: [Unit("foot", "foot", post: [10, 0]), Unit("car", "car", post: [5000, 0])],
            types: [Type("armed", 1, Fixed(30), 15, "car", "tactical"), Type("any", 2, Fixed(30)), Type("bike", 3, Fixed(30), 15, "bicycle")]));
        var units = new Simulator(scenario, 1).Units;
        Assert.Equal(1, Policy.ChooseUnit(IncidentAt(0, 0), scenario.IncidentTypes[0], units, 0));
        Assert.Equal(0, Policy.ChooseUnit(IncidentAt(0, 0), scenario.IncidentTypes[1], units, 0));
        Assert.Equal(-1, Policy.ChooseUnit(IncidentAt(0, 0), scenario.IncidentTypes[2], units, 0));
    }

    [Fact]
    public void Incidents_no_fleet_unit_can_serve_stay_queued()
    {
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 2)],
            units: [Unit("foot", "foot")],
            types: [Type("armed", 1, Fixed(30), 15, "car")]));
        var sim = Run(scenario);
        Assert.NotEmpty(sim.Incidents);
        Assert.All(sim.Incidents, i => Assert.Equal(IncidentOutcome.Queued, i.Outcome));
        Assert.Equal(sim.Incidents.Count, sim.QueueLength);
        Assert.Equal(UnitStatus.Available, sim.Units[0].Status);
        Assert.Equal(0, sim.Units[0].Dispatches);
    }

    [Fact]
    public void Off_shift_units_are_not_dispatchable()
    {
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 1)],
            units:
            [
                Unit("near", "car", post: [10, 0], shift: new ShiftDocument { Start = "08:00", Hours = 8 }),
                Unit("far", "car", post: [1000, 0]),
            ]));
        var units = new Simulator(scenario, 1).Units;
        Assert.Equal(UnitStatus.OffShift, units[0].Status);
        Assert.Equal(1, Policy.ChooseUnit(IncidentAt(0, 0), scenario.IncidentTypes[0], units, 0));
    }

    [Fact]
    public void Busy_units_are_skipped_and_the_queue_goes_to_the_first_unit_to_clear()
    {
        // A is 100 m from the zone, B 1000 m; on scene for 600 min, so the first incidents overlap.
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1e-4, 1)],
            units: [Unit("A", "car", post: [100, 0]), Unit("B", "car", post: [-1000, 0])],
            types: [Type("T", 2, Fixed(600))],
            seed: 4));
        var sim = Run(scenario);
        var i = sim.Incidents;
        Assert.True(i.Count >= 3);
        // Preconditions of this seed: the second and third incidents arrive while the first is on scene.
        Assert.True(i[1].CreatedAt < i[0].ClearedAt && i[2].CreatedAt < i[0].ClearedAt);
        Assert.Equal(0, i[0].Unit);
        Assert.Equal(0.28, i[0].TravelMinutes, 6);
        Assert.Equal(1, i[1].Unit);
        Assert.Equal(2.8, i[1].TravelMinutes, 6);
        Assert.Equal(i[1].CreatedAt, i[1].DispatchedAt);
        // The third waits for A (it clears first) and is sent from the scene of the first.
        Assert.Equal(0, i[2].Unit);
        Assert.Equal(i[0].ClearedAt, i[2].DispatchedAt);
        Assert.True(i[2].QueueWaitMinutes > 0);
    }

    [Fact]
    public void Every_dispatch_through_the_simulator_picks_the_fastest_free_capable_unit()
    {
        // A mixed fleet with shifts, several zones and a restricted type; a recording policy checks
        // each decision of NearestAvailableDispatch against an independent computation.
        var scenario = Build(Document(
            zones: [Zone("A", 0, 0, 2000, 2), Zone("B", 3000, 1000, 1500, 1.5), Zone("C", -2000, 2500, 1000, 1)],
            units:
            [
                Unit("f", "foot", post: [0, 0], count: 2),
                Unit("b", "bicycle", post: [2500, 800]),
                Unit("c", "car", count: 2, shift: new ShiftDocument { Starts = ["06:00", "18:00"], Hours = 12 }),
                Unit("t", "tactical", post: [-1500, 2000], shift: new ShiftDocument { Start = "20:00", Hours = 10 }),
            ],
            types: [Type("armed", 1, Exponential(40), 10, "car", "tactical"), Type("any", 3, Exponential(25))],
            stations: [Station("S", 500, 500)],
            days: 14,
            seed: 8));
        var recorder = new RecordingPolicy();
        var sim = Run(scenario, policy: recorder);
        Assert.True(recorder.Decisions > 500);
        Assert.True(recorder.NoneFree > 0, "the scenario should sometimes have no free capable unit");
        Assert.True(recorder.SkippedNearer > 0, "a nearer unit should sometimes be busy, off shift or incapable");
        Assert.Empty(recorder.Failures);
        // A dispatch on creation travels exactly the chosen minimum.
        foreach (var (id, minutes) in recorder.Chosen)
        {
            var incident = sim.Incidents[id];
            if (incident.IsAttended)
            {
                Assert.Equal(minutes, incident.TravelMinutes, 9);
            }
        }
    }

    private sealed class RecordingPolicy : IDispatchPolicy
    {
        private readonly NearestAvailableDispatch _inner = new();

        public string Name => _inner.Name;

        public int Decisions { get; private set; }

        public int NoneFree { get; private set; }

        public int SkippedNearer { get; private set; }

        public List<string> Failures { get; } = [];

        public List<(int Id, double Minutes)> Chosen { get; } = [];

        public int ChooseUnit(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now)
        {
            var choice = _inner.ChooseUnit(incident, type, units, now);
            Decisions++;
            var expected = -1;
            var best = double.PositiveInfinity;
            var nearestAny = -1;
            var nearestAnyDistance = double.PositiveInfinity;
            for (var k = 0; k < units.Count; k++)
            {
                var u = units[k];
                var p = u.PositionAt(now);
                var metres = Math.Sqrt((p.X - incident.Location.X) * (p.X - incident.Location.X) + (p.Y - incident.Location.Y) * (p.Y - incident.Location.Y));
                if (metres < nearestAnyDistance)
                {
                    nearestAny = k;
                    nearestAnyDistance = metres;
                }
                var free = u.Status is UnitStatus.Available or UnitStatus.Returning;
                if (!free || !type.CapableModes.Contains(u.Spec.Mode))
                {
                    continue;
                }
                var minutes = metres * u.Spec.Speed.DetourFactor / (u.Spec.Speed.SpeedKmh * 1000.0 / 60.0);
                if (minutes < best - 1e-12)
                {
                    expected = k;
                    best = minutes;
                }
            }
            if (choice != expected)
            {
                Failures.Add($"incident {incident.Id} at {now}: chose {choice}, expected {expected}");
            }
            if (expected < 0)
            {
                NoneFree++;
            }
            else
            {
                Chosen.Add((incident.Id, best));
                if (nearestAny != expected)
                {
                    SkippedNearer++;
                }
            }
            return choice;
        }
    }
}
