using Dispatch.Abstractions;
using Dispatch.Cli.Running;
using Dispatch.Model.Loading;

namespace Dispatch.Cli.Tests;

/// <summary>Two processes (here: two embedded silos) sharing one state file, as two runs at once do.</summary>
public sealed class SharedStateTests
{
    [Fact]
    public async Task A_scenario_text_stored_meanwhile_by_another_silo_on_the_same_file_is_no_failure()
    {
        var json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(CliRunner.Scenario("small-town.json")));
        var key = IScenarioDocumentGrain.KeyOf(json);
        var state = Path.Combine(CliRunner.TempDir(), "shared.db");
        await using var first = await EmbeddedCluster.StartAsync(state, CancellationToken.None);
        await using var second = await EmbeddedCluster.StartAsync(state, CancellationToken.None);

        // The first silo's document grain is active and has read "nothing stored" ...
        Assert.Null(await first.Grains.GetGrain<IScenarioDocumentGrain>(key).GetAsync());
        // ... when the other process stores the same text ...
        await second.Grains.GetGrain<IScenarioDocumentGrain>(key).StoreAsync(json);
        // ... and then its own run stores it too: the text is there, so that is success, not a version conflict.
        await first.Grains.GetGrain<IScenarioDocumentGrain>(key).StoreAsync(json);
        Assert.Equal(json, await first.Grains.GetGrain<IScenarioDocumentGrain>(key).GetAsync());
    }

    [Fact]
    public async Task Two_runs_at_once_on_one_state_file_both_succeed_without_failure_logs()
    {
        var dir = CliRunner.TempDir();
        var state = Path.Combine(dir, "shared.db");
        using var first = CliProcess.Start("run", CliRunner.Scenario("small-town.json"), "--days", "20", "--replications", "3", "--out", Path.Combine(dir, "a"), "--state", state);
        using var second = CliProcess.Start("run", CliRunner.Scenario("small-town.json"), "--days", "20", "--replications", "3", "--out", Path.Combine(dir, "b"), "--state", state);

        Assert.True(await first.ExitCodeAsync() == 0, first.Error);
        Assert.True(await second.ExitCodeAsync() == 0, second.Error);
        foreach (var run in new[] { first, second })
        {
            Assert.DoesNotContain("Exception", run.Error);
            Assert.DoesNotContain("repeated", run.Output);
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", "report.json")), File.ReadAllBytes(Path.Combine(dir, "b", "report.json")));
    }
}

/// <summary>The state database does not keep every run ever made.</summary>
public sealed class PruneTests
{
    private static long Rows(string state)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={state};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM OrleansStorage WHERE GrainTypeString IN ('run', 'request', 'scenario', 'experiment');";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Runs_prune_deletes_rows_older_than_the_retention_and_keeps_recent_ones()
    {
        var dir = CliRunner.TempDir();
        var state = Path.Combine(dir, "s.db");
        var run = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--replications", "2", "--out", Path.Combine(dir, "out"), "--state", state, "--no-actors");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(6, Rows(state)); // the experiment, two replications' request and checkpoint, one scenario text

        var recent = await CliRunner.RunAsync("runs", "--prune", "--state", state);
        Assert.True(recent.Exit == 0, recent.Err);
        Assert.Equal(6, Rows(state));

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={state};Pooling=False"))
        {
            connection.Open();
            using var age = connection.CreateCommand();
            age.CommandText = "UPDATE OrleansStorage SET ModifiedOn = datetime('now', '-31 days');";
            age.ExecuteNonQuery();
        }
        var old = await CliRunner.RunAsync("runs", "--prune", "--state", state);
        Assert.True(old.Exit == 0, old.Err);
        Assert.Contains("pruned 6 stored row(s)", old.Out);
        Assert.Equal(0, Rows(state));
    }
}
