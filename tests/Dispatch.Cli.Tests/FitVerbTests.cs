namespace Dispatch.Cli.Tests;

/// <summary><c>fit</c>: from the shipped synthetic history to an overlay that <c>run</c> takes, and bad input.</summary>
public sealed class FitVerbTests
{
    private static readonly string History = CliRunner.Scenario(Path.Combine("history", "fit-town-incidents.csv"));
    private static readonly string Zones = CliRunner.Scenario(Path.Combine("history", "fit-town-zones.geojson"));

    [Fact]
    public async Task Fit_writes_an_overlay_and_a_report_and_run_takes_the_overlay()
    {
        var dir = CliRunner.TempDir();
        var overlay = Path.Combine(dir, "fit-town-demand.json");
        var (exit, output, error) = await CliRunner.RunAsync("fit", History, "--zones", Zones, "--out", overlay);
        Assert.True(exit == 0, error);
        Assert.Contains("fitted 4", output);
        Assert.True(File.Exists(overlay));
        var report = File.ReadAllText(Path.Combine(dir, "fit-town-demand.report.md"));
        Assert.Contains("## Goodness of fit", report);
        Assert.Contains("| centre |", report);
        Assert.Contains("\"deviance\"", File.ReadAllText(Path.Combine(dir, "fit-town-demand.report.json")));

        // The same output again is refused without --overwrite.
        var (again, _, refused) = await CliRunner.RunAsync("fit", History, "--zones", Zones, "--out", overlay);
        Assert.Equal(2, again);
        Assert.Contains("--overwrite", refused);

        var (ran, summary, runError) = await CliRunner.RunAsync("run", CliRunner.Scenario("fit-town.json"), "--overlay", overlay, "--days", "7",
            "--out", Path.Combine(dir, "run"), "--state", Path.Combine(dir, "state.db"));
        Assert.True(ran == 0, runError);
        Assert.Contains("Incidents", summary);
    }

    [Fact]
    public async Task A_bad_history_is_reported_with_file_line_and_column_and_exit_2()
    {
        var dir = CliRunner.TempDir();
        var csv = Path.Combine(dir, "bad.csv");
        File.WriteAllLines(csv, ["time,x,y,type,priority", "2023-01-02 08:00,1200,1200,theft,3", "2023-01-02 09:00,1200,1200,theft,high"]);
        var (exit, _, error) = await CliRunner.RunAsync("fit", csv, "--zones", Zones, "--out", Path.Combine(dir, "out.json"));
        Assert.Equal(2, exit);
        Assert.Contains($"error: {csv}:3:5: column 'priority': 'high' is not valid; expected a whole number from 1 (most urgent) to 9", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(Path.Combine(dir, "out.json")));

        File.WriteAllLines(csv, ["time,zone,type,priority", "2023-01-02 08:00,centr,theft,3"]);
        (exit, _, error) = await CliRunner.RunAsync("fit", csv, "--zones", Zones, "--out", Path.Combine(dir, "out.json"));
        Assert.Equal(2, exit);
        Assert.Contains("unknown zone 'centr'; did you mean 'centre'?", error);
        Assert.Contains(":2:", error);
    }
}
