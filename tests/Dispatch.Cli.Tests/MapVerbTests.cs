namespace Dispatch.Cli.Tests;

/// <summary><c>map</c>: a finished run's zones coloured by a chosen measure; bad input refused with exit 2.</summary>
public sealed class MapVerbTests
{
    [Fact]
    public async Task Each_measure_draws_a_png_in_the_run_folder_and_an_existing_map_needs_overwrite()
    {
        var outDir = Path.Combine(CliRunner.TempDir(), "run");
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--out", outDir, "--no-actors");
        Assert.True(exit == 0, error);
        foreach (var measure in new[] { "response", "p90", "visibility", "incidents", "handling" })
        {
            (exit, var output, error) = await CliRunner.RunAsync("map", outDir, "--measure", measure);
            Assert.True(exit == 0, error);
            var png = Path.Combine(outDir, $"map-by-{measure}.png");
            Assert.Contains(png, output);
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 5_000, $"{png}: {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        (exit, _, error) = await CliRunner.RunAsync("map", outDir, "--measure", "incidents");
        Assert.Equal(2, exit);
        Assert.Contains("give --overwrite", error);
        (exit, _, _) = await CliRunner.RunAsync("map", outDir, "--measure", "incidents", "--overwrite");
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task An_unknown_measure_or_a_folder_without_a_run_is_refused()
    {
        var (exit, _, error) = await CliRunner.RunAsync("map", CliRunner.TempDir(), "--measure", "speed");
        Assert.Equal(2, exit);
        Assert.Contains("--measure speed: expected one of response, p90, visibility, incidents, handling", error);
        var empty = CliRunner.TempDir();
        (exit, _, error) = await CliRunner.RunAsync("map", empty);
        Assert.Equal(2, exit);
        Assert.Contains($"{empty}: not a run's output folder", error);
    }
}
