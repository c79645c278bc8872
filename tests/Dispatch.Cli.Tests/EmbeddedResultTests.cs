using Dispatch.Abstractions;
using Dispatch.Cli.Running;
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
        var at = await grain.StartAsync(new RunRequest(json, 7, 0, 2));
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
        Assert.Equal(expected, result.ReportJson); // written on demand from the object
    }

}

/// <summary>
/// A verb that loads a scenario hands its validated build to the embedded silo: the grains of the
/// run get that object, not a rebuild of the text. The scenario cache is process-wide: this test
/// empties it first (a text already kept, by an earlier test's run, keeps its build) and runs alone,
/// so that no other test's run fills or empties it meanwhile.
/// </summary>
[Collection(ScenarioCacheCollection.Name)]
public sealed class ScenarioHandOverTests
{
    [Fact]
    public void A_loaded_scenario_is_the_build_the_embedded_grains_run()
    {
        ScenarioCache.Clear();
        var loaded = Dispatch.Cli.Commands.ScenarioInput.Load(CliRunner.Scenario("small-town.json"), TextWriter.Null);
        Assert.NotNull(loaded);
        Assert.Same(loaded.Value.Scenario, ScenarioCache.Get(loaded.Value.Json));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScenarioCacheCollection
{
    public const string Name = "the process-wide scenario cache";
}
