using System.Diagnostics;
using Dispatch.Abstractions;
using Dispatch.Cli.Running;
using Dispatch.Hosting;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Orleans.Runtime;

namespace Dispatch.Cluster.Tests;

/// <summary>Real silo processes on PostgreSQL: topologies give identical reports; a silo killed mid-run loses nothing.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task One_silo_and_two_silos_give_the_embedded_report_byte_for_byte_and_replications_use_both()
    {
        var db = await postgres.CreateDatabaseAsync("topology");
        var dir = Paths.TempDir();
        string[] run = ["run", Paths.Scenario("small-town.json"), "--days", "3", "--seed", "7", "--replications", "4"];

        // The schema by the CLI, twice (idempotent); the silos would also create it.
        for (var i = 0; i < 2; i++)
        {
            var init = await Cli.RunAsync("db", "init", "--postgres", db);
            Assert.True(init.Exit == 0, init.Err);
        }

        using var siloA = SiloProcess.Start(db);
        await siloA.WaitReadyAsync();
        var oneSilo = await Cli.RunAsync([.. run, "--out", Path.Combine(dir, "one"), "--cluster", db]);
        Assert.True(oneSilo.Exit == 0, oneSilo.Err + oneSilo.Out);

        await using var client = await ClusterConnection.ConnectClusterAsync(db, DispatchClusterSettings.DefaultClusterId, CancellationToken.None);
        var afterOne = await ScenarioActivationsAsync(client.Grains);
        Assert.Equal(4, afterOne.Count);

        using var siloB = SiloProcess.Start(db);
        await siloB.WaitReadyAsync();
        await WaitForActiveSilosAsync(client.Grains, 2);
        // A separate process, given the cluster by the environment variable.
        var twoSilos = await Cli.RunProcessAsync(new Dictionary<string, string> { [ClusterConnection.EnvironmentVariable] = db }, TimeSpan.FromMinutes(2),
            [.. run, "--out", Path.Combine(dir, "two")]);
        Assert.True(twoSilos.Exit == 0, twoSilos.Err + twoSilos.Out);

        var embedded = await Cli.RunAsync([.. run, "--out", Path.Combine(dir, "embedded"), "--state", Path.Combine(dir, "embedded.db")]);
        Assert.True(embedded.Exit == 0, embedded.Err);

        foreach (var file in new[] { "report.json", "incidents.csv", "units.csv" })
        {
            var reference = File.ReadAllBytes(Path.Combine(dir, "embedded", file));
            Assert.Equal(reference, File.ReadAllBytes(Path.Combine(dir, "one", file)));
            Assert.Equal(reference, File.ReadAllBytes(Path.Combine(dir, "two", file)));
        }

        // The second run's four scenario grains are spread over both silos.
        var second = (await ScenarioActivationsAsync(client.Grains)).Where(a => !afterOne.ContainsKey(a.Key)).ToList();
        Assert.Equal(4, second.Count);
        var bySilo = second.GroupBy(a => a.Value.Endpoint.Port).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"two-silo run: scenario grains per silo port {string.Join(", ", bySilo.Select(p => $"{p.Key}: {p.Value}"))}");
        Assert.Equal(2, bySilo.Count);
        Assert.Contains(siloA.SiloPort, bySilo.Keys);
        Assert.Contains(siloB.SiloPort, bySilo.Keys);
    }

    [Fact]
    public async Task Killing_the_silo_that_hosts_a_run_mid_way_loses_and_duplicates_nothing()
    {
        var db = await postgres.CreateDatabaseAsync("crash");
        using var siloA = SiloProcess.Start(db);
        using var siloB = SiloProcess.Start(db);
        await Task.WhenAll(siloA.WaitReadyAsync(), siloB.WaitReadyAsync());
        await using var client = await ClusterConnection.ConnectClusterAsync(db, DispatchClusterSettings.DefaultClusterId, CancellationToken.None);
        await WaitForActiveSilosAsync(client.Grains, 2);
        var silos = new[] { siloA, siloB };

        var scenario = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(Paths.Scenario("small-town.json")));
        RunSettings Settings(string prefix) => new(scenario, Seed: 11, Days: 120, Replications: 2, prefix) { ChunkMinutes = 60 };

        // The undisturbed run, on the same two silos.
        var undisturbed = await RunOrchestrator.RunAsync(client.Grains, Settings("crash-reference"), null, CancellationToken.None);
        Assert.Equal(0, undisturbed.Retries);

        // The same run again; when a third of it is done, kill the silo hosting replication 0.
        var disturbedSettings = Settings("crash-disturbed");
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var running = RunOrchestrator.RunAsync(client.Grains, disturbedSettings, new Progress(p =>
        {
            if (p >= 1.0 / 3)
            {
                third.TrySetResult();
            }
        }), CancellationToken.None);
        await Task.WhenAny(third.Task, running);
        Assert.False(running.IsCompleted, "the run finished before the silo could be killed: make it longer");

        var management = client.Grains.GetGrain<IManagementGrain>(0);
        var r0 = client.Grains.GetGrain<IScenarioGrain>($"{disturbedSettings.RunIdPrefix}-r0");
        var r1 = client.Grains.GetGrain<IScenarioGrain>($"{disturbedSettings.RunIdPrefix}-r1");
        var host = await management.GetActivationAddress(r0) ?? throw new InvalidOperationException("replication 0 is not active");
        var victim = silos.Single(s => s.SiloPort == host.Endpoint.Port);
        var survivor = silos.Single(s => s != victim);
        var before = new[] { await r0.GetProgressAsync(), await r1.GetProgressAsync() };
        victim.Kill();
        var killedAt = clock.Elapsed;

        var disturbed = await running.WaitAsync(TimeSpan.FromMinutes(3));
        // incidents.csv: the reference's files moved from the silos' spool, the disturbed run's read
        // through the replication grains in pieces (as a client on another machine does).
        var taken = Path.Combine(Path.GetTempPath(), $"dispatch-crash-{Environment.ProcessId}");
        undisturbed = await undisturbed.TakeIncidentRowsAsync(client.Grains, taken + "-reference", CancellationToken.None);
        disturbed = await disturbed.TakeIncidentRowsAsync(client.Grains, taken + "-disturbed", CancellationToken.None, local: false);
        var (undisturbedCsv, disturbedCsv) = (undisturbed.ReadIncidentsCsv(), disturbed.ReadIncidentsCsv());
        undisturbed.DeleteTakenIncidentRows();
        disturbed.DeleteTakenIncidentRows();
        var recovered = clock.Elapsed - killedAt;
        var after = new[] { await r0.GetProgressAsync(), await r1.GetProgressAsync() };
        var newHost = await management.GetActivationAddress(r0);

        var summary = new List<string>
        {
            $"killed silo port {victim.SiloPort} (pid {victim.ProcessId}) hosting replication 0 at {killedAt.TotalSeconds:0.0} s; run completed {recovered.TotalSeconds:0.0} s later, {disturbed.Retries} grain call(s) retried",
        };
        for (var k = 0; k < 2; k++)
        {
            summary.Add($"replication {k}: at the kill minute {before[k].SimulatedMinute:0} of {before[k].EndMinute:0}, {before[k].Incidents} incidents; " +
                $"after: minute {after[k].SimulatedMinute:0}, {after[k].Incidents} incidents (undisturbed: {undisturbed.Replications[k].Incidents.Total})");
        }
        summary.ForEach(output.WriteLine);

        // The killed process is gone, replication 0 lives on the survivor, and the run completed.
        Assert.True(victim.HasExited);
        Assert.Equal(survivor.SiloPort, newHost?.Endpoint.Port);
        Assert.True(after.All(p => p.IsFinished));

        // Every incident generated ends with exactly one outcome: one row per (replication, id), each
        // with an outcome, ids 0..n-1 without gaps, as many as the report counts.
        var rows = disturbedCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        for (var k = 0; k < 2; k++)
        {
            var mine = rows.Where(r => r[0] == $"{k}").ToList();
            var ids = mine.Select(r => int.Parse(r[1])).Order().ToList();
            Assert.Equal(Enumerable.Range(0, ids.Count), ids);
            Assert.All(mine, r => Assert.False(string.IsNullOrEmpty(r[10])));
            Assert.Equal(disturbed.Replications[k].Incidents.Total, ids.Count);
            Assert.Equal(after[k].Incidents, ids.Count);
        }

        // Identical to the undisturbed run, byte for byte.
        var reportDiff = Diff(ReportJson.Serialize(undisturbed.Report), ReportJson.Serialize(disturbed.Report));
        summary.Add($"report.json vs undisturbed: {reportDiff ?? "identical"}");
        output.WriteLine(summary[^1]);
        // For CI logs (.ci/run prints it): passed tests' output is not shown by the console logger.
        File.WriteAllLines(CrashSummaryPath, summary);
        Assert.Null(reportDiff);
        Assert.Equal(undisturbedCsv, disturbedCsv);
        Assert.Equal(undisturbed.UnitsCsv, disturbed.UnitsCsv);
        Assert.Equal(undisturbed.EventsProcessed, disturbed.EventsProcessed);

        // Zone and unit grains (fed at the end of each replication) hold the same as in the undisturbed run.
        var model = ScenarioBuilder.Build(ScenarioJson.Parse(scenario, "test"));
        for (var k = 0; k < 2; k++)
        {
            var zoneIncidents = 0;
            foreach (var zone in model.Zones)
            {
                var expected = await client.Grains.GetGrain<IZoneGrain>(GrainKeys.Zone($"crash-reference-r{k}", zone.Id)).GetAsync();
                var actual = await client.Grains.GetGrain<IZoneGrain>(GrainKeys.Zone($"{disturbedSettings.RunIdPrefix}-r{k}", zone.Id)).GetAsync();
                Assert.Equal(expected?.Incidents, actual?.Incidents);
                Assert.Equal(expected?.Attended, actual?.Attended);
                Assert.Equal(expected?.ResponseMinutesMean, actual?.ResponseMinutesMean);
                Assert.Equal(expected?.Recent.Count, actual?.Recent.Count);
                Assert.Equal(actual?.Recent.Count, actual?.Recent.Select(r => r.Id).Distinct().Count());
                zoneIncidents += actual?.Incidents ?? 0;
            }
            Assert.Equal(after[k].Incidents, zoneIncidents);
            foreach (var unit in model.Units)
            {
                var expected = await client.Grains.GetGrain<IUnitGrain>(GrainKeys.Unit($"crash-reference-r{k}", unit.Id)).GetAsync();
                var actual = await client.Grains.GetGrain<IUnitGrain>(GrainKeys.Unit($"{disturbedSettings.RunIdPrefix}-r{k}", unit.Id)).GetAsync();
                Assert.NotNull(actual);
                Assert.Equal(expected! with { RunId = "", Timeline = null }, actual with { RunId = "", Timeline = null });
                Assert.Equal(expected.Timeline!, actual.Timeline!);
            }
        }
    }

    /// <summary>Where the crash test writes its outcome (incidents before and after the kill, report diff).</summary>
    public static string CrashSummaryPath => Path.Combine(Path.GetTempPath(), "dispatch-cluster-crash.txt");

    /// <summary>Scenario grain activations in the cluster: grain id -> silo.</summary>
    private static async Task<Dictionary<string, SiloAddress>> ScenarioActivationsAsync(IGrainFactory grains)
    {
        var stats = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Where(s => s.GrainType.Contains(nameof(Dispatch.Grains.ScenarioGrain), StringComparison.Ordinal))
            .ToDictionary(s => s.GrainId.ToString(), s => s.SiloAddress);
    }

    private static async Task WaitForActiveSilosAsync(IGrainFactory grains, int count)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var deadline = Stopwatch.StartNew();
        while ((await management.GetHosts(onlyActive: true)).Count < count)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"the cluster did not reach {count} active silos");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Null when equal, else the first differing line of each.</summary>
    private static string? Diff(string expected, string actual)
    {
        if (expected == actual)
        {
            return null;
        }
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var i = 0;
        while (i < Math.Min(a.Length, b.Length) && a[i] == b[i])
        {
            i++;
        }
        return $"line {i + 1}: expected '{(i < a.Length ? a[i] : "<end>")}', actual '{(i < b.Length ? b[i] : "<end>")}'";
    }

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
