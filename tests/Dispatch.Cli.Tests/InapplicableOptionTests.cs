namespace Dispatch.Cli.Tests;

/// <summary>An option that would be silently ignored by the verb as called is refused with exit code 2.</summary>
public sealed class InapplicableOptionTests
{
    [Fact]
    public async Task Run_speed_without_live_is_refused_before_anything_runs()
    {
        var outDir = Path.Combine(CliRunner.TempDir(), "out");
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--speed", "600", "--out", outDir);
        Assert.Equal(2, exit);
        Assert.Contains("--speed does not apply without --live", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Run_live_refuses_detach()
    {
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--live", "--detach");
        Assert.Equal(2, exit);
        Assert.Contains("--detach does not apply to a live run", error);
    }

    [Theory]
    [InlineData("--seed", "5")]
    [InlineData("--days", "2")]
    [InlineData("--speed", "600")]
    [InlineData("--set", "surge.from=20:00")]
    public async Task Watch_attach_refuses_the_settings_of_a_new_run(string option, string value)
    {
        var (exit, _, error) = await CliRunner.RunAsync("watch", "--attach", "live-x", option, value);
        Assert.Equal(2, exit);
        Assert.Contains($"{option} does not apply to --attach", error);
    }

    [Fact]
    public async Task Watch_list_refuses_a_scenario_and_run_options()
    {
        var (exit, _, error) = await CliRunner.RunAsync("watch", "--list", "--zone", "z1");
        Assert.Equal(2, exit);
        Assert.Contains("--zone does not apply to --list", error);
        (exit, _, error) = await CliRunner.RunAsync("watch", "--list", CliRunner.Scenario("small-town.json"));
        Assert.Equal(2, exit);
        Assert.Contains("a scenario does not apply to --list", error);
    }

    [Fact]
    public async Task Watch_help_does_not_offer_replications()
    {
        using var process = CliProcess.Start("watch", "--help");
        Assert.Equal(0, await process.ExitCodeAsync());
        Assert.Contains("--attach", process.Output);
        Assert.DoesNotContain("--replications", process.Output);
    }
}
