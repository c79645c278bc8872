using Dispatch.Cli.Output;
using Spectre.Console.Testing;

namespace Dispatch.Cli.Tests;

/// <summary>Interrupting a run (Ctrl+C, here a cancelled token) leaves no corrupt or half-written output.</summary>
public sealed class InterruptTests
{
    /// <summary>Cancels as soon as the run reports progress (so the run is under way, far from done).</summary>
    private sealed class CancelOnProgress(CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.StartsWith("progress:", StringComparison.Ordinal) == true)
            {
                cancel.Cancel();
            }
        }
    }

    private static async Task<(int Exit, string Err)> RunInterruptedAsync(params string[] args)
    {
        using var cancel = new CancellationTokenSource();
        cancel.CancelAfter(TimeSpan.FromMinutes(2)); // never hang the test run
        var error = new CancelOnProgress(cancel);
        var exit = await CliApp.RunAsync(args, new TestConsole().Width(140), error, cancel.Token);
        return (exit, error.ToString());
    }

    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);

    private static void AssertNoLeftovers(string parent) =>
        Assert.DoesNotContain(Directory.GetFileSystemEntries(parent), e => e.Contains(".partial-", StringComparison.Ordinal) || e.Contains(".old-", StringComparison.Ordinal));

    [Fact]
    public async Task Interrupting_a_run_into_a_new_folder_writes_nothing()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "out");
        var (exit, error) = await RunInterruptedAsync("run", CliRunner.Scenario("small-town.json"), "--days", "3650", "--out", outDir, "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(130, exit);
        Assert.Contains("interrupted: no output written", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(Directory.Exists(outDir));
        AssertNoLeftovers(dir);
    }

    [Fact]
    public async Task Interrupting_an_overwrite_leaves_the_previous_complete_output_untouched()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "out");
        var first = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", Path.Combine(dir, "s.db"));
        Assert.True(first.Exit == 0, first.Err);
        var before = Snapshot(outDir);

        var (exit, error) = await RunInterruptedAsync("run", CliRunner.Scenario("small-town.json"), "--days", "3650", "--seed", "5", "--overwrite",
            "--out", outDir, "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(130, exit);
        Assert.Contains("interrupted: no output written", error);
        var after = Snapshot(outDir);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before)
        {
            Assert.Equal(bytes, after[name]);
        }
        AssertNoLeftovers(dir);
    }

    [Fact]
    public async Task Interrupting_a_comparison_writes_nothing()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "cmp");
        var scenario = CliRunner.Scenario("small-town.json");
        var (exit, error) = await RunInterruptedAsync("compare", scenario, scenario, "--days", "3650", "--out", outDir, "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(130, exit);
        Assert.Contains("interrupted", error);
        Assert.False(Directory.Exists(outDir));
        AssertNoLeftovers(dir);
    }

    [Fact]
    public async Task A_cancellation_before_the_start_stops_at_once()
    {
        var dir = CliRunner.TempDir();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(["run", CliRunner.Scenario("mmc-erlang.json"), "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db")],
            new TestConsole(), error, cancel.Token);
        Assert.Equal(130, exit);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public void A_failure_or_cancellation_while_writing_keeps_the_previous_output()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "out");
        RunOutputWriter.Publish(outDir, RunOutputWriter.RunLayout, staging => File.WriteAllText(Path.Combine(staging, "report.json"), "old"));
        Assert.Equal("old", File.ReadAllText(Path.Combine(outDir, "report.json")));

        Assert.Throws<IOException>(() => RunOutputWriter.Publish(outDir, RunOutputWriter.RunLayout, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "report.json"), "half");
            throw new IOException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(Path.Combine(outDir, "report.json")));
        AssertNoLeftovers(dir);

        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => RunOutputWriter.Publish(outDir, RunOutputWriter.RunLayout, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "report.json"), "new");
            cancel.Cancel(); // Ctrl+C while the files are being written
        }, cancel.Token));
        Assert.Equal("old", File.ReadAllText(Path.Combine(outDir, "report.json")));
        AssertNoLeftovers(dir);

        RunOutputWriter.Publish(outDir, RunOutputWriter.RunLayout, staging => File.WriteAllText(Path.Combine(staging, "report.json"), "new"));
        Assert.Equal(["report.json"], Directory.GetFiles(outDir).Select(Path.GetFileName));
        Assert.Equal("new", File.ReadAllText(Path.Combine(outDir, "report.json")));
        AssertNoLeftovers(dir);
    }
}
