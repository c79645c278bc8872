using System.Text.RegularExpressions;

namespace Dispatch.Cli.Tests;

/// <summary><c>validate</c>, the same checks before <c>run</c>, bad arguments, and output folders.</summary>
public sealed partial class ValidationVerbTests
{
    [GeneratedRegex(@"^(error|warning): (?<file>[^:]+):(?<line>\d+):(?<column>\d+): (?<path>[^:]+): (?<message>.+)$")]
    private static partial Regex ProblemLine();

    [Fact]
    public async Task Validate_says_each_example_scenario_is_valid()
    {
        var examples = Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "scenarios"), "*.json").Where(f => !f.EndsWith("broken-example.json", StringComparison.Ordinal)).ToList();
        Assert.True(examples.Count >= 2);
        foreach (var file in examples)
        {
            var (exit, output, error) = await CliRunner.RunAsync("validate", file);
            Assert.True(exit == 0, $"{file}: {error}");
            Assert.Contains("valid", output);
            Assert.DoesNotContain("error:", error);
        }
    }

    [Fact]
    public async Task Validate_lists_every_problem_of_the_broken_example_with_its_location()
    {
        var file = CliRunner.Scenario("broken-example.json");
        var (exit, output, error) = await CliRunner.RunAsync("validate", file);
        Assert.Equal(2, exit);
        Assert.DoesNotContain("valid:", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var problems = lines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count >= 35, error);
        foreach (var line in problems)
        {
            var match = ProblemLine().Match(line);
            Assert.True(match.Success, $"no file:line:column: path: in '{line}'");
            Assert.Equal(file, match.Groups["file"].Value);
        }
        // Errors first, then warnings, then the count.
        var firstWarning = problems.FindIndex(l => l.StartsWith("warning", StringComparison.Ordinal));
        Assert.True(firstWarning > 0 && problems.Skip(firstWarning).All(l => l.StartsWith("warning", StringComparison.Ordinal)));
        Assert.Matches(@"not valid: \d+ error\(s\), \d+ warning\(s\)$", lines[^1]);
        Assert.Contains(":13:3: days: expected a whole number, found the text \"seven\"", error);
        Assert.Contains("units[1].count: is 1000000000; expected a whole number of units from 1 to 20000", error);
        Assert.Contains("zonesGeoJson: GeoJSON file", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Run_refuses_an_invalid_scenario_with_the_same_messages_and_writes_nothing()
    {
        var dir = CliRunner.TempDir();
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("broken-example.json"), "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(2, exit);
        Assert.Contains("units[0].station: unknown station 'nort'; did you mean 'north'?", error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task Warnings_are_printed_but_do_not_stop_a_run()
    {
        var dir = CliRunner.TempDir();
        var path = Path.Combine(dir, "typo.json");
        File.WriteAllText(path, File.ReadAllText(CliRunner.Scenario("mmc-erlang.json")).Replace("\"seed\": 7,", "\"seed\": 7, \"sed\": 8,"));
        var validate = await CliRunner.RunAsync("validate", path);
        Assert.Equal(0, validate.Exit);
        Assert.Contains("warning: ", validate.Err);
        Assert.Contains("sed: unknown field 'sed' is ignored; did you mean 'seed'?", validate.Err);
        var run = await CliRunner.RunAsync("run", path, "--days", "1", "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db"));
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("did you mean 'seed'?", run.Err);
        Assert.True(File.Exists(Path.Combine(dir, "out", "report.json")));
    }

    [Theory]
    [InlineData(new[] { "fly", "x.json" }, "Unrecognized command or argument 'fly'", "verbs: run, compare")]
    [InlineData(new[] { "validate" }, "Required argument missing", "Usage: dispatch validate <scenario>")]
    [InlineData(new[] { "run", "x.json", "--seeed", "3" }, "Unrecognized command or argument '--seeed'", "Usage: dispatch run <scenario>")]
    [InlineData(new[] { "run", "x.json", "--days", "ten" }, "ten", "Usage: dispatch run <scenario>")]
    [InlineData(new[] { "run", "x.json", "--days", "0" }, "--days 0: expected a whole number of days from 1 to 3650", "Usage: dispatch run")]
    [InlineData(new[] { "run", "x.json", "--replications", "20000" }, "--replications 20000: expected a whole number from 1 to 10000", "Usage: dispatch run")]
    [InlineData(new[] { "compare", "a.json", "b.json", "--warmup-days", "-1" }, "--warmup-days -1: expected 0 or more days", "Usage: dispatch compare")]
    public async Task Bad_arguments_give_a_clear_error_with_usage_and_exit_code_2(string[] args, string message, string usage)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains(message, error);
        Assert.Contains(usage, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_too_big_run_is_refused_before_it_starts()
    {
        var dir = CliRunner.TempDir();
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("pengjiang.json"), "--days", "3650", "--replications", "100",
            "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(2, exit);
        Assert.Contains("--days 3650, --replications 100:", error);
        Assert.Contains("the limit is 20,000,000 per run", error);
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_is_a_clear_error()
    {
        var dir = CliRunner.TempDir();
        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "x");
        var onFile = await CliRunner.RunAsync("run", CliRunner.Scenario("mmc-erlang.json"), "--out", file, "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(2, onFile.Exit);
        Assert.Contains($"--out {file}: is a file; expected a folder", onFile.Err);
        Assert.Contains("Usage: dispatch run", onFile.Err);
        var under = await CliRunner.RunAsync("run", CliRunner.Scenario("mmc-erlang.json"), "--out", Path.Combine(file, "out"), "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(2, under.Exit);
        Assert.Contains("the folder cannot be written", under.Err);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public async Task An_existing_output_is_not_overwritten_without_overwrite_and_is_replaced_whole_with_it()
    {
        var dir = CliRunner.TempDir();
        var outDir = Path.Combine(dir, "out");
        string[] Args(params string[] more) =>
            ["run", CliRunner.Scenario("mmc-erlang.json"), "--days", "2", "--out", outDir, "--state", Path.Combine(dir, "s.db"), .. more];
        Assert.Equal(0, (await CliRunner.RunAsync(Args("--seed", "1"))).Exit);
        var first = File.ReadAllBytes(Path.Combine(outDir, "report.json"));

        var refused = await CliRunner.RunAsync(Args("--seed", "2"));
        Assert.Equal(2, refused.Exit);
        Assert.Contains("already holds the output of an earlier run; add --overwrite", refused.Err);
        // The embedded silo's start, cancelled by the refusal, leaves no log entry of its own behind.
        Assert.DoesNotContain("fail:", refused.Err);
        Assert.DoesNotContain("Exception", refused.Err);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(outDir, "report.json")));

        var replaced = await CliRunner.RunAsync(Args("--seed", "2", "--overwrite"));
        Assert.True(replaced.Exit == 0, replaced.Err);
        Assert.NotEqual(first, File.ReadAllBytes(Path.Combine(outDir, "report.json")));
        Assert.Contains(Path.Combine(dir, "out"), Directory.GetFileSystemEntries(dir));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir), e => e.Contains(".partial-", StringComparison.Ordinal) || e.Contains(".old-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_files_in_the_output_folder_are_kept_when_it_is_overwritten()
    {
        var dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        string[] Args(params string[] more) =>
            ["run", CliRunner.Scenario("mmc-erlang.json"), "--days", "2", "--out", dir, "--state", Path.Combine(dir, "s.db"), .. more];
        Assert.Equal(0, (await CliRunner.RunAsync(Args())).Exit); // a folder without an earlier output is fine
        var again = await CliRunner.RunAsync(Args("--seed", "3", "--overwrite"));
        Assert.True(again.Exit == 0, again.Err);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(dir, "s.db")));
        Assert.True(File.Exists(Path.Combine(dir, "report.json")));
        Assert.False(File.Exists(Path.Combine(dir, "OUTPUT-INCOMPLETE.txt")));
    }

    [Fact]
    public async Task A_state_file_that_cannot_be_created_is_named_in_one_line_with_exit_code_2()
    {
        var dir = CliRunner.TempDir();
        var blocker = Path.Combine(dir, "blocker");
        File.WriteAllText(blocker, "not a folder");
        // The state database cannot be created under a file: said with its path, as bad input.
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("mmc-erlang.json"), "--days", "1", "--out", Path.Combine(dir, "out"),
            "--state", Path.Combine(blocker, "s.db"));
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: state file {Path.Combine(blocker, "s.db")}: ", error.TrimStart());
        Assert.DoesNotContain("   at ", error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
