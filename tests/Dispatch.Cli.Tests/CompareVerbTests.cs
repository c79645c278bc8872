using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dispatch.Cli.Tests;

public sealed class CompareVerbTests
{
    [Fact]
    public async Task A_scenario_compared_with_itself_differs_by_zero_everywhere()
    {
        var dir = CliRunner.TempDir();
        var scenario = CliRunner.Scenario("small-town.json");
        var (exit, output, error) = await CliRunner.RunAsync("compare", scenario, scenario, "--replications", "3", "--days", "2",
            "--out", dir, "--state", Path.Combine(dir, "s.db"));
        Assert.True(exit == 0, error);
        Assert.Contains("no significant difference", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
        var measures = json.RootElement.GetProperty("measures").EnumerateArray().ToList();
        Assert.True(measures.Count >= 15);
        foreach (var m in measures)
        {
            Assert.Equal(0.0, m.GetProperty("difference").GetDouble());
            Assert.Equal("no significant difference", m.GetProperty("verdict").GetString());
        }
        Assert.True(File.Exists(Path.Combine(dir, "a", "report.json")) && File.Exists(Path.Combine(dir, "b", "report.json")));
        Assert.Contains("differences.png", File.ReadAllText(Path.Combine(dir, "compare.md")));
        AssertPng(Path.Combine(dir, "differences.png"));
    }

    [Fact]
    public async Task Twice_the_units_is_a_significant_improvement_in_response_time()
    {
        var dir = CliRunner.TempDir();
        var baseline = JsonNode.Parse(File.ReadAllText(CliRunner.Scenario("mmc-erlang.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var doubled = baseline.DeepClone();
        doubled["units"]![0]!["count"] = 6;
        doubled["name"] = "mmc-doubled";
        var pathA = Path.Combine(dir, "a.json");
        var pathB = Path.Combine(dir, "b.json");
        File.WriteAllText(pathA, baseline.ToJsonString());
        File.WriteAllText(pathB, doubled.ToJsonString());

        var (exit, _, error) = await CliRunner.RunAsync("compare", pathA, pathB, "--replications", "5", "--days", "10",
            "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db"));
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "compare.json")));
        var response = json.RootElement.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "responseMinutes.mean");
        Assert.Equal("better", response.GetProperty("verdict").GetString());
        Assert.True(response.GetProperty("difference").GetDouble() < -response.GetProperty("ci95HalfWidth").GetDouble());
        // Same arrivals on both sides (common random numbers): the incident counts are identical.
        var total = json.RootElement.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "incidents.total");
        Assert.Equal(0.0, total.GetProperty("difference").GetDouble());
    }

    [Fact]
    public async Task Run_writes_valid_nonempty_chart_images_embedded_in_the_report()
    {
        var dir = CliRunner.TempDir();
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "2", "--out", dir, "--state", Path.Combine(dir, "s.db"));
        Assert.True(exit == 0, error);
        var markdown = File.ReadAllText(Path.Combine(dir, "report.md"));
        foreach (var chart in new[] { "response-cdf.png", "visibility-by-hour.png", "visibility-by-zone.png", "unit-time-by-status.png" })
        {
            AssertPng(Path.Combine(dir, chart));
            Assert.Contains($"]({chart})", markdown);
        }
    }

    [Fact]
    public async Task Warm_up_days_are_left_out_of_the_statistics()
    {
        var dir = CliRunner.TempDir();
        var full = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "3", "--out", Path.Combine(dir, "full"), "--state", Path.Combine(dir, "s.db"));
        var warm = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "3", "--warmup-days", "1", "--out", Path.Combine(dir, "warm"), "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(0, full.Exit + warm.Exit);
        using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "full", "report.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "warm", "report.json")));
        var createdAfterWarmup = File.ReadAllLines(Path.Combine(dir, "full", "incidents.csv")).Skip(1)
            .Count(l => double.Parse(l.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture) >= 1440);
        Assert.Equal(createdAfterWarmup, b.RootElement.GetProperty("incidents").GetProperty("total").GetInt32());
        Assert.Equal(1.0, b.RootElement.GetProperty("warmupDays").GetDouble());
        var unit = b.RootElement.GetProperty("units")[0].GetProperty("minutes");
        var minutes = unit.EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.Equal(2 * 1440.0, minutes, 3);
        var bad = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "2", "--warmup-days", "2", "--out", dir);
        Assert.Equal(2, bad.Exit);
    }

    [Fact]
    public async Task Progress_is_reported_as_plain_lines_when_not_interactive()
    {
        var dir = CliRunner.TempDir();
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "3", "--out", dir, "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(0, exit);
        Assert.Contains("progress: small-town 100%", error);
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 2000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
    }
}
