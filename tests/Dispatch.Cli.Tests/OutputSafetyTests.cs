namespace Dispatch.Cli.Tests;

/// <summary>What a verb may replace in its output folder: only the entries it writes itself.</summary>
public sealed class OutputSafetyTests
{
    [Fact]
    public async Task Run_keeps_folders_of_the_user_that_carry_names_other_verbs_write()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "u");
        Directory.CreateDirectory(Path.Combine(outDir, "a"));
        File.WriteAllText(Path.Combine(outDir, "a", "f"), "x");
        Directory.CreateDirectory(Path.Combine(outDir, "b"));
        File.WriteAllText(Path.Combine(outDir, "compare.md"), "my notes");

        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", Path.Combine(dir, "s.db"));

        Assert.True(exit == 0, error);
        Assert.Equal("x", File.ReadAllText(Path.Combine(outDir, "a", "f")));
        Assert.True(Directory.Exists(Path.Combine(outDir, "b")));
        Assert.Equal("my notes", File.ReadAllText(Path.Combine(outDir, "compare.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "report.json")));
        Assert.False(File.Exists(Path.Combine(outDir, Output.RunOutputWriter.IncompleteMarker)));
    }

    [Fact]
    public async Task An_overwrite_replaces_the_earlier_run_output_and_keeps_everything_else()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "u");
        var state = Path.Combine(dir, "s.db");
        var first = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", state);
        Assert.True(first.Exit == 0, first.Err);
        Directory.CreateDirectory(Path.Combine(outDir, "a"));
        File.WriteAllText(Path.Combine(outDir, "a", "f"), "x");
        var before = File.ReadAllText(Path.Combine(outDir, "report.json"));

        var second = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "2", "--out", outDir, "--state", state, "--overwrite");

        Assert.True(second.Exit == 0, second.Err);
        Assert.Equal("x", File.ReadAllText(Path.Combine(outDir, "a", "f")));
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(outDir, "report.json")));
    }

    [Fact]
    public async Task A_folder_holding_a_file_the_verb_would_write_is_refused_without_overwrite()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "u");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "report.md"), "my own report");

        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", Path.Combine(dir, "s.db"));

        Assert.Equal(2, exit);
        Assert.Contains("report.md", error);
        Assert.Equal("my own report", File.ReadAllText(Path.Combine(outDir, "report.md")));
    }
}

/// <summary>An <c>--out</c> that is a symbolic link, and links planted where the staging folders go.</summary>
public sealed class OutputSymlinkTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_out_link_to_a_folder_is_kept_and_the_output_goes_into_the_folder_it_points_to(bool folderHoldsOtherFiles)
    {
        var dir = CliRunner.TempDir();
        var real = Path.Combine(dir, "real");
        var link = Path.Combine(dir, "link");
        var state = Path.Combine(dir, "s.db");
        var first = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", real, "--state", state);
        Assert.True(first.Exit == 0, first.Err);
        if (folderHoldsOtherFiles)
        {
            File.WriteAllText(Path.Combine(real, "notes.txt"), "mine");
        }
        var before = File.ReadAllText(Path.Combine(real, "report.json"));
        Directory.CreateSymbolicLink(link, real);

        var second = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "2", "--out", link, "--state", state, "--overwrite");

        Assert.True(second.Exit == 0, second.Err);
        Assert.Equal(real, new DirectoryInfo(link).LinkTarget);
        Assert.NotEqual(before, File.ReadAllText(Path.Combine(real, "report.json")));
        Assert.Equal(folderHoldsOtherFiles, File.Exists(Path.Combine(real, "notes.txt")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir), e => e.Contains(".partial-", StringComparison.Ordinal) || e.Contains(".old-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dangling_out_link_is_refused_with_exit_2()
    {
        var dir = CliRunner.TempDir();
        var link = Path.Combine(dir, "link");
        Directory.CreateSymbolicLink(link, Path.Combine(dir, "nowhere"));

        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", link, "--state", Path.Combine(dir, "s.db"));

        Assert.Equal(2, exit);
        Assert.Contains("symbolic link", error);
        Assert.False(Directory.Exists(Path.Combine(dir, "nowhere")));
    }

    [Theory]
    [InlineData("-check")]
    [InlineData("")]
    public async Task Links_planted_at_the_staging_paths_are_never_followed(string suffix)
    {
        var dir = CliRunner.TempDir();
        var victim = Path.Combine(dir, "victim");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "precious.txt"), "keep");
        var outDir = Path.Combine(dir, "out");
        Directory.CreateSymbolicLink($"{outDir}.partial-{Environment.ProcessId}{suffix}", victim);

        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", Path.Combine(dir, "s.db"));

        Assert.True(exit == 0, error);
        Assert.Equal(["precious.txt"], Directory.GetFileSystemEntries(victim).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(outDir, "report.json")));
        Assert.Null(new DirectoryInfo(outDir).LinkTarget);
    }
}

/// <summary>A state file that cannot be used is named, with exit code 2.</summary>
public sealed class StateFileTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("text")]
    [InlineData("folder")]
    public async Task A_corrupt_state_file_or_a_folder_is_named_with_exit_2(string kind)
    {
        var dir = CliRunner.TempDir();
        var state = Path.Combine(dir, "bad.db");
        switch (kind)
        {
            case "random":
                File.WriteAllBytes(state, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251)).ToArray());
                break;
            case "text":
                File.WriteAllText(state, "SQLite format 3\0 but not really");
                break;
            default:
                Directory.CreateDirectory(state);
                break;
        }

        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", Path.Combine(dir, "out"), "--state", state);

        Assert.True(exit == 2, $"exit {exit}: {error}");
        Assert.Contains(state, error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("unexpected failure", error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}

/// <summary>Staging folders left by killed processes are cleaned by the next writer of the folder.</summary>
public sealed class StaleStagingTests
{
    [Fact]
    public async Task Staging_folders_of_dead_processes_are_removed_and_those_of_live_ones_kept()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "out");
        using var ended = System.Diagnostics.Process.Start("true");
        ended.WaitForExit();
        var dead = ended.Id;
        foreach (var name in new[] { $"out.partial-{dead}", $"out.partial-{dead}-check", $"out.old-{dead}", "out.partial-1", "other.partial-" + dead })
        {
            Directory.CreateDirectory(Path.Combine(dir, name));
            File.WriteAllText(Path.Combine(dir, name, "x"), "x");
        }

        // The state file elsewhere: its incidents spool folder (s.db-spool) is not a staging folder.
        var state = Path.Combine(CliRunner.TempDir(), "s.db");
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--state", state);

        Assert.True(exit == 0, error);
        var left = Directory.GetDirectories(dir).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["other.partial-" + dead, "out", "out.partial-1"], left);
    }
}
