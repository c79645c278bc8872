using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using Xunit.Abstractions;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Dispatching;

/// <summary>Incidents needing two units (against M/M/1 theory) and pre-emption (exact small cases).</summary>
public sealed class CrewAndPreemptionTests(ITestOutputHelper output)
{
    private const double T995With29 = 2.756386; // Student t, 0.995 quantile, 29 degrees of freedom

    [Fact]
    public void A_two_unit_type_in_a_two_unit_fleet_is_an_M_M_1_queue_served_by_the_pair()
    {
        // lambda = rho mu: the pair is one server. M/M/1: P(wait) = rho, Wq = rho / (mu - lambda).
        const double meanService = 60;
        const double rho = 0.6;
        const int days = 200;
        const int replications = 30;
        var mu = 1 / meanService;
        var lambda = rho * mu;
        var fight = Type("fight", 1, Exponential(meanService));
        fight.Units = 2;
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 0.5, lambda * 60)],
            units: [Unit("car", "car", post: [0, 0], count: 2)],
            types: [fight],
            days: days));
        var probWait = new List<double>();
        var wait = new List<double>();
        for (var r = 0; r < replications; r++)
        {
            var sim = Run(scenario, seed: 2024, replication: r);
            // Both units always go together, arrive together and clear together.
            Assert.All(sim.Incidents.Where(i => i.IsAttended), i => Assert.Equal(i.ArrivedAt, i.FullComplementAt));
            Assert.All(sim.Incidents.Where(i => !double.IsNaN(i.ClearedAt)), i => Assert.Equal(2, i.UnitsArrived));
            Assert.Equal(sim.Units[0].Dispatches, sim.Units[1].Dispatches);
            var report = Report(sim);
            Assert.Equal(report.ResponseMinutes.Mean, report.MultiUnit!.FullComplementMinutes.Mean);
            probWait.Add(report.QueueWaitMinutes.ProbWait!.Value);
            wait.Add(report.QueueWaitMinutes.Mean!.Value);
        }
        // Start-up allowance (one-sided) as in ErlangCTests: relaxation time 1/(mu (1 - sqrt rho)^2).
        var startUp = 1 / (mu * Math.Pow(1 - Math.Sqrt(rho), 2)) / (days * 1440.0);
        Check("P(wait)", rho, probWait);
        Check("Wq (min)", rho / (mu - lambda), wait);

        void Check(string name, double theory, List<double> values)
        {
            var mean = values.Average();
            var half = T995With29 * Statistics.StandardDeviation(values) / Math.Sqrt(values.Count);
            output.WriteLine($"{name}: theory {theory:0.0000}, simulated {mean:0.0000} ± {half:0.0000} (99%), start-up allowance {theory * startUp:0.0000}");
            Assert.InRange(theory, mean - half, mean + half + theory * startUp);
        }
    }

    [Fact]
    public void A_short_crew_waits_in_the_queue_for_the_rest_and_is_cleared_when_its_last_unit_clears()
    {
        // Three units, a type needing 3, another needing 1: the three-unit incidents often go short-handed first.
        var brawl = Type("brawl", 1, Fixed(40));
        brawl.Units = 3;
        var sim = Run(Build(Document(
            zones: [Zone("Z", 0, 0, 200, 3, mix: new() { ["brawl"] = 0.3, ["T"] = 0.7 })],
            units: [Unit("car", "car", post: [0, 0], count: 3)],
            types: [brawl, Type("T", 2, Fixed(30))],
            days: 5,
            seed: 5)));
        var brawls = sim.Incidents.Where(i => i.UnitsRequired == 3 && !double.IsNaN(i.ClearedAt)).ToList();
        Assert.NotEmpty(brawls);
        Assert.All(brawls, i =>
        {
            Assert.Equal(3, i.UnitsArrived);
            Assert.True(i.FullComplementAt >= i.ArrivedAt);
            // Each unit stays 40 min from its own arrival: the last clears 40 min after the full complement.
            Assert.Equal(i.FullComplementAt + 40, i.ClearedAt, 9);
        });
        Assert.Contains(brawls, i => i.FullComplementAt > i.ArrivedAt + 1); // some waited for their third unit
        var report = Report(sim);
        Assert.True(report.MultiUnit!.FullComplementMinutes.Mean > report.MultiUnit.FirstUnitMinutes.Mean);
    }

    /// <summary>One car posted at the centre; urgent calls (P1, 30 min) and routine ones (P3, 120 min).</summary>
    private static Scenario OneCar(bool divert, bool onScene = true, long seed = 11, double side = 100) => Build(Document(
        zones: [Zone("Z", 0, 0, side, 0.4, mix: new() { ["urgent"] = 0.25, ["routine"] = 0.75 })],
        units: [Unit("car", "car", post: [0, 0])],
        types: [Type("urgent", 1, Fixed(30)), Type("routine", 3, Fixed(120))],
        days: 30,
        seed: seed,
        dispatch: new DispatchDocument { Divert = divert ? new DivertDocument { ForPriority = 1, FromPriority = 3, OnScene = onScene } : null }));

    [Fact]
    public void Preemption_lowers_priority_1_waits_and_raises_priority_3_waits()
    {
        var off = Report(Run(OneCar(divert: false)));
        var on = Report(Run(OneCar(divert: true)));
        double P(Report r, int p) => r.ByPriority.Single(b => b.Priority == p).ResponseMinutes.Mean!.Value;
        output.WriteLine($"P1 mean response {P(off, 1):0.00} -> {P(on, 1):0.00}; P3 {P(off, 3):0.00} -> {P(on, 3):0.00}; preempted {on.Incidents.Preempted}");
        Assert.True(P(on, 1) < P(off, 1) - 5);
        Assert.True(P(on, 3) > P(off, 3));
        Assert.True(on.Incidents.Preempted > 5);
        Assert.Null(off.Incidents.Preempted);
        Assert.Equal(off.Incidents.Total, on.Incidents.Total); // the same incidents (common random numbers)
    }

    [Fact]
    public void A_priority_1_call_takes_the_unit_on_scene_at_a_routine_incident_which_finishes_its_on_scene_time_afterwards()
    {
        var sim = Run(OneCar(divert: true));
        var travel = (IncidentRecord a, IncidentRecord b) => a.Location.DistanceTo(b.Location) * 1.4 / 500;
        var exact = 0;
        foreach (var victim in sim.Incidents.Where(i => i.Preemptions == 1 && !double.IsNaN(i.ClearedAt)))
        {
            // The urgent call that took its unit: dispatched at its creation, while the car was on scene.
            var urgent = sim.Incidents.First(i => i.Priority == 1 && i.DispatchedAt == i.CreatedAt
                && i.CreatedAt > victim.ArrivedAt && i.CreatedAt < victim.ClearedAt);
            if (sim.Incidents.Any(o => o.Id != victim.Id && o.Id != urgent.Id && o.CreatedAt >= victim.CreatedAt && o.CreatedAt <= victim.ClearedAt))
            {
                continue; // something else happened meanwhile: not a small case
            }
            // The car goes from the urgent call straight back and does the rest of the 120 minutes.
            var worked = urgent.CreatedAt - victim.ArrivedAt;
            Assert.Equal(urgent.ClearedAt + travel(urgent, victim) + (120 - worked), victim.ClearedAt, 9);
            Assert.Equal(urgent.ArrivedAt + 30, urgent.ClearedAt, 9);
            exact++;
        }
        Assert.True(exact >= 1, "no pre-empted routine incident with nothing else around");
        // Every urgent call found the car free or took it at once, unless the car was on another urgent call.
        foreach (var urgent in sim.Incidents.Where(i => i.Priority == 1 && i.QueueWaitMinutes > 0))
        {
            Assert.Contains(sim.Incidents, o => o.Priority == 1 && o.Id != urgent.Id && o.DispatchedAt <= urgent.CreatedAt && o.ClearedAt >= urgent.CreatedAt);
        }
    }

    [Fact]
    public void With_en_route_only_a_unit_on_scene_is_not_taken_and_a_diverted_en_route_call_loses_its_dispatch()
    {
        var sim = Run(OneCar(divert: true, onScene: false, side: 10000));
        var taken = sim.Incidents.Where(i => i.Preemptions > 0 && i.IsAttended).ToList();
        Assert.NotEmpty(taken);
        Assert.All(taken, i =>
        {
            // Taken while en route: no arrival then, so a later unit's dispatch is the one that counts.
            Assert.True(i.DispatchedAt > i.CreatedAt);
            Assert.Equal(i.ArrivedAt - i.DispatchedAt, i.TravelMinutes, 9);
        });
    }
}
