using System.Text;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>A run is a pure function of (scenario, seed, replication); fleets share incidents (CRN).</summary>
public class ReproducibilityTests
{
    private static List<ZoneDocument> Zones() =>
    [
        Zone("centre", 0, 0, 1500, 3, hour: [.. Enumerable.Range(0, 24).Select(h => 0.5 + h % 5)], day: [1, 1, 1, 1, 1.5, 2, 1.2],
            mix: new() { ["assault"] = 0.2, ["theft"] = 0.5, ["noise"] = 0.3 }),
        Zone("north", 500, 2500, 1000, 1.5),
        Zone("district", 0, 1000, 6000, 1),
    ];

    private static List<IncidentTypeDocument> Types() =>
    [
        Type("assault", 1, new DurationDocument { Distribution = "lognormal", Mean = 50, Sd = 30 }, 10, "car", "tactical"),
        Type("theft", 2, Exponential(30), 20),
        Type("noise", 3, new DurationDocument { Distribution = "uniform", Min = 10, Max = 25 }, 30),
    ];

    private static ScenarioDocument Rich(List<UnitDocument>? units = null) => Document(
        zones: Zones(),
        units: units ??
        [
            Unit("car", "car", count: 3, shift: new ShiftDocument { Starts = ["07:00", "15:00", "23:00"], Hours = 8 }),
            Unit("foot", "foot", post: [0, 0], count: 2),
            Unit("bike", "bicycle", post: [400, 2400]),
        ],
        types: Types(),
        stations: [Station("S", 200, 300)],
        start: "2023-06-07T22:30",
        days: 14,
        seed: 77);

    private static (string Json, string Csv) Outputs(Simulator sim)
    {
        var report = ReportBuilder.Build(sim);
        var csv = new StringBuilder();
        CsvWriters.AppendIncidents(csv, sim);
        CsvWriters.AppendUnits(csv, sim.Replication, report);
        return (ReportJson.Serialize(report), csv.ToString());
    }

    [Fact]
    public void Same_scenario_and_seed_give_identical_report_and_csv()
    {
        var a = Outputs(Run(Build(Rich())));
        var b = Outputs(Run(Build(Rich())));
        Assert.True(a.Json.Length > 1000 && a.Csv.Split('\n').Length > 500);
        Assert.Equal(a.Json, b.Json);
        Assert.Equal(a.Csv, b.Csv);
    }

    /// <summary>
    /// Simulators of one Scenario object share what is worked out per scenario (the presence
    /// ledger's slots and flagged zone-slots, the hotspot index, the risk tables): runs on a shared
    /// scenario, one after another or in parallel, with and without a warm-up, are the runs of a
    /// freshly built one.
    /// </summary>
    [Fact]
    public void Simulators_sharing_a_scenario_give_the_runs_of_fresh_scenarios()
    {
        var shared = Build(Rich());
        var fresh = Enumerable.Range(0, 4).Select(r => Outputs(Run(Build(Rich()), replication: r))).ToList();
        var warm = Outputs(new Simulator(Build(Rich()), 77, 1, 10, warmupDays: 2).Also(s => s.RunToEnd()));
        var parallel = Enumerable.Range(0, 4).AsParallel().Select(r => (r, Outputs(Run(shared, replication: r)))).ToList();
        foreach (var (r, outputs) in parallel)
        {
            Assert.Equal(fresh[r], outputs);
        }
        Assert.Equal(fresh[0], Outputs(Run(shared)));
        Assert.Equal(warm, Outputs(new Simulator(shared, 77, 1, 10, warmupDays: 2).Also(s => s.RunToEnd())));
        Assert.Equal(fresh[0], Outputs(Run(shared)));
    }

    [Fact]
    public void Different_seed_or_replication_gives_a_different_run()
    {
        var scenario = Build(Rich());
        var reference = Outputs(Run(scenario)).Json;
        Assert.NotEqual(reference, Outputs(Run(scenario, seed: 78)).Json);
        Assert.NotEqual(reference, Outputs(Run(scenario, replication: 1)).Json);
    }

    [Fact]
    public void Running_in_small_steps_gives_the_same_run_as_running_to_the_end()
    {
        // The paced (live) mode advances the clock in slices; it must not change the model.
        var scenario = Build(Rich());
        var whole = Outputs(Run(scenario));
        var sim = new Simulator(scenario, scenario.Seed);
        for (var t = 0.0; !sim.IsFinished; t += 7.25)
        {
            sim.RunUntil(t);
            sim.DrainChanges();
        }
        var stepped = Outputs(sim);
        Assert.Equal(whole.Json, stepped.Json);
        Assert.Equal(whole.Csv, stepped.Csv);
    }

    /// <summary>
    /// incidents.csv written chunk by chunk while the run goes on (the scenario grain's way) is the
    /// text written at the end: rows are handed over once their incident and every one before it
    /// can no longer change, in order, and the rest (open incidents too) at the end.
    /// </summary>
    [Theory]
    [InlineData(7.25)]
    [InlineData(180)]
    [InlineData(1440)]
    public void Incident_rows_written_during_the_run_are_the_rows_written_at_the_end(double chunkMinutes)
    {
        // One foot unit for a busy district: many calls wait to the end, the others finish out of order.
        foreach (var document in new[] { Rich([Unit("solo", "foot", post: [0, 0])]), Rich() })
        {
            var scenario = Build(document);
            var sim = new Simulator(scenario, scenario.Seed);
            using var file = new MemoryStream();
            using var writer = new IncidentRowsWriter(sim, file);
            var (handedMidRun, lastHandOver) = (0, 0.0);
            for (var t = chunkMinutes; !sim.IsFinished; t += chunkMinutes)
            {
                sim.RunUntil(t);
                sim.DrainChanges();
                writer.WriteFinished();
                if (!sim.IsFinished)
                {
                    (handedMidRun, lastHandOver) = (writer.Handed, sim.Now);
                }
            }
            var atEnd = new StringBuilder(CsvWriters.IncidentsHeader).Append('\n');
            CsvWriters.AppendIncidents(atEnd, sim);
            // Handed over during the run: the incidents before the first one still open at the last
            // hand-over, and no others.
            var prefix = sim.Incidents.TakeWhile(i => i.Diverted ? i.CreatedAt <= lastHandOver : i.ClearedAt <= lastHandOver).Count();
            Assert.Equal(prefix, handedMidRun);
            Assert.True(handedMidRun > 50 || document.Units!.Count == 1, $"{handedMidRun} rows handed over during the run");
            writer.Finish();
            Assert.Equal(atEnd.ToString(), Encoding.UTF8.GetString(file.ToArray()));
        }
        var open = Run(Build(Rich([Unit("solo", "foot", post: [0, 0])])));
        Assert.Contains(open.Incidents, i => i.Outcome is IncidentOutcome.Queued); // the last part holds open incidents
    }

    [Fact]
    public void Scenario_json_round_trip_gives_the_same_run()
    {
        var document = Rich();
        var reparsed = ScenarioJson.Parse(ScenarioJson.Serialize(document), "test.json");
        Assert.Equal(Outputs(Run(Build(document))).Json, Outputs(Run(Build(reparsed))).Json);
    }

    [Fact]
    public void Different_fleets_see_the_same_incidents()
    {
        // Common random numbers: arrivals, types, locations and on-scene times are drawn from
        // streams named by zone, so the fleet (and hence every dispatch) cannot change them.
        var small = Run(Build(Rich([Unit("solo", "foot", post: [0, 0])])));
        var large = Run(Build(Rich(
        [
            Unit("car", "car", count: 10),
            Unit("tac", "tactical", post: [0, 2000], count: 2, shift: new ShiftDocument { Start = "20:00", Hours = 10 }),
        ])));
        Assert.True(small.Incidents.Count > 1000);
        Assert.Equal(small.Incidents.Count, large.Incidents.Count);
        for (var k = 0; k < small.Incidents.Count; k++)
        {
            var (a, b) = (small.Incidents[k], large.Incidents[k]);
            Assert.Equal((a.CreatedAt, a.Zone, a.Type, a.Location, a.OnSceneDuration), (b.CreatedAt, b.Zone, b.Type, b.Location, b.OnSceneDuration));
        }
        // ...while the outcomes do differ.
        Assert.NotEqual(Report(small).ResponseMinutes.Mean, Report(large).ResponseMinutes.Mean);
    }
}

internal static class SimulatorTestExtensions
{
    /// <summary>Runs an action on the simulator and returns it (for one-line set-ups).</summary>
    public static Simulator Also(this Simulator sim, Action<Simulator> action)
    {
        action(sim);
        return sim;
    }
}

/// <summary>Work done ahead for a scenario's kernels (<see cref="Simulator.Prepare"/>) changes nothing they compute.</summary>
public class PreparedKernelTests
{
    [Theory]
    [InlineData(3, 0)]
    [InlineData(4, 1.5)]
    public void A_kernel_made_after_prepare_reports_as_one_made_on_a_fresh_scenario(int days, double warmup)
    {
        var path = ValidationTestKit.Scenario("pengjiang.json");
        var prepared = ScenarioLoader.Load(path);
        Simulator.Prepare(prepared, days, warmup);
        var fresh = ScenarioLoader.Load(path);
        string Report(Scenario scenario)
        {
            var sim = new Simulator(scenario, 11, days: days, warmupDays: warmup, keepIncidents: false);
            sim.RunToEnd();
            return ReportJson.Serialize(ReportBuilder.Build(sim));
        }
        Assert.Equal(Report(fresh), Report(prepared));
    }

    [Fact]
    public async Task Kernels_made_while_prepare_runs_report_alike()
    {
        var scenario = ScenarioLoader.Load(ValidationTestKit.Scenario("small-town.json"));
        var preparing = Task.Run(() => Simulator.Prepare(scenario, 30));
        var reports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var sim = new Simulator(scenario, 5, days: 30, keepIncidents: false);
            sim.RunToEnd();
            return ReportJson.Serialize(ReportBuilder.Build(sim));
        })));
        await preparing;
        Assert.Equal(reports[0], reports[1]);
        var alone = new Simulator(ScenarioLoader.Load(ValidationTestKit.Scenario("small-town.json")), 5, days: 30, keepIncidents: false);
        alone.RunToEnd();
        Assert.Equal(ReportJson.Serialize(ReportBuilder.Build(alone)), reports[0]);
    }
}
