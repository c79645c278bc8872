using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatch.Bench;

/// <summary>
/// Figures of one city size run as single replications in one child process (fresh, so its peak
/// working set is this size's alone). Times in seconds are medians over the timed runs.
/// </summary>
public sealed record BenchSizeResult
{
    public required string Size { get; init; }
    public required int Zones { get; init; }
    public required int Units { get; init; }
    public required int Days { get; init; }
    public required int Runs { get; init; }
    public required double ChunkMinutes { get; init; }

    /// <summary>Kernel events of one run (the same in every run: same scenario, same seed).</summary>
    public required long Events { get; init; }

    /// <summary>Incidents created in one run.</summary>
    public required int Incidents { get; init; }

    /// <summary>Product path: from the first StartAsync of the scenario grain to its result (silo start-up excluded), median.</summary>
    public required double GrainSeconds { get; init; }

    public required double[] GrainSecondsAll { get; init; }

    /// <summary>Cores the grain path kept busy on average (process CPU time / wall time), median: above 1 where set-up, report and CSV work runs on another core.</summary>
    public required double GrainCoresBusy { get; init; }

    /// <summary>Cold: the first run of this city in the process (after a small warm-up city), untimed otherwise: its code is still largely unoptimised by tiered compilation.</summary>
    public required double FirstGrainSeconds { get; init; }

    /// <summary>Kernel only: reading and building the scenario from its JSON, median.</summary>
    public required double BuildSeconds { get; init; }

    /// <summary>Kernel only: new Simulator + RunToEnd + ReportBuilder.Build, median.</summary>
    public required double KernelSeconds { get; init; }

    public required double[] KernelSecondsAll { get; init; }

    public double SimulatedDaysPerSecond => Days / GrainSeconds;

    public double EventsPerSecond => Events / GrainSeconds;

    public double KernelEventsPerSecond => Events / KernelSeconds;

    /// <summary>
    /// Grain path time beyond the build and the kernel figure (which includes set-up and report):
    /// messaging, storage and what of the CSV the result waits for. Negative where the grain path's
    /// use of the second core (incidents.csv written during the run) saves more than those cost.
    /// </summary>
    public double GrainOverheadSeconds => GrainSeconds - BuildSeconds - KernelSeconds;

    /// <summary>Silo start-up (not part of any figure above).</summary>
    public required double SiloStartSeconds { get; init; }

    /// <summary>Working set after silo start-up and warm-up, before the timed runs.</summary>
    public required long BaselineWorkingSetBytes { get; init; }

    /// <summary>Process.PeakWorkingSet64 of the child process at the end: the whole process (runtime, silo, runs), this size only.</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Largest managed heap (GC.GetTotalMemory(false), garbage included) seen by a 20 ms sampler during the timed runs.</summary>
    public required long PeakManagedBytes { get; init; }
}

/// <summary>Figures of one city size run as R replications in parallel (one grain each) in one child process.</summary>
public sealed record BenchReplicationResult
{
    public required string Size { get; init; }
    public required int Replications { get; init; }
    public required int Cores { get; init; }
    public required int Days { get; init; }
    public required int Runs { get; init; }

    /// <summary>Events of all replications together.</summary>
    public required long Events { get; init; }

    /// <summary>From the first StartAsync to the last result, median over runs.</summary>
    public required double Seconds { get; init; }

    public required double[] SecondsAll { get; init; }

    public double SimulatedDaysPerSecond => (double)Replications * Days / Seconds;

    public double EventsPerSecond => Events / Seconds;

    /// <summary>One replication through the grain path, timed alternately with all of them in the same process, median.</summary>
    public required double OneSeconds { get; init; }

    /// <summary>Cores one replication kept busy on average (process CPU time / wall time), median: with c cores, it holds what R replications can gain over one near min(R, c) / this (a little more only through the build they share).</summary>
    public required double OneCoresBusy { get; init; }

    /// <summary>One replication through the kernel alone, timed alternately with all of them, median.</summary>
    public required double OneKernelSeconds { get; init; }

    /// <summary>Replications x (one replication's grain time) / (time of all in parallel); set by the parent.</summary>
    public double? Speedup { get; init; }

    /// <summary>Speedup / min(replications, cores): 1 is perfectly linear up to the core count.</summary>
    public double? Efficiency { get; init; }

    public required long PeakWorkingSetBytes { get; init; }

    public required long PeakManagedBytes { get; init; }

    /// <summary>The same replications through the kernel alone (one task each, the scenario built once), median.</summary>
    public required double KernelSeconds { get; init; }

    /// <summary>Replications x (one replication's kernel time) / (kernel time of all in parallel); set by the parent.</summary>
    public double? KernelSpeedup { get; init; }

    public double? KernelEfficiency { get; init; }

    /// <summary>
    /// One replication through the grain path in a child process confined to one core (started
    /// under <c>taskset -c 0</c>), median; measured before and after the replication children of
    /// the size, the faster kept. Null where that is not available. Set by the parent.
    /// </summary>
    public double? OneCoreSeconds { get; init; }

    /// <summary>Replications x (one replication on one core) / (time of all in parallel on every core): throughput against one core's.</summary>
    public double? CoreSpeedup { get; init; }

    /// <summary><see cref="CoreSpeedup"/> / min(replications, cores): 1 is linear in the cores used.</summary>
    public double? CoreEfficiency { get; init; }
}

/// <summary>One child process's kernel runs (the machine's scaling figure runs several at once).</summary>
public sealed record BenchKernelResult
{
    public required string Size { get; init; }
    public required int Runs { get; init; }
    public required double KernelSeconds { get; init; }
    public required double[] KernelSecondsAll { get; init; }
}

/// <summary>
/// What the machine itself gives: the same kernel week in one process alone, then in as many
/// separate processes at once as there are cores. Separate processes share nothing but the
/// hardware (cores, caches, memory bandwidth), so their speedup is the ceiling for replications.
/// </summary>
public sealed record BenchMachineScaling
{
    public required string Size { get; init; }
    public required int Processes { get; init; }
    public required double AloneSeconds { get; init; }

    /// <summary>The median over the processes of each one's median kernel time, all running at once.</summary>
    public required double TogetherSeconds { get; init; }

    /// <summary>Processes x alone / together: the speedup of independent processes.</summary>
    public double Speedup => Processes * AloneSeconds / TogetherSeconds;

    public double Efficiency => Speedup / Processes;
}

/// <summary>The whole benchmark (what <c>bench --json</c> prints).</summary>
public sealed record BenchReport
{
    public required string Machine { get; init; }
    public required int Cores { get; init; }
    public required string Runtime { get; init; }
    public required string Configuration { get; init; }
    public required string GarbageCollector { get; init; }
    public required string StartedUtc { get; init; }
    public required double TotalSeconds { get; init; }

    /// <summary>Warm-up runs of a small city in each child before its warm figures.</summary>
    public required int WarmupRuns { get; init; }
    public required List<BenchSizeResult> Sizes { get; init; }
    public required List<BenchReplicationResult> Replications { get; init; }
    public List<BenchMachineScaling> MachineScaling { get; init; } = [];

    /// <summary>The headline: real commands timed as whole processes (empty with <c>--process-runs 0</c>).</summary>
    public List<BenchProcessResult> Processes { get; init; } = [];

    public required List<BenchTarget> Targets { get; init; }
}

/// <summary>The median of a figure over the timed runs, with their minimum and maximum.</summary>
public sealed record BenchRange(double Median, double Min, double Max);

/// <summary>
/// A real command timed as a whole process from outside (<see cref="ProcessBench"/>): wall time,
/// CPU time (user + system) and peak resident memory of the process, each over the timed runs.
/// </summary>
public sealed record BenchProcessResult
{
    public required string Name { get; init; }

    /// <summary>The command as a user types it (paths shortened).</summary>
    public required string Command { get; init; }
    public required int Runs { get; init; }
    public required BenchRange WallSeconds { get; init; }

    /// <summary>Null where the machine has no <c>/usr/bin/time</c>.</summary>
    public BenchRange? CpuSeconds { get; init; }

    /// <summary>Peak resident set of the process in MiB; null where the machine has no <c>/usr/bin/time</c>.</summary>
    public BenchRange? PeakMib { get; init; }

    /// <summary>What <c>run</c> printed as its simulation time ("Simulated ... in X s"), median; null for other verbs.</summary>
    public double? SimulationSeconds { get; init; }
}

/// <summary>A performance target and whether the measured figure meets it.</summary>
public sealed record BenchTarget(string Name, string Goal, string Measured, bool Met);

public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The line prefix a child process writes its result after.</summary>
    public const string ResultMarker = "BENCH-RESULT ";

    public static string Line<T>(T value) => ResultMarker + JsonSerializer.Serialize(value, Compact);

    private static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    public static T? ParseLine<T>(string output)
    {
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(ResultMarker, StringComparison.Ordinal));
        return line is null ? default : JsonSerializer.Deserialize<T>(line[ResultMarker.Length..].Trim(), Options);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
