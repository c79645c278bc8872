using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Dispatch.Bench;

/// <summary>What <c>bench</c> runs.</summary>
public sealed record BenchSettings(IReadOnlyList<SyntheticCity.CitySize> Sizes, int Days, int Runs, int Replications, double ChunkMinutes, long Seed)
{
    /// <summary>Warm-up runs of a small city before the warm figures of each child (see BenchChild.SteadyStateAsync).</summary>
    public int WarmupRuns { get; init; } = BenchChild.DefaultWarmupRuns;

    /// <summary>Every size gets <see cref="Runs"/> runs and both replication counts; by default the large city gets one run and no replication figures, to keep the bench to a few minutes.</summary>
    public bool Full { get; init; }

    /// <summary>Timed runs of each whole-process command (the headline); 0 leaves them out.</summary>
    public int ProcessRuns { get; init; } = 5;

    /// <summary>Also the long whole-process runs (a year of the medium city, a year and ten years of small-town).</summary>
    public bool Long { get; init; }

    /// <summary>The whole-process commands to run (null: all); see <see cref="ProcessBench.Cases"/>.</summary>
    public IReadOnlySet<string>? Commands { get; init; }

    /// <summary>Whether the in-process figures (warm grain path, kernel, replications) are measured after the headline.</summary>
    public bool InProcess { get; init; } = true;

    public int RunsFor(SyntheticCity.CitySize size) => Full || size.Zones < 10_000 ? Runs : 1;

    public IEnumerable<int> ReplicationCountsFor(SyntheticCity.CitySize size, int cores) =>
        (Full || size.Zones < 10_000 ? new[] { cores, Replications } : []).Where(r => r > 1).Distinct().Order();
}

/// <summary>
/// Runs every measurement of <c>bench</c> in a child process of its own (the same executable in
/// the hidden <c>bench --child</c> mode), so that each size's peak working set is its own and no
/// run inherits another's heap or JIT state.
/// </summary>
public static class BenchParent
{
    /// <summary>Targets of the issue: medium week under 0.25 s, large week under 2 GiB, replications close to linear up to the core count.</summary>
    public const double MediumWeekTargetSeconds = 0.25;

    public const long LargePeakTargetBytes = 2L << 30;

    public const double ScalingTargetEfficiency = 0.85;

    public static async Task<BenchReport> RunAsync(BenchSettings s, Action<string> log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        var cores = Environment.ProcessorCount;
        var sizes = new List<BenchSizeResult>();
        var replications = new List<BenchReplicationResult>();
        var machineScaling = new List<BenchMachineScaling>();
        var processes = s.ProcessRuns > 0 ? await ProcessBench.RunAsync(s.ProcessRuns, s.Long, s.Commands, s.Seed, log, cancellationToken) : [];
        foreach (var size in s.InProcess ? s.Sizes : [])
        {
            var runs = s.RunsFor(size);
            log($"{size.Name}: {size.Zones:N0} zones, {size.Units:N0} units, {s.Days} days, {runs} run(s)...");
            var single = await ChildAsync<BenchSizeResult>(["--child", "single", "--size", size.Name, "--runs", Num(runs)], s, cancellationToken);
            sizes.Add(single);
            log(string.Create(CultureInfo.InvariantCulture,
                $"  grain {single.GrainSeconds:0.000} s (kernel {single.KernelSeconds:0.000} s + build {single.BuildSeconds:0.000} s), {single.Events:N0} events, peak {Mib(single.PeakWorkingSetBytes):N0} MiB"));
            // Scaling figures against one core and of the machine itself, where there are replications on several cores.
            var scales = cores > 1 && s.ReplicationCountsFor(size, cores).Any();
            var taskset = scales ? OneCoreLauncher() : null;
            // One replication on one core, in a separate child: timed before and after this size's
            // replication children, and the faster of the two kept (the conservative choice for
            // the speedup against one core: machine load drifts between processes).
            async Task<double?> OneCoreAsync()
            {
                if (taskset is null)
                {
                    return null;
                }
                log("  one replication on one core...");
                var oneCore = await ChildAsync<BenchSizeResult>(["--child", "single", "--size", size.Name, "--runs", Num(runs)], s, cancellationToken, taskset);
                log(string.Create(CultureInfo.InvariantCulture, $"  one core: grain {oneCore.GrainSeconds:0.000} s"));
                return oneCore.GrainSeconds;
            }
            var oneCoreBefore = await OneCoreAsync();
            var ofThisSize = new List<BenchReplicationResult>();
            foreach (var r in s.ReplicationCountsFor(size, cores))
            {
                log($"  {r} replications in parallel...");
                var result = await ChildAsync<BenchReplicationResult>(
                    ["--child", "replications", "--size", size.Name, "--runs", Num(runs), "--replications", Num(r)], s, cancellationToken);
                var speedup = r * result.OneSeconds / result.Seconds;
                var kernelSpeedup = r * result.OneKernelSeconds / result.KernelSeconds;
                result = result with
                {
                    Speedup = speedup,
                    Efficiency = speedup / Math.Min(r, cores),
                    KernelSpeedup = kernelSpeedup,
                    KernelEfficiency = kernelSpeedup / Math.Min(r, cores),
                };
                ofThisSize.Add(result);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"  {r} replications: {result.Seconds:0.000} s, speedup {speedup:0.00} on {cores} cores (kernel alone {result.KernelSeconds:0.000} s, speedup {kernelSpeedup:0.00}), peak {Mib(result.PeakWorkingSetBytes):N0} MiB"));
            }
            var oneCoreAfter = await OneCoreAsync();
            var oneCoreSeconds = oneCoreBefore is { } before && oneCoreAfter is { } after ? Math.Min(before, after) : (double?)null;
            foreach (var x in ofThisSize)
            {
                var coreSpeedup = x.Replications * oneCoreSeconds / x.Seconds;
                replications.Add(x with { OneCoreSeconds = oneCoreSeconds, CoreSpeedup = coreSpeedup, CoreEfficiency = coreSpeedup / Math.Min(x.Replications, cores) });
            }
            if (scales)
            {
                log($"  the machine: the kernel in 1, then {cores} separate processes at once...");
                string[] kernelArgs = ["--child", "kernel", "--size", size.Name, "--runs", Num(runs)];
                var alone = await ChildAsync<BenchKernelResult>(kernelArgs, s, cancellationToken);
                var together = await Task.WhenAll(Enumerable.Range(0, cores).Select(_ => ChildAsync<BenchKernelResult>(kernelArgs, s, cancellationToken)));
                var machine = new BenchMachineScaling
                {
                    Size = size.Name,
                    Processes = cores,
                    AloneSeconds = alone.KernelSeconds,
                    TogetherSeconds = BenchJson.Median(together.Select(t => t.KernelSeconds).ToList()),
                };
                machineScaling.Add(machine);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"  the machine: {machine.AloneSeconds:0.000} s alone, {machine.TogetherSeconds:0.000} s each with {cores} at once: speedup {machine.Speedup:0.00}"));
            }
        }
        return new BenchReport
        {
            Machine = $"{RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}",
            Cores = cores,
            Runtime = RuntimeInformation.FrameworkDescription,
            Configuration = Configuration(),
            GarbageCollector = $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}",
            StartedUtc = started.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            TotalSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            WarmupRuns = s.WarmupRuns,
            Sizes = sizes,
            Replications = replications,
            MachineScaling = machineScaling,
            Processes = processes,
            Targets = [.. ProcessTargets.Of(processes), .. Targets(sizes, replications, cores)],
        };
    }

    private static List<BenchTarget> Targets(List<BenchSizeResult> sizes, List<BenchReplicationResult> replications, int cores)
    {
        var targets = new List<BenchTarget>();
        if (sizes.FirstOrDefault(x => x.Size == "medium") is { } medium)
        {
            targets.Add(new("medium week", $"2,500 zones / 300 units, {medium.Days} days in under {MediumWeekTargetSeconds} s (grain path)",
                F($"{medium.GrainSeconds:0.000} s"), medium.GrainSeconds < MediumWeekTargetSeconds));
            targets.Add(new("medium week, kernel", $"the same through the kernel alone (scenario build + kernel) in under {MediumWeekTargetSeconds} s",
                F($"{medium.BuildSeconds + medium.KernelSeconds:0.000} s"), medium.BuildSeconds + medium.KernelSeconds < MediumWeekTargetSeconds));
        }
        if (sizes.FirstOrDefault(x => x.Size == "large") is { } large)
        {
            targets.Add(new("large memory", "10,000 zones / 2,000 units, a week under 2 GiB peak working set",
                F($"{Mib(large.PeakWorkingSetBytes):N0} MiB"), large.PeakWorkingSetBytes < LargePeakTargetBytes));
        }
        foreach (var r in replications.Where(r => r.Replications == cores))
        {
            // Scaling is speedup in the cores used: the replications on every core against one
            // replication on one core (the textbook T(1) / T(p), throughput per core). Against one
            // replication on the same cores the ratio is held near cores / (cores one replication
            // already keeps busy; a little above it only through the build the replications share),
            // so it is given beside it, with that bound, and not as the bar.
            var sameCores = F($"{r.Efficiency:0.00} (speedup {r.Speedup:0.00}; one replication keeps {r.OneCoresBusy:0.00} cores busy, which holds this ratio near {cores / r.OneCoresBusy:0.00})");
            targets.Add(r.CoreEfficiency is { } perCore
                ? new($"scaling {r.Size}", $"{cores} replications on {cores} cores (grain path) against one replication on one core: efficiency at least {ScalingTargetEfficiency:0.00}",
                    F($"{perCore:0.00} (speedup {r.CoreSpeedup:0.00}); against one replication on the same {cores} cores {sameCores}"), perCore >= ScalingTargetEfficiency)
                // No way to confine a process to one core here: the same-cores figure is all there is.
                : new($"scaling {r.Size}", $"{cores} replications on {cores} cores (grain path) against one replication on the same {cores} cores: efficiency at least {ScalingTargetEfficiency:0.00}",
                    sameCores, r.Efficiency >= ScalingTargetEfficiency));
            targets.Add(new($"scaling {r.Size}, kernel", $"{cores} replications on {cores} cores (kernel alone): efficiency at least {ScalingTargetEfficiency:0.00}",
                F($"{r.KernelEfficiency:0.00} (speedup {r.KernelSpeedup:0.00})"), r.KernelEfficiency >= ScalingTargetEfficiency));
        }
        // More replications than cores, as planners run them (each core takes several in turn).
        foreach (var r in replications.Where(r => r.Replications > cores && r.CoreEfficiency is not null))
        {
            targets.Add(new($"scaling {r.Size}, {r.Replications} replications", $"{r.Replications} replications on {cores} cores (grain path) against one replication on one core: speedup / {cores} at least {ScalingTargetEfficiency:0.00}",
                F($"{r.CoreEfficiency:0.00} (speedup {r.CoreSpeedup:0.00}); against one replication on the same {cores} cores {r.Efficiency:0.00} (speedup {r.Speedup:0.00})"), r.CoreEfficiency >= ScalingTargetEfficiency));
        }
        return targets;
    }

    /// <summary>
    /// How to start a child confined to the first core: <c>taskset -c 0</c> on Linux (null
    /// elsewhere). The child is told the machine's core count (<c>DOTNET_PROCESSOR_COUNT</c>), so
    /// its runtime is set up as in the parallel runs (server GC, thread pool) and only the CPU
    /// differs: a runtime that sees one core falls back to the workstation GC, whose small first
    /// generation on this machine (docs/performance.md, "The machine") alone made the kernel 60%
    /// slower.
    /// </summary>
    private static string[]? OneCoreLauncher() =>
        OperatingSystem.IsLinux() && File.Exists("/usr/bin/taskset") ? ["/usr/bin/taskset", "-c", "0"] : null;

    private static async Task<T> ChildAsync<T>(string[] args, BenchSettings s, CancellationToken cancellationToken, string[]? launcher = null)
    {
        var (file, prefix) = Self();
        if (launcher is not null)
        {
            prefix = [.. launcher[1..], file, .. prefix];
            file = launcher[0];
        }
        var info = new ProcessStartInfo(file);
        if (launcher is not null)
        {
            info.Environment["DOTNET_PROCESSOR_COUNT"] = Num(Environment.ProcessorCount);
        }
        foreach (var a in prefix.Concat(["bench"]).Concat(args).Concat(["--days", Num(s.Days), "--chunk-minutes", Num(s.ChunkMinutes), "--seed", Num(s.Seed), "--warmup-runs", Num(s.WarmupRuns)]))
        {
            info.ArgumentList.Add(a);
        }
        var (exitCode, output, errors) = await ChildProcess.RunAsync(info, cancellationToken);
        if (exitCode != 0 || BenchJson.ParseLine<T>(output) is not { } result)
        {
            throw new InvalidOperationException($"bench child '{string.Join(' ', args)}' failed with exit code {exitCode}: {Tail(errors + output)}");
        }
        return result;
    }

    /// <summary>How to start this program again: the executable, or 'dotnet' and the entry assembly.</summary>
    internal static (string File, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        var name = Path.GetFileNameWithoutExtension(path);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var assembly = Assembly.GetEntryAssembly()?.Location;
            return (path, string.IsNullOrEmpty(assembly) ? [] : [assembly]);
        }
        return (path, []);
    }

    private static string Configuration() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" | ", lines.TakeLast(5)).Trim();
    }

    public static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static double Mib(long bytes) => bytes / 1048576.0;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
