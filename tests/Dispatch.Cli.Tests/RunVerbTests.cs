using System.Text.Json;

namespace Dispatch.Cli.Tests;

public sealed class RunVerbTests
{
    [Fact]
    public async Task Run_writes_the_four_files_and_prints_a_summary()
    {
        var dir = CliRunner.TempDir();
        var (exit, output, error) = await CliRunner.RunAsync(
            "run", CliRunner.Scenario("small-town.json"), "--days", "2", "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "state.db"));

        Assert.True(exit == 0, error);
        Assert.Contains("Handling rate", output);
        Assert.Contains("simulated days per second", output);
        foreach (var name in new[] { "report.json", "report.md", "incidents.csv", "units.csv" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, "out", name)).Length > 0, name);
        }
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "report.json")));
        var root = report.RootElement;
        Assert.Equal(2, root.GetProperty("simulatedDays").GetDouble());
        var total = root.GetProperty("incidents").GetProperty("total").GetInt32();
        var rows = File.ReadAllLines(Path.Combine(dir, "out", "incidents.csv"));
        Assert.StartsWith("replication,id,zone,type,priority,createdAt,dispatchedAt,arrivedAt,clearedAt,unit,outcome", rows[0]);
        Assert.Equal(total, rows.Length - 1);
        Assert.Equal(12, File.ReadAllLines(Path.Combine(dir, "out", "units.csv")).Length - 1); // 3 + 3 cars, foot post, tactical, 2 bicycles, 2 surge
        Assert.Contains("# Dispatch report: small-town", File.ReadAllText(Path.Combine(dir, "out", "report.md")));
    }

    [Fact]
    public async Task Same_scenario_and_seed_give_a_byte_identical_report()
    {
        var dir = CliRunner.TempDir();
        var first = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "3", "--seed", "9",
            "--out", Path.Combine(dir, "a"), "--state", Path.Combine(dir, "a.db"));
        var second = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "3", "--seed", "9",
            "--out", Path.Combine(dir, "b"), "--state", Path.Combine(dir, "b.db"));
        var third = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "3", "--seed", "10",
            "--out", Path.Combine(dir, "c"), "--state", Path.Combine(dir, "c.db"));

        Assert.Equal(0, first.Exit + second.Exit + third.Exit);
        var a = File.ReadAllBytes(Path.Combine(dir, "a", "report.json"));
        Assert.Equal(a, File.ReadAllBytes(Path.Combine(dir, "b", "report.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", "incidents.csv")), File.ReadAllBytes(Path.Combine(dir, "b", "incidents.csv")));
        Assert.NotEqual(a, File.ReadAllBytes(Path.Combine(dir, "c", "report.json")));
    }

    [Fact]
    public async Task Replications_report_means_with_confidence_intervals()
    {
        var dir = CliRunner.TempDir();
        var (exit, output, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("mmc-erlang.json"), "--days", "5",
            "--replications", "4", "--out", dir, "--state", Path.Combine(dir, "s.db"));
        Assert.True(exit == 0, error);
        Assert.Contains("95% CI", output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "report.json")));
        var root = report.RootElement;
        Assert.Equal(4, root.GetProperty("replications").GetInt32());
        Assert.True(root.GetProperty("ci95HalfWidth").GetProperty("queueWaitMinutes.probWait").GetDouble() > 0);
        var reps = File.ReadAllLines(Path.Combine(dir, "incidents.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().Order().ToList();
        Assert.Equal(["0", "1", "2", "3"], reps);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "x.json", "--replications", "zero")]
    [InlineData("run", "x.json", "--bogus")]
    [InlineData("fly", "x.json")]
    public async Task Bad_arguments_exit_with_code_2_and_usage(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("error", error);
    }

    [Theory]
    [InlineData("--seed", "abc", "--seed abc: expected a whole number")]
    [InlineData("--days", "x", "--days x: expected a whole number")]
    [InlineData("--replications", "1.5", "--replications 1.5: expected a whole number")]
    [InlineData("--warmup-days", "y", "--warmup-days y: expected a number")]
    public async Task A_value_of_the_wrong_kind_is_named_in_plain_words(string option, string value, string expected)
    {
        var (exit, _, error) = await CliRunner.RunAsync("run", "x.json", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("System.", error);
    }

    [Fact]
    public async Task A_missing_or_invalid_scenario_exits_with_code_2_and_says_where()
    {
        var dir = CliRunner.TempDir();
        var missing = await CliRunner.RunAsync("run", Path.Combine(dir, "nope.json"), "--out", dir);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("file not found", missing.Err);

        var broken = Path.Combine(dir, "broken.json");
        File.WriteAllText(broken, "{\n  \"name\": \"x\",\n  \"days\": \"seven\"\n}");
        var result = await CliRunner.RunAsync("run", broken, "--out", dir);
        Assert.Equal(2, result.Exit);
        Assert.Contains($"{broken}:3:", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }
}
