using System.Diagnostics;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Bench;

/// <summary>What one child process of <c>bench</c> measures.</summary>
public sealed record BenchChildSettings(SyntheticCity.CitySize Size, int Days, int Runs, int Replications, double ChunkMinutes, long Seed, int WarmupRuns = BenchChild.DefaultWarmupRuns);

/// <summary>
/// The work of one child process: one city size, on an embedded silo of its own (grain state in a
/// fresh SQLite file in a temporary folder), timed from the first StartAsync to the result with
/// silo start-up excluded. A small city is run first through the same path so that the timed runs
/// measure warm code, as a long-lived silo would run it.
/// </summary>
public static class BenchChild
{
    /// <summary>The measurements a child process can make (<c>bench --child MODE</c>).</summary>
    public static readonly IReadOnlyList<string> Modes = ["single", "replications", "kernel"];

    /// <summary>Makes the measurement <paramref name="mode"/> (one of <see cref="Modes"/>) and returns its result line for the parent.</summary>
    public static async Task<string> MeasureAsync(string mode, BenchChildSettings s, IBenchHost host, CancellationToken cancellationToken) => mode switch
    {
        "single" => BenchJson.Line(await SingleAsync(s, host, cancellationToken)),
        "replications" => BenchJson.Line(await ReplicationsAsync(s, host, cancellationToken)),
        "kernel" => BenchJson.Line(await KernelAsync(s, cancellationToken)),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "expected single, replications or kernel"),
    };

    /// <summary>Single replications: the product path and the kernel alone, <c>Runs</c> times each.</summary>
    public static async Task<BenchSizeResult> SingleAsync(BenchChildSettings s, IBenchHost host, CancellationToken cancellationToken)
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(s.Size, s.Days, s.Seed));
        ScenarioBuilder.Build(ScenarioJson.Parse(json, s.Size.Name)); // validated once, as the CLI does before a run
        var folder = TempFolder();
        try
        {
            var start = Stopwatch.StartNew();
            await using var silo = await host.StartAsync(Path.Combine(folder, "bench.db"), cancellationToken);
            var siloStart = start.Elapsed.TotalSeconds;
            await FirstRunsAsync(silo, s, cancellationToken);
            // The measured city once, untimed except as the cold figure: the first run of a process
            // still runs much of its code unoptimised (tiered compilation promotes a method after
            // 30 calls, loops through on-stack replacement), which a long-lived silo pays once.
            var cold = (await GrainRunAsync(silo, json, s, 1, cancellationToken)).Outcome.SimulationTime.TotalSeconds;
            await SteadyStateAsync(silo, s, cancellationToken);
            var baseline = WorkingSet();

            using var sampler = new PeakSampler();
            var grain = new List<double>();
            var cores = new List<double>();
            var build = new List<double>();
            var kernel = new List<double>();
            BenchRunOutcome? outcome = null;
            for (var run = 0; run < s.Runs; run++)
            {
                // The product path and the kernel alone alternately, so both see the same conditions.
                (outcome, var busy) = await GrainRunAsync(silo, json, s, 1, cancellationToken);
                grain.Add(outcome.SimulationTime.TotalSeconds);
                cores.Add(busy);
                Settle();
                var clock = Stopwatch.StartNew();
                var scenario = ScenarioCache.Build(json);
                build.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                KernelWeek(scenario, s.Seed, 0, s.Days);
                kernel.Add(clock.Elapsed.TotalSeconds);
            }
            return new BenchSizeResult
            {
                Size = s.Size.Name,
                Zones = s.Size.Zones,
                Units = s.Size.Units,
                Days = s.Days,
                Runs = s.Runs,
                ChunkMinutes = s.ChunkMinutes,
                Events = outcome!.EventsProcessed,
                Incidents = (int)outcome.Incidents,
                GrainSeconds = BenchJson.Median(grain),
                GrainSecondsAll = [.. grain],
                GrainCoresBusy = BenchJson.Median(cores),
                FirstGrainSeconds = cold,
                BuildSeconds = BenchJson.Median(build),
                KernelSeconds = BenchJson.Median(kernel),
                KernelSecondsAll = [.. kernel],
                SiloStartSeconds = siloStart,
                BaselineWorkingSetBytes = baseline,
                PeakWorkingSetBytes = PeakWorkingSet(),
                PeakManagedBytes = sampler.Peak,
            };
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    /// <summary><c>Replications</c> replications in parallel (one scenario grain each), <c>Runs</c> times.</summary>
    public static async Task<BenchReplicationResult> ReplicationsAsync(BenchChildSettings s, IBenchHost host, CancellationToken cancellationToken)
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(s.Size, s.Days, s.Seed));
        ScenarioBuilder.Build(ScenarioJson.Parse(json, s.Size.Name));
        var folder = TempFolder();
        try
        {
            await using var silo = await host.StartAsync(Path.Combine(folder, "bench.db"), cancellationToken);
            await FirstRunsAsync(silo, s, cancellationToken);
            await GrainRunAsync(silo, json, s, s.Replications, cancellationToken); // untimed, as in SingleAsync
            await SteadyStateAsync(silo, s, cancellationToken);
            using var sampler = new PeakSampler();
            // One replication and all of them alternately, in this process, so that the speedup
            // compares times taken under the same conditions (warm code, the same machine load).
            var one = new List<double>();
            var oneCores = new List<double>();
            var times = new List<double>();
            var kernelOne = new List<double>();
            var kernel = new List<double>();
            BenchRunOutcome? outcome = null;
            var shared = ScenarioCache.Build(json);
            for (var run = 0; run < s.Runs; run++)
            {
                var (single, busy) = await GrainRunAsync(silo, json, s, 1, cancellationToken);
                one.Add(single.SimulationTime.TotalSeconds);
                oneCores.Add(busy);
                (outcome, _) = await GrainRunAsync(silo, json, s, s.Replications, cancellationToken);
                times.Add(outcome.SimulationTime.TotalSeconds);
                Settle();
                kernelOne.Add(await KernelReplicationsAsync(shared, s, 1, cancellationToken));
                Settle();
                kernel.Add(await KernelReplicationsAsync(shared, s, s.Replications, cancellationToken));
            }
            return new BenchReplicationResult
            {
                KernelSeconds = BenchJson.Median(kernel),
                OneSeconds = BenchJson.Median(one),
                OneCoresBusy = BenchJson.Median(oneCores),
                OneKernelSeconds = BenchJson.Median(kernelOne),
                Size = s.Size.Name,
                Replications = s.Replications,
                Cores = Environment.ProcessorCount,
                Days = s.Days,
                Runs = s.Runs,
                Events = outcome!.EventsProcessed,
                Seconds = BenchJson.Median(times),
                SecondsAll = [.. times],
                PeakWorkingSetBytes = PeakWorkingSet(),
                PeakManagedBytes = sampler.Peak,
            };
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    /// <summary>
    /// The kernel alone, <c>Runs</c> times after the warm-up and one untimed run, on a scenario built once: the
    /// unit of the machine's own scaling figure, where copies of this child run as separate
    /// processes at once (no shared heap, runtime or silo: what is left is the hardware).
    /// </summary>
    public static async Task<BenchKernelResult> KernelAsync(BenchChildSettings s, CancellationToken cancellationToken)
    {
        var scenario = ScenarioCache.Build(ScenarioJson.Serialize(SyntheticCity.Create(s.Size, s.Days, s.Seed)));
        await SteadyStateAsync(null, s, cancellationToken);
        var times = new List<double>();
        for (var run = -1; run < s.Runs; run++)
        {
            Settle();
            var clock = Stopwatch.StartNew();
            KernelWeek(scenario, s.Seed, 0, s.Days);
            if (run >= 0)
            {
                times.Add(clock.Elapsed.TotalSeconds);
            }
        }
        return new BenchKernelResult { Size = s.Size.Name, Runs = s.Runs, KernelSeconds = BenchJson.Median(times), KernelSecondsAll = [.. times] };
    }

    /// <summary>What "kernel" means in every figure: set-up, the whole run and its report.</summary>
    private static void KernelWeek(Scenario scenario, long seed, int replication, int days)
    {
        var sim = new Simulator(scenario, seed, replication, days);
        sim.RunToEnd();
        ReportBuilder.Build(sim);
    }

    /// <summary>Wall time of <paramref name="replications"/> kernels run as parallel tasks on one built scenario (with their reports).</summary>
    private static async Task<double> KernelReplicationsAsync(Scenario shared, BenchChildSettings s, int replications, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, replications).Select(k => Task.Run(() => KernelWeek(shared, s.Seed, k, s.Days), cancellationToken)));
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// One run through the product path, after collecting earlier garbage, with the cores it kept
    /// busy on average (the process's CPU time over the run's wall time). The silo's scenario
    /// cache is cleared first, so every timed run reads and builds its scenario from the JSON text,
    /// as a silo does for every new scenario.
    /// </summary>
    private static async Task<(BenchRunOutcome Outcome, double CoresBusy)> GrainRunAsync(IBenchSilo silo, string json, BenchChildSettings s, int replications, CancellationToken cancellationToken)
    {
        silo.ForgetScenarios();
        Settle();
        var cpu = CpuSeconds();
        var outcome = await silo.RunAsync(new BenchRun(json, s.Seed, s.Days, replications, s.ChunkMinutes, "bench"), cancellationToken);
        return (outcome, (CpuSeconds() - cpu) / outcome.SimulationTime.TotalSeconds);
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>A small city through the grain path and the kernel twice: the code every run needs is compiled before the cold figure is taken.</summary>
    private static async Task FirstRunsAsync(IBenchSilo silo, BenchChildSettings s, CancellationToken cancellationToken)
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(120, 24, 2, s.Seed + 1));
        for (var k = 0; k < 2; k++)
        {
            await WarmUpRunAsync(silo, json, 2, s, cancellationToken);
            KernelWeek(ScenarioCache.Build(json), s.Seed, 0, 2);
        }
        silo.ForgetScenarios();
    }

    /// <summary>Warm-up runs before anything warm is timed, unless <c>--warmup-runs</c> says otherwise (see <see cref="SteadyStateAsync"/>).</summary>
    public const int DefaultWarmupRuns = 60;

    /// <summary>
    /// Brings the code to the steady state of a long-lived silo before the warm runs are timed.
    /// Tiered compilation recompiles a method optimised after 30 calls, on a background thread:
    /// code called once or a few times per run (the scenario build, set-up, report, the grain
    /// calls) reaches its 30th call only dozens of runs into a process, and that compiling takes
    /// the other core from the run being timed (40 to 290 ms of CPU per medium run were measured
    /// in runs 2 to 6 after the cold one). So a city of 300 zones runs for a day <see cref="BenchChildSettings.WarmupRuns"/>
    /// times (60 unless <c>--warmup-runs</c> says otherwise), through the grain path with its
    /// scenario read and built each time and through the kernel, and then the compiler is given
    /// time to finish.
    /// </summary>
    private static async Task SteadyStateAsync(IBenchSilo? silo, BenchChildSettings s, CancellationToken cancellationToken)
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(300, 30, 1, s.Seed + 2));
        for (var k = 0; k < s.WarmupRuns; k++)
        {
            silo?.ForgetScenarios();
            if (silo is not null)
            {
                await WarmUpRunAsync(silo, json, 1, s, cancellationToken);
            }
            KernelWeek(ScenarioCache.Build(json), s.Seed, 0, 1);
        }
        silo?.ForgetScenarios();
        // Until no method has been compiled for 300 ms (at most 5 s).
        var clock = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quietSince = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromSeconds(5) && clock.Elapsed - quietSince < TimeSpan.FromMilliseconds(300))
        {
            await Task.Delay(50, cancellationToken);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                (compiled, quietSince) = (now, clock.Elapsed);
            }
        }
    }

    /// <summary>One untimed run of a warm-up city through the grain path.</summary>
    private static Task<BenchRunOutcome> WarmUpRunAsync(IBenchSilo silo, string json, int days, BenchChildSettings s, CancellationToken cancellationToken) =>
        silo.RunAsync(new BenchRun(json, s.Seed, days, 1, s.ChunkMinutes, "bench-warmup"), cancellationToken);

    /// <summary>Collects garbage left by earlier runs, so that one run does not pay for another's.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"dispatch-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
