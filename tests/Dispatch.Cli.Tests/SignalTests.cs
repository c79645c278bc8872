namespace Dispatch.Cli.Tests;

/// <summary>SIGTERM (service managers, CI runners, <c>timeout</c>) stops a run as Ctrl+C does.</summary>
public sealed class SignalTests
{
    [Fact]
    public async Task Sigterm_stops_a_run_with_exit_143_writing_nothing_and_keeping_the_previous_output()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "out");
        var state = Path.Combine(dir, "s.db");
        var first = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", state);
        Assert.True(first.Exit == 0, first.Err);
        var before = Directory.GetFiles(outDir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

        using var run = CliProcess.Start("run", CliRunner.Scenario("small-town.json"), "--days", "3650", "--seed", "5", "--overwrite", "--out", outDir, "--state", state);
        Assert.True(await run.WaitForErrorAsync("progress:"), run.Error);
        run.Signal("TERM");
        var exit = await run.ExitCodeAsync();

        Assert.True(exit == 143, $"exit {exit}: {run.Error}");
        Assert.Contains("interrupted: no output written", run.Error);
        Assert.DoesNotContain("Wrote", run.Output);
        var after = Directory.GetFiles(outDir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before)
        {
            Assert.Equal(bytes, after[name]);
        }
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir), e => e.Contains(".partial-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_writer_to_the_same_output_folder_is_refused_while_the_first_runs()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "out");
        using var first = CliProcess.Start("run", CliRunner.Scenario("small-town.json"), "--days", "3650", "--out", outDir, "--state", Path.Combine(dir, "a.db"));
        Assert.True(await first.WaitForErrorAsync("progress:"), first.Error);

        var second = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", Path.Combine(dir, "b.db"), "--overwrite");

        Assert.True(second.Exit == 2, $"exit {second.Exit}: {second.Err}");
        Assert.Contains("another dispatch process is writing", second.Err);
        Assert.False(Directory.Exists(outDir));
        first.Signal("TERM");
        Assert.Equal(143, await first.ExitCodeAsync());

        var third = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", Path.Combine(dir, "b.db"));
        Assert.True(third.Exit == 0, third.Err);
    }
}
