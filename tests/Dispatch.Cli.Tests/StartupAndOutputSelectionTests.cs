using System.Diagnostics;
using System.Text.Json;

namespace Dispatch.Cli.Tests;

/// <summary>
/// Issue 19: <c>run --no-incidents</c> leaves out incidents.csv (and the response chart drawn from
/// it) with the same report; a verb that stops on an invalid scenario stops the silo it started
/// ahead; the bench's whole-process figures time real commands and judge them against targets.
/// </summary>
public sealed class StartupAndOutputSelectionTests
{
    [Fact]
    public async Task No_incidents_leaves_out_the_rows_and_keeps_the_report()
    {
        var dir = CliRunner.TempDir();
        var full = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "2", "--out", Path.Combine(dir, "full"), "--state", Path.Combine(dir, "a.db"));
        var lean = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "2", "--no-incidents", "--out", Path.Combine(dir, "lean"), "--state", Path.Combine(dir, "b.db"));

        Assert.True(full.Exit == 0, full.Err);
        Assert.True(lean.Exit == 0, lean.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "full", "report.json")), File.ReadAllBytes(Path.Combine(dir, "lean", "report.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "full", "units.csv")), File.ReadAllBytes(Path.Combine(dir, "lean", "units.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "full", "incidents.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "lean", "incidents.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "lean", "response-cdf.png")));
        Assert.True(File.Exists(Path.Combine(dir, "lean", "visibility-by-hour.png")));
        Assert.DoesNotContain("response-cdf.png", File.ReadAllText(Path.Combine(dir, "lean", "report.md")));
        Assert.DoesNotContain("incidents.csv", lean.Out);
    }

    [Fact]
    public async Task A_verb_leaves_its_start_up_profile_beside_the_program_and_starts_from_it_next_time()
    {
        var profile = Path.Combine(AppContext.BaseDirectory, "jit-profiles", "validate.jitprofile");
        var first = await CliRunner.RunAsync("validate", CliRunner.Scenario("small-town.json"));
        Assert.True(first.Exit == 0, first.Err);
        Assert.True(File.Exists(profile), "no profile written at " + profile);
        Assert.True(new FileInfo(profile).Length > 1000, "the profile holds no methods");
        var second = await CliRunner.RunAsync("validate", CliRunner.Scenario("small-town.json"));
        Assert.True(second.Exit == 0, second.Err);
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Saving_the_start_up_profile_writes_it_at_once_and_only_once()
    {
        var profile = Path.Combine(AppContext.BaseDirectory, "jit-profiles", "profilesave.jitprofile");
        File.Delete(profile);
        Dispatch.Cli.Running.StartupProfile.Start(["profilesave"]);
        // Something compiled after the start, so the profile has a method to hold.
        Assert.Equal(3, System.Linq.Enumerable.Count(System.Linq.Enumerable.Where(new[] { 1, 2, 3 }, x => x > 0)));
        Dispatch.Cli.Running.StartupProfile.Save();
        Assert.True(File.Exists(profile), "the profile is not written before the process exits");
        var written = File.GetLastWriteTimeUtc(profile);
        Dispatch.Cli.Running.StartupProfile.Save(); // nothing more is recorded or written
        Assert.Equal(written, File.GetLastWriteTimeUtc(profile));
    }

    [Fact]
    public async Task An_invalid_scenario_is_reported_as_before_the_early_silo()
    {
        var dir = CliRunner.TempDir();
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("broken-example.json"), "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "state.db"));

        Assert.Equal(2, exit);
        Assert.Contains("not valid", error);
        Assert.DoesNotContain("state file", error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    // Slow-ish: a bench process that starts 2 x 2 child processes of dispatch.
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Bench_times_whole_commands_and_judges_them()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dispatch.exe" : "dispatch");
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = CliRunner.RepoRoot };
        foreach (var a in new[] { "bench", "--json", "--process-only", "--commands", "help,validate", "--process-runs", "2" })
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, await errors);

        using var json = JsonDocument.Parse(await output);
        var root = json.RootElement;
        Assert.Empty(root.GetProperty("sizes").EnumerateArray());
        var cases = root.GetProperty("processes").EnumerateArray().ToList();
        Assert.Equal(["help", "validate"], cases.Select(c => c.GetProperty("name").GetString()));
        foreach (var c in cases)
        {
            Assert.Equal(2, c.GetProperty("runs").GetInt32());
            var wall = c.GetProperty("wallSeconds");
            Assert.InRange(wall.GetProperty("median").GetDouble(), wall.GetProperty("min").GetDouble(), wall.GetProperty("max").GetDouble());
            Assert.True(wall.GetProperty("min").GetDouble() > 0);
            if (File.Exists("/usr/bin/time"))
            {
                Assert.True(c.GetProperty("cpuSeconds").GetProperty("median").GetDouble() > 0);
                Assert.InRange(c.GetProperty("peakMib").GetProperty("median").GetDouble(), 5, 4096);
            }
        }
        var target = Assert.Single(root.GetProperty("targets").EnumerateArray());
        Assert.Equal("validate", target.GetProperty("name").GetString());
        Assert.Equal(cases[1].GetProperty("wallSeconds").GetProperty("median").GetDouble() <= 0.4, target.GetProperty("met").GetBoolean());
    }
}
