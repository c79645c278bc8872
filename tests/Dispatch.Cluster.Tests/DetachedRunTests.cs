using System.Diagnostics;
using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Cli.Running;
using Dispatch.Hosting;
using Orleans.Runtime;

namespace Dispatch.Cluster.Tests;

/// <summary>The cluster runs the experiment: a run outlives its client, and a silo, and is fetched by any client.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DetachedRunTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly string[] Files = ["report.json", "incidents.csv", "units.csv", "report.md", "scenario.json"];

    [Fact]
    public async Task A_run_whose_client_and_a_silo_are_killed_completes_and_its_result_is_byte_identical()
    {
        var db = await postgres.CreateDatabaseAsync("orphan");
        var dir = Paths.TempDir();
        using var siloA = SiloProcess.Start(db);
        using var siloB = SiloProcess.Start(db);
        await Task.WhenAll(siloA.WaitReadyAsync(), siloB.WaitReadyAsync());
        await using var observer = await ClusterConnection.ConnectClusterAsync(db, DispatchClusterSettings.DefaultClusterId, CancellationToken.None);
        string[] run = ["run", Paths.Scenario("small-town.json"), "--days", "365", "--seed", "5", "--replications", "2"];

        // The client: a real process, killed (SIGKILL) a fifth of the way into its run.
        var client = StartCli([.. run, "--out", Path.Combine(dir, "never"), "--cluster", db]);
        var runId = await RunIdAsync(client);
        var experiment = observer.Grains.GetGrain<IExperimentGrain>(runId);
        var clock = Stopwatch.StartNew();
        while ((await experiment.GetStatusAsync())?.Progress is not >= 0.2)
        {
            Assert.False(client.HasExited, "the client stopped by itself");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the run did not get a fifth of the way");
            await Task.Delay(100);
        }
        client.Kill(entireProcessTree: true);
        await client.WaitForExitAsync();
        var clientKilledAt = clock.Elapsed;
        var atKill = await experiment.GetStatusAsync();

        // Then the silo hosting replication 0 as well.
        var r0 = observer.Grains.GetGrain<IScenarioGrain>($"{runId}-r0");
        var host = await observer.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(r0) ?? throw new InvalidOperationException("replication 0 is not active");
        var victim = new[] { siloA, siloB }.Single(s => s.SiloPort == host.Endpoint.Port);
        victim.Kill();
        var killedAt = clock.Elapsed;

        // Nobody calls the experiment now: its reminder and watchdog must bring it to the end. Only
        // the run registry (which the experiment tells when it finishes) is read.
        var registry = observer.Grains.GetGrain<IRunRegistryGrain>(0);
        while ((await TryListingAsync(registry, runId))?.State != "finished")
        {
            Assert.True(clock.Elapsed - killedAt < TimeSpan.FromMinutes(4), "the orphaned run did not finish");
            await Task.Delay(1000);
        }
        var summary = $"client killed at {100 * atKill!.Progress:0}% ({clientKilledAt.TotalSeconds:0.0} s after submitting), silo port {victim.SiloPort} " +
            $"(replication 0) killed at {killedAt.TotalSeconds:0.0} s; the run finished {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the silo kill, with no client calling it";
        output.WriteLine(summary);

        // Any client fetches it: the same files as an undisturbed (embedded) run, byte for byte.
        var fetched = await Cli.RunAsync("result", runId, "--out", Path.Combine(dir, "fetched"), "--cluster", db);
        Assert.True(fetched.Exit == 0, fetched.Err + fetched.Out);
        var reference = await Cli.RunAsync([.. run, "--out", Path.Combine(dir, "reference"), "--state", Path.Combine(dir, "reference.db"), "--no-actors"]);
        Assert.True(reference.Exit == 0, reference.Err);
        foreach (var file in Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "reference", file)), File.ReadAllBytes(Path.Combine(dir, "fetched", file)));
        }
        Assert.False(Directory.Exists(Path.Combine(dir, "never")));
        var runs = await Cli.RunAsync("runs", "--cluster", db);
        Assert.Contains(runId, runs.Out);
        Assert.Contains("finished", runs.Out);
    }

    [Fact]
    public async Task A_detached_run_is_listed_cancelled_and_then_has_no_result()
    {
        var db = await postgres.CreateDatabaseAsync("detach");
        using var silo = SiloProcess.Start(db);
        await silo.WaitReadyAsync();
        var detached = await Cli.RunAsync("run", Paths.Scenario("small-town.json"), "--days", "3650", "--detach", "--cluster", db);
        Assert.True(detached.Exit == 0, detached.Err);
        var runId = detached.Out.Trim();
        Assert.StartsWith("run-", runId);

        var listed = await Cli.RunAsync("runs", "--cluster", db);
        Assert.Contains(runId, listed.Out);
        Assert.Contains("running", listed.Out);
        var early = await Cli.RunAsync("result", runId, "--out", Path.Combine(Paths.TempDir(), "early"), "--cluster", db);
        Assert.Equal(1, early.Exit);
        Assert.Contains("--wait", early.Err);

        var cancelled = await Cli.RunAsync("cancel", runId, "--cluster", db);
        Assert.True(cancelled.Exit == 0, cancelled.Err);
        Assert.Contains("cancelled", cancelled.Out);
        var after = await Cli.RunAsync("result", runId, "--out", Path.Combine(Paths.TempDir(), "after"), "--cluster", db);
        Assert.Equal(1, after.Exit);
        Assert.Contains("cancelled", after.Err);
        Assert.Contains("cancelled", (await Cli.RunAsync("runs", "--cluster", db)).Out);

        var unknown = await Cli.RunAsync("result", "run-none", "--cluster", db);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("no run 'run-none'", unknown.Err);
        var embedded = await Cli.RunAsync("run", Paths.Scenario("small-town.json"), "--detach", "--state", Path.Combine(Paths.TempDir(), "s.db"));
        Assert.Equal(2, embedded.Exit);
        Assert.Contains("--detach needs a cluster", embedded.Err);
    }

    private static async Task<RunListing?> TryListingAsync(IRunRegistryGrain registry, string runId)
    {
        try
        {
            return (await registry.ListAsync()).FirstOrDefault(r => r.RunId == runId);
        }
        catch (Exception e) when (RunOrchestrator.IsTransient(e))
        {
            return null; // the registry lived on the killed silo: asked again in a second
        }
    }

    /// <summary>The run id from the client's "run ... submitted" line.</summary>
    private static async Task<string> RunIdAsync(Process client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await client.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("run ", StringComparison.Ordinal) && line.Contains(" submitted", StringComparison.Ordinal))
            {
                return line.Split(' ')[1];
            }
        }
        throw new InvalidOperationException("the client ended without submitting its run");
    }

    private static Process StartCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Paths.CliDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DISPATCH_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        return Process.Start(start)!;
    }
}
