using System.Diagnostics;
using System.Text.Json;

namespace Dispatch.Cli.Tests;

/// <summary>
/// The bench verb end to end, as a real process (it starts child processes of itself): a short
/// bench of the small city gives consistent, machine-readable figures. Times are not asserted
/// (shared machines are noisy); their consistency is.
/// </summary>
public sealed class BenchVerbTests
{
    // Slow (about 40 s: a bench with its child processes); `--filter "Category!=Slow"` leaves it out.
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Bench_json_reports_events_times_memory_and_replication_speedup()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dispatch.exe" : "dispatch");
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "bench", "--json", "--sizes", "small", "--runs", "1", "--days", "1", "--replications", "3", "--warmup-runs", "3", "--process-runs", "0" })
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, await errors);

        using var json = JsonDocument.Parse(await output);
        var root = json.RootElement;
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cores").GetInt32());
        Assert.Equal(3, root.GetProperty("warmupRuns").GetInt32());
        var size = Assert.Single(root.GetProperty("sizes").EnumerateArray());
        Assert.Equal("small", size.GetProperty("size").GetString());
        Assert.Equal(400, size.GetProperty("zones").GetInt32());
        Assert.Equal(60, size.GetProperty("units").GetInt32());
        var events = size.GetProperty("events").GetInt64();
        Assert.InRange(events, 1_000, 100_000);
        var grain = size.GetProperty("grainSeconds").GetDouble();
        Assert.True(grain > 0);
        Assert.Equal(1 / grain, size.GetProperty("simulatedDaysPerSecond").GetDouble(), 6);
        Assert.Equal(events / grain, size.GetProperty("eventsPerSecond").GetDouble(), 3);
        Assert.True(size.GetProperty("kernelSeconds").GetDouble() > 0);
        // CPU time over wall time: a process cannot keep more cores busy than the machine has.
        Assert.InRange(size.GetProperty("grainCoresBusy").GetDouble(), 0.2, Environment.ProcessorCount * 1.05 + 0.05);
        Assert.True(size.GetProperty("peakWorkingSetBytes").GetInt64() > size.GetProperty("peakManagedBytes").GetInt64());

        // Replications: as many as cores (if more than one) and the 3 asked for, each with its speedup.
        var replications = root.GetProperty("replications").EnumerateArray().ToList();
        Assert.Contains(replications, r => r.GetProperty("replications").GetInt32() == 3);
        foreach (var r in replications)
        {
            var n = r.GetProperty("replications").GetInt32();
            Assert.InRange(r.GetProperty("events").GetInt64(), n * events * 8 / 10, n * events * 12 / 10); // other replications, other draws
            Assert.Equal(n * r.GetProperty("oneSeconds").GetDouble() / r.GetProperty("seconds").GetDouble(), r.GetProperty("speedup").GetDouble(), 6);
            Assert.True(r.GetProperty("kernelSpeedup").GetDouble() > 0);
            Assert.InRange(r.GetProperty("oneCoresBusy").GetDouble(), 0.2, Environment.ProcessorCount * 1.05 + 0.05);
            if (Environment.ProcessorCount > 1 && OperatingSystem.IsLinux() && File.Exists("/usr/bin/taskset"))
            {
                // One replication in a child confined to one core: the per-core figures follow from it.
                var oneCore = r.GetProperty("oneCoreSeconds").GetDouble();
                Assert.True(oneCore > 0);
                Assert.Equal(n * oneCore / r.GetProperty("seconds").GetDouble(), r.GetProperty("coreSpeedup").GetDouble(), 6);
                Assert.Equal(r.GetProperty("coreSpeedup").GetDouble() / Math.Min(n, Environment.ProcessorCount), r.GetProperty("coreEfficiency").GetDouble(), 6);
            }
        }

        // The scaling target: replications on every core against one replication on one core
        // (where a process can be confined to one core), at the bench's bar.
        var targets = root.GetProperty("targets").EnumerateArray().ToList();
        if (replications.FirstOrDefault(r => r.GetProperty("replications").GetInt32() == Environment.ProcessorCount) is { ValueKind: JsonValueKind.Object } onEvery)
        {
            var scaling = Assert.Single(targets, t => t.GetProperty("name").GetString() == "scaling small");
            var perCore = onEvery.TryGetProperty("coreEfficiency", out var core);
            var measure = perCore ? core.GetDouble() : onEvery.GetProperty("efficiency").GetDouble();
            Assert.Equal(measure >= 0.85, scaling.GetProperty("met").GetBoolean());
            Assert.StartsWith(measure.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), scaling.GetProperty("measured").GetString());
            Assert.Contains(perCore ? "against one replication on one core" : "against one replication on the same", scaling.GetProperty("goal").GetString());
            Assert.Single(targets, t => t.GetProperty("name").GetString() == "scaling small, kernel");
            if (perCore && 3 > Environment.ProcessorCount)
            {
                // The 3 replications asked for, more than the cores: their own row, against one core too.
                var three = replications.Single(r => r.GetProperty("replications").GetInt32() == 3);
                var row = Assert.Single(targets, t => t.GetProperty("name").GetString() == "scaling small, 3 replications");
                Assert.Equal(three.GetProperty("coreEfficiency").GetDouble() >= 0.85, row.GetProperty("met").GetBoolean());
            }
        }
        Assert.DoesNotContain(targets, t => t.GetProperty("name").GetString()!.StartsWith("medium", StringComparison.Ordinal)); // only the small city was run

        // The machine's own figure: the kernel in separate processes at once, against one alone.
        if (Environment.ProcessorCount > 1)
        {
            var machine = Assert.Single(root.GetProperty("machineScaling").EnumerateArray());
            var processes = machine.GetProperty("processes").GetInt32();
            Assert.Equal(Environment.ProcessorCount, processes);
            Assert.Equal(processes * machine.GetProperty("aloneSeconds").GetDouble() / machine.GetProperty("togetherSeconds").GetDouble(),
                machine.GetProperty("speedup").GetDouble(), 6);
        }
    }

    [Theory]
    [InlineData("--warmup-runs", "-1", "--warmup-runs -1: expected a whole number from 0 to 1000")]
    [InlineData("--runs", "0", "--runs 0: expected a whole number from 1 to 100")]
    public async Task Bench_options_out_of_range_are_usage_errors(string option, string value, string message)
    {
        var (exit, _, err) = await CliRunner.RunAsync("bench", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, err);
        Assert.DoesNotContain("   at ", err); // no stack trace
    }
}
