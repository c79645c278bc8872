using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dispatch.Cli.Tests;

/// <summary><c>--overlay</c> and <c>--set</c> on the verbs that read a scenario, and the scenario.json written with the outputs.</summary>
public sealed partial class OverlayVerbTests
{
    [GeneratedRegex(@"^error: (?<file>[^:]+):(?<line>\d+):(?<column>\d+): (?<path>[^:]+): (?<message>.+)$")]
    private static partial Regex LocatedError();

    private static string NoSurge => CliRunner.Scenario(Path.Combine("overlays", "pengjiang-no-surge.json"));

    private static string[] Out(string dir, string name) => ["--out", Path.Combine(dir, name), "--state", Path.Combine(dir, name + ".db")];

    [Fact]
    public async Task Pengjiang_with_the_no_surge_overlay_reports_byte_for_byte_what_the_no_surge_file_does()
    {
        var dir = CliRunner.TempDir();
        string[] day = ["--days", "1", "--seed", "2023"];
        var overlaid = await CliRunner.RunAsync(["run", CliRunner.Scenario("pengjiang.json"), "--overlay", NoSurge, .. day, .. Out(dir, "overlaid")]);
        var twin = await CliRunner.RunAsync(["run", CliRunner.Scenario("pengjiang-no-surge.json"), .. day, .. Out(dir, "twin")]);
        Assert.True(overlaid.Exit == 0, overlaid.Err);
        Assert.True(twin.Exit == 0, twin.Err);
        var report = File.ReadAllBytes(Path.Combine(dir, "overlaid", "report.json"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "twin", "report.json")), report);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "twin", "incidents.csv")), File.ReadAllBytes(Path.Combine(dir, "overlaid", "incidents.csv")));

        // The scenario as run is written with the outputs and repeats the run.
        var effective = Path.Combine(dir, "overlaid", "scenario.json");
        using (var json = JsonDocument.Parse(File.ReadAllText(effective)))
        {
            Assert.Equal("pengjiang-no-surge", json.RootElement.GetProperty("name").GetString());
            Assert.False(json.RootElement.TryGetProperty("surge", out _));
            Assert.Equal(340, json.RootElement.GetProperty("zones").GetArrayLength());
        }
        var again = await CliRunner.RunAsync(["run", effective, .. day, .. Out(dir, "again")]);
        Assert.True(again.Exit == 0, again.Err);
        Assert.Equal(report, File.ReadAllBytes(Path.Combine(dir, "again", "report.json")));
    }

    [Fact]
    public async Task Compare_one_scenario_with_itself_under_an_overlay_on_one_side()
    {
        var dir = CliRunner.TempDir();
        var (exit, output, error) = await CliRunner.RunAsync(["compare", CliRunner.Scenario("small-town.json"),
            "--set-b", "surge.from=19:00", "--set-b", "surge.units[id=surge-foot].count=4", "--days", "2", "--replications", "2", .. Out(dir, "out")]);
        Assert.True(exit == 0, error);
        Assert.Contains("A = small-town, B = small-town", output);
        using var compare = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "compare.json")));
        Assert.False(compare.RootElement.GetProperty("a").TryGetProperty("overlays", out _));
        Assert.Equal(["--set surge.from=19:00", "--set surge.units[id=surge-foot].count=4"],
            compare.RootElement.GetProperty("b").GetProperty("overlays").EnumerateArray().Select(e => e.GetString()));
        string Surge(string side) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", side, "scenario.json"))).RootElement.GetProperty("surge").ToString();
        Assert.Contains("\"22:00\"", Surge("a"));
        Assert.Contains("\"19:00\"", Surge("b"));
        Assert.Contains("\"count\": 4", Surge("b"));
        var incidents = compare.RootElement.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "visibilityRateNight");
        Assert.NotEqual(0.0, incidents.GetProperty("difference").GetDouble());
    }

    [Fact]
    public async Task Compare_without_B_needs_an_overlay_for_one_side()
    {
        var (exit, _, error) = await CliRunner.RunAsync("compare", CliRunner.Scenario("small-town.json"), "--set", "days=1");
        Assert.Equal(2, exit);
        Assert.Contains("give a second scenario B", error);
    }

    [Fact]
    public async Task Validate_locates_every_overlay_error_in_its_file_and_names_each_bad_argument()
    {
        var dir = CliRunner.TempDir();
        var overlay = Path.Combine(dir, "what-if.json");
        File.WriteAllText(overlay, """
            {
              "set": { "units[id=car-m].count": 3,
                       "surge.form": "20:00" },
              "add": { "units": [ { "id": "bike-x", "count": 1, "mode": "bicycle", "station": "nort" } ] },
              "remove": [ "units[id=tactical]" ]
            }
            """);
        var (exit, output, error) = await CliRunner.RunAsync("validate", CliRunner.Scenario("small-town.json"), "--overlay", overlay,
            "--set", "units[id=car-x].count=2", "--set", "days");
        Assert.Equal(2, exit);
        Assert.DoesNotContain("valid:", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l == "error: --set days: expected PATH=VALUE, such as units[id=car-north].count=8 or surge.from=20:00");
        Assert.Single(lines); // a malformed argument stops before the scenario is read

        (exit, _, error) = await CliRunner.RunAsync("validate", CliRunner.Scenario("small-town.json"), "--overlay", overlay, "--set", "units[id=car-x].count=2");
        Assert.Equal(2, exit);
        lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.StartsWith("error: --set units[id=car-x].count=2: no entry of units has id 'car-x'", StringComparison.Ordinal));
        var located = lines.Select(l => LocatedError().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(["2:set.units[id=car-m].count", "3:set.surge.form"],
            located.Select(m => $"{m.Groups["line"].Value}:{m.Groups["path"].Value}"));
        Assert.All(located, m => Assert.Equal(overlay, m.Groups["file"].Value));
        Assert.Contains("did you mean 'from'?", error);
        Assert.Contains("with overlays: " + overlay, error);

        // With the paths fixed, the problem in the added entry is located in the overlay too.
        File.WriteAllText(overlay, File.ReadAllText(overlay).Replace("car-m]", "car-n]").Replace("form", "from"));
        (exit, _, error) = await CliRunner.RunAsync("validate", CliRunner.Scenario("small-town.json"), "--overlay", overlay);
        Assert.Equal(2, exit);
        Assert.Contains($"error: {overlay}:4:72: add.units[0].station: unknown station 'nort'; did you mean 'north'?", error);
    }

    [Fact]
    public async Task Validate_and_run_accept_the_shipped_overlays()
    {
        foreach (var name in new[] { "pengjiang-no-surge.json", "pengjiang-surge-from-20.json" })
        {
            var (exit, output, error) = await CliRunner.RunAsync("validate", CliRunner.Scenario("pengjiang.json"), "--overlay", CliRunner.Scenario(Path.Combine("overlays", name)));
            Assert.True(exit == 0, error);
            Assert.Contains("with overlays:", output);
        }
        var dir = CliRunner.TempDir();
        var (runExit, _, runError) = await CliRunner.RunAsync(["run", CliRunner.Scenario("small-town.json"), "--live", "--speed", "max", "--days", "1",
            "--set", "surge.from=20:00", .. Out(dir, "live")]);
        Assert.True(runExit == 0, runError);
        Assert.Contains("\"from\": \"20:00\"", File.ReadAllText(Path.Combine(dir, "live", "scenario.json")));
    }
}
