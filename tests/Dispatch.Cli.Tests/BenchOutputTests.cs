using Dispatch.Bench;
using Spectre.Console.Testing;

namespace Dispatch.Cli.Tests;

/// <summary>
/// The output forms of <c>bench</c> (client/Dispatch.Bench) on a report with known figures: the
/// Markdown rows and the console tables keep their format, and a child's result line reads back.
/// </summary>
public sealed class BenchOutputTests
{
    private const long Mib = 1L << 20;

    private static BenchReport Report() => new()
    {
        Machine = "Test OS, X64",
        Cores = 2,
        Runtime = ".NET 10",
        Configuration = "Release",
        GarbageCollector = "server, Interactive",
        StartedUtc = "2026-12-05T00:00:00Z",
        TotalSeconds = 12,
        WarmupRuns = 60,
        Sizes =
        [
            new BenchSizeResult
            {
                Size = "small", Zones = 400, Units = 60, Days = 7, Runs = 5, ChunkMinutes = 1440, Events = 50_000, Incidents = 1_900,
                GrainSeconds = 0.04, GrainSecondsAll = [0.04], GrainCoresBusy = 1.25, FirstGrainSeconds = 0.1, BuildSeconds = 0.005,
                KernelSeconds = 0.025, KernelSecondsAll = [0.025], SiloStartSeconds = 0.9, BaselineWorkingSetBytes = 200 * Mib,
                PeakWorkingSetBytes = 245 * Mib, PeakManagedBytes = 112 * Mib,
            },
        ],
        Replications =
        [
            new BenchReplicationResult
            {
                Size = "small", Replications = 2, Cores = 2, Days = 7, Runs = 5, Events = 100_000, Seconds = 0.05, SecondsAll = [0.05],
                OneSeconds = 0.04, OneCoresBusy = 1.25, OneKernelSeconds = 0.025, KernelSeconds = 0.028, Speedup = 1.6, Efficiency = 0.8,
                KernelSpeedup = 1.8, KernelEfficiency = 0.9, OneCoreSeconds = 0.045, CoreSpeedup = 1.8, CoreEfficiency = 0.9,
                PeakWorkingSetBytes = 264 * Mib, PeakManagedBytes = 120 * Mib,
            },
        ],
        MachineScaling = [new BenchMachineScaling { Size = "small", Processes = 2, AloneSeconds = 0.02, TogetherSeconds = 0.025 }],
        Targets = [new BenchTarget("scaling small", "2 replications on 2 cores: efficiency at least 0.85", "0.90 (speedup 1.80)", true)],
    };

    [Fact]
    public void Markdown_rows_keep_their_columns_and_number_formats()
    {
        var lines = BenchMarkdown.Write(Report()).Split(Environment.NewLine);

        Assert.StartsWith("Machine: Test OS, X64, 2 cores, .NET 10, Release build, server, Interactive GC; timed runs per size: small 5 ", lines[0]);
        Assert.Contains("| small | 400 | 60 | 50,000 | 0.040 | 1.25 | 0.100 | 175.0 | 1,250,000 | 0.025 | 2,000,000 | 0.005 | 0.010 | 245 | 112 |", lines);
        Assert.Contains("| small | 2 | 2 | 0.040 | 1.25 | 0.050 | 280.0 | 2,000,000 | 1.60 | 0.80 | 0.045 | 1.80 | 0.90 | 0.025 | 0.028 | 1.80 | 264 |", lines);
        Assert.Contains("| small | 2 | 0.020 | 0.025 | 1.60 | 0.80 |", lines);
        Assert.Contains("| scaling small | 2 replications on 2 cores: efficiency at least 0.85 | 0.90 (speedup 1.80) | yes |", lines);
    }

    [Fact]
    public void Console_tables_show_every_figure_and_each_target_with_its_verdict()
    {
        var console = new TestConsole().Width(250);

        BenchTables.Write(console, Report());

        var text = console.Output;
        Assert.Contains("Test OS, X64, 2 cores, .NET 10, Release build, server, Interactive GC; 60 warm-up runs before warm figures; bench took 12 s", text);
        Assert.Contains("400/60", text);
        Assert.Contains("1,250,000", text);
        Assert.Contains("280.0", text);
        Assert.Contains("met  scaling small: 2 replications on 2 cores: efficiency at least 0.85; measured 0.90 (speedup 1.80)", text);
    }

    [Fact]
    public void A_child_result_line_reads_back_from_the_child_output()
    {
        var result = new BenchKernelResult { Size = "medium", Runs = 3, KernelSeconds = 0.185, KernelSecondsAll = [0.18, 0.185, 0.19] };
        var output = $"some log line\n{BenchJson.Line(result)}\n";

        var back = BenchJson.ParseLine<BenchKernelResult>(output);

        Assert.NotNull(back);
        Assert.Equal(0.185, back.KernelSeconds);
        Assert.Equal([0.18, 0.185, 0.19], back.KernelSecondsAll);
        Assert.Null(BenchJson.ParseLine<BenchKernelResult>("no result here"));
    }
}
