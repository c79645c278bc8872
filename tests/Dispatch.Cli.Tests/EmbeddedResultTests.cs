using Dispatch.Abstractions;
using Dispatch.Cli.Running;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Cli.Tests;

/// <summary>In the embedded silo the result of a run reaches the client without a report.json round trip.</summary>
public sealed class EmbeddedResultTests
{
    [Fact]
    public async Task The_embedded_client_gets_the_report_object_itself_and_it_equals_the_kernel_report()
    {
        var json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(CliRunner.Scenario("small-town.json")));
        var dir = CliRunner.TempDir();
        await using var cluster = await EmbeddedCluster.StartAsync(Path.Combine(dir, "state.db"), CancellationToken.None);
        var grain = cluster.Grains.GetGrain<IScenarioGrain>("embedded-result-test");
        var key = IScenarioDocumentGrain.KeyOf(json);
        await cluster.Grains.GetGrain<IScenarioDocumentGrain>(key).StoreAsync(json);
        var at = await grain.StartAsync(new RunRequest(key, 7, 0, 2));
        while (!at.IsFinished)
        {
            at = await grain.AdvanceAsync(at.SimulatedMinute + 1440);
        }
        var result = await grain.GetResultAsync();

        // Handed over by reference (RunResult is immutable), so no text was written or read back.
        Assert.NotNull(result.Report);
        Assert.Same(result.Report, result.ReadReport());

        var sim = new Simulator(ScenarioBuilder.Build(ScenarioJson.Parse(json, "test")), 7, 0, 2);
        sim.RunToEnd();
        var expected = ReportJson.Serialize(ReportBuilder.Build(sim));
        Assert.Equal(expected, ReportJson.Serialize(result.Report));
        Assert.Equal(expected, result.ReportJson); // written once, from the object
    }

    [Fact]
    public async Task A_run_s_incidents_csv_is_written_from_its_replications_files_as_one_file_with_one_header()
    {
        var json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(CliRunner.Scenario("small-town.json")));
        var dir = CliRunner.TempDir();
        await using var cluster = await EmbeddedCluster.StartAsync(Path.Combine(dir, "state.db"), CancellationToken.None);
        // The hook for work beside the kernel (the charts' warm-up) comes once, after the experiment was submitted.
        var submitted = new List<Task<ExperimentStatus?>>();
        var outcome = await RunOrchestrator.RunAsync(cluster.Grains, new RunSettings(json, 7, 2, 3, "pieces-test"), null, CancellationToken.None,
            onSubmitted: () =>
            {
                var status = cluster.Grains.GetGrain<IExperimentGrain>("pieces-test").GetStatusAsync();
                submitted.Add(status);
            });
        var statusRead = Assert.Single(submitted);
        Assert.NotNull(await statusRead); // the experiment existed when the hook was called
        var spool = Dispatch.Grains.IncidentSpool.BesideDatabase(Path.Combine(dir, "state.db"));
        Assert.All(outcome.IncidentRows, file => Assert.StartsWith(spool, file!.Path)); // the result says where, not what
        outcome = await outcome.TakeIncidentRowsAsync(cluster.Grains, Path.Combine(dir, "taken"), CancellationToken.None);
        Assert.Empty(Directory.GetFiles(spool)); // moved out of the silo's spool

        // The expected file: the header once, then every replication's rows as the kernel writes them.
        var expected = new System.Text.StringBuilder(CsvWriters.IncidentsHeader).Append('\n');
        for (var r = 0; r < 3; r++)
        {
            var sim = new Simulator(ScenarioBuilder.Build(ScenarioJson.Parse(json, "test")), 7, r, 2);
            sim.RunToEnd();
            CsvWriters.AppendIncidents(expected, sim);
        }
        Assert.Equal(3, outcome.TakenIncidentRows!.Count);
        Assert.Equal(expected.ToString(), outcome.ReadIncidentsCsv());
        var byReplication = outcome.TakenIncidentRows.Select(file => Dispatch.Cli.Output.Charts.ResponseMinutesFromCsv([File.ReadAllText(file.Path)])).ToList();

        Dispatch.Cli.Output.RunOutputWriter.WriteFiles(Path.Combine(dir, "out"), outcome);
        var bytes = File.ReadAllBytes(Path.Combine(dir, "out", "incidents.csv"));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(expected.ToString()), bytes); // UTF-8, no byte order mark
        Assert.All(outcome.TakenIncidentRows, file => Assert.False(File.Exists(file.Path))); // moved in or deleted
        // The response distribution read a file at a time is the one of the whole text.
        var all = Dispatch.Cli.Output.Charts.ResponseMinutesFromCsv([expected.ToString()]);
        Assert.True(all.Count > 100, $"{all.Count} response times");
        Assert.Equal(all, byReplication.SelectMany(values => values));
        using var stream = File.OpenRead(Path.Combine(dir, "out", "incidents.csv"));
        Assert.Equal(all, Dispatch.Cli.Output.Charts.ResponseMinutes(stream, stream.Length));
    }
}

/// <summary>The client follows a run through its observer: the end is known at once, not at the next status read.</summary>
[Collection(PollPeriodCollection.Name)]
public sealed class RunFollowingTests
{
    [Fact]
    public async Task The_end_of_a_run_reaches_the_client_through_its_observer()
    {
        var json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(CliRunner.Scenario("small-town.json")));
        await using var cluster = await EmbeddedCluster.StartAsync(Path.Combine(CliRunner.TempDir(), "state.db"), CancellationToken.None);
        var saved = RunOrchestrator.PollPeriod;
        RunOrchestrator.PollPeriod = TimeSpan.FromSeconds(60);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var outcome = await RunOrchestrator.RunAsync(cluster.Grains, new RunSettings(json, 3, 2, 2, "follow-test"), null, CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(50));
            Assert.Equal(2, outcome.Replications.Count);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        }
        finally
        {
            RunOrchestrator.PollPeriod = saved;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PollPeriodCollection
{
    public const string Name = "the run orchestrator's poll period";
}
