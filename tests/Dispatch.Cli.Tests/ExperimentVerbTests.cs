using System.Text.RegularExpressions;

namespace Dispatch.Cli.Tests;

/// <summary>The embedded state file keeps finished runs: runs lists them, result writes them again, inspect shows their zones and units.</summary>
public sealed partial class ExperimentVerbTests
{
    [GeneratedRegex(@"run id (run-[0-9-]+)")]
    private static partial Regex RunIdLine();

    [Fact]
    public async Task A_finished_embedded_run_is_listed_fetched_again_and_inspected_from_a_new_process()
    {
        var dir = CliRunner.TempDir();
        var state = Path.Combine(dir, "state.db");
        var run = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "2", "--out", Path.Combine(dir, "run"), "--state", state);
        Assert.True(run.Exit == 0, run.Err);
        var runId = RunIdLine().Match(run.Out.Replace("\n", "", StringComparison.Ordinal)).Groups[1].Value;
        Assert.NotEmpty(runId);

        var listed = await CliRunner.RunAsync("runs", "--state", state);
        Assert.True(listed.Exit == 0, listed.Err);
        Assert.Contains("finished", listed.Out);

        var fetched = await CliRunner.RunAsync("result", runId, "--out", Path.Combine(dir, "fetched"), "--state", state);
        Assert.True(fetched.Exit == 0, fetched.Err);
        foreach (var file in new[] { "report.json", "incidents.csv", "units.csv", "report.md", "scenario.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "run", file)), File.ReadAllBytes(Path.Combine(dir, "fetched", file)));
        }

        var zone = await CliRunner.RunAsync("inspect", runId, "zone", "mall", "--state", state);
        Assert.True(zone.Exit == 0, zone.Err);
        Assert.Contains("zone mall", zone.Out);
        Assert.Contains("end of run", zone.Out);
        var unit = await CliRunner.RunAsync("inspect", runId, "unit", "car-n-1", "--state", state);
        Assert.True(unit.Exit == 0, unit.Err);
        Assert.Contains("dispatches", unit.Out);

        var unknown = await CliRunner.RunAsync("inspect", runId, "zone", "no-such-zone", "--state", state);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no zone 'no-such-zone'", unknown.Err);
        var badKind = await CliRunner.RunAsync("inspect", runId, "station", "north", "--state", state);
        Assert.Equal(2, badKind.Exit);
        var badReplication = await CliRunner.RunAsync("inspect", runId, "zone", "mall", "--replication", "3", "--state", state);
        Assert.Equal(2, badReplication.Exit);
        Assert.Contains("replications 0 to 0", badReplication.Err);
    }

    [Fact]
    public async Task Watch_shows_the_selected_zone_and_unit_from_their_grains()
    {
        var dir = CliRunner.TempDir();
        var watch = await CliRunner.RunAsync("watch", CliRunner.Scenario("small-town.json"), "--speed", "max", "--days", "1", "--zone", "mall", "--unit", "car-n-1",
            "--out", Path.Combine(dir, "live"), "--state", Path.Combine(dir, "state.db"));
        Assert.True(watch.Exit == 0, watch.Err);
        var zoneLines = watch.Out.Split('\n').Where(l => l.Contains("zone mall:", StringComparison.Ordinal)).ToList();
        Assert.True(zoneLines.Count >= 20, $"{zoneLines.Count} zone lines"); // once per simulated hour
        Assert.Contains(watch.Out.Split('\n'), l => l.Contains("unit car-n-1:", StringComparison.Ordinal));
        // The last panel (the end of the run) counts the zone's incidents of incidents.csv.
        var header = File.ReadLines(Path.Combine(dir, "live", "incidents.csv")).First().Split(',').ToList();
        var zoneColumn = header.IndexOf("zone");
        var mall = File.ReadLines(Path.Combine(dir, "live", "incidents.csv")).Skip(1).Count(l => l.Split(',')[zoneColumn] == "mall");
        Assert.Contains($"zone mall: {mall} incidents", zoneLines[^1]);
    }
}
