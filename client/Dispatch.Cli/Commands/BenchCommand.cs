using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dispatch.Cli.Bench;
using Dispatch.Model.Scenarios;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>bench [--runs N] [--json] [--markdown] [--sizes small,medium,large] [--replications R]</c>:
/// generates synthetic cities of three sizes (400 zones / 60 units, 2,500 / 300, 10,000 / 2,000),
/// runs a simulated week of each on the embedded silo (scenario grain, silo start-up excluded) and
/// the kernel alone, and prints events, simulated days per wall second, events per second and
/// peak memory, then the same for replications in parallel; medians of <c>--runs</c> runs. Each
/// measurement runs in a fresh child process (this executable in the hidden <c>--child</c> mode).
/// Build in Release: <c>dotnet run -c Release --project client/Dispatch.Cli -- bench</c>.
/// </summary>
public static class BenchCommand
{
    private const string Usage = "dispatch bench [--runs N] [--json] [--markdown] [--sizes small,medium,large] [--replications R] [--days D] [--chunk-minutes M] [--seed S] [--warmup-runs W] [--full]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs per figure; figures are medians.", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (machine-readable) instead of tables." };
        var markdown = new Option<bool>("--markdown") { Description = "Print the results as Markdown tables (as in docs/performance.md)." };
        var sizes = new Option<string>("--sizes") { Description = "City sizes to run: small (400 zones / 60 units), medium (2,500 / 300), large (10,000 / 2,000).", DefaultValueFactory = _ => "small,medium,large" };
        var replications = new Option<int>("--replications") { Description = "Replications run in parallel (besides as many as there are cores).", DefaultValueFactory = _ => 10 };
        var days = new Option<int>("--days") { Description = "Simulated days per run.", DefaultValueFactory = _ => 7 };
        var chunk = new Option<double>("--chunk-minutes") { Description = "Simulated minutes per scenario grain call (zone and unit grains are synced once per call).", DefaultValueFactory = _ => 1440 };
        var seed = new Option<long>("--seed") { Description = "Seed of the cities and of the runs.", DefaultValueFactory = _ => 1 };
        var warmup = new Option<int>("--warmup-runs") { Description = "Warm-up runs of a small city before the warm figures of each measurement, so that tiered compilation has finished with the timed code.", DefaultValueFactory = _ => BenchChild.DefaultWarmupRuns };
        var full = new Option<bool>("--full") { Description = "Give the large city --runs runs and the replication figures too (by default it gets one run and none, to keep the bench to a few minutes)." };
        var child = new Option<string?>("--child") { Description = "Internal: run one measurement in this process (single, replications or kernel).", Hidden = true };
        var size = new Option<string?>("--size") { Description = "Internal: the city size of a --child measurement.", Hidden = true };
        var command = new Command("bench", "Benchmark: synthetic cities of three sizes, a simulated week each on the embedded silo, events and simulated days per second, peak memory, replications in parallel.")
        {
            runs, json, markdown, sizes, replications, days, chunk, seed, warmup, full, child, size,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(runs);
            var r = parse.GetValue(replications);
            var d = parse.GetValue(days);
            var m = parse.GetValue(chunk);
            if (n is < 1 or > 100)
            {
                return CommonOptions.Usage(error, $"--runs {n}: expected a whole number from 1 to 100", Usage);
            }
            if (r is < 1 or > 1000)
            {
                return CommonOptions.Usage(error, $"--replications {r}: expected a whole number from 1 to 1000", Usage);
            }
            if (d is < 1 or > 366)
            {
                return CommonOptions.Usage(error, $"--days {d}: expected a whole number of days from 1 to 366", Usage);
            }
            var w = parse.GetValue(warmup);
            if (w is < 0 or > 1000)
            {
                return CommonOptions.Usage(error, $"--warmup-runs {w}: expected a whole number from 0 to 1000", Usage);
            }
            if (!(m >= 1))
            {
                return CommonOptions.Usage(error, $"--chunk-minutes {m}: expected at least 1 minute", Usage);
            }
            var known = SyntheticCity.Sizes.ToDictionary(x => x.Name, StringComparer.OrdinalIgnoreCase);
            if (parse.GetValue(child) is { } mode)
            {
                if (parse.GetValue(size) is not { } name || !known.TryGetValue(name, out var city))
                {
                    return CommonOptions.Usage(error, "--child needs --size small, medium or large", Usage);
                }
                var settings = new BenchChildSettings(city, d, n, r, m, parse.GetValue(seed), w);
                string line;
                switch (mode)
                {
                    case "single":
                        line = BenchJson.Line(await BenchChild.SingleAsync(settings, cancellationToken));
                        break;
                    case "replications":
                        line = BenchJson.Line(await BenchChild.ReplicationsAsync(settings, cancellationToken));
                        break;
                    case "kernel":
                        line = BenchJson.Line(await BenchChild.KernelAsync(settings, cancellationToken));
                        break;
                    default:
                        return CommonOptions.Usage(error, $"--child {mode}: expected single, replications or kernel", Usage);
                }
                Console.Out.WriteLine(line);
                return ExitCodes.Success;
            }
            var chosen = new List<SyntheticCity.CitySize>();
            foreach (var name in parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!known.TryGetValue(name, out var city))
                {
                    return CommonOptions.Usage(error, $"--sizes: '{name}' is not a size; expected small, medium or large", Usage);
                }
                chosen.Add(city);
            }
            if (chosen.Count == 0)
            {
                return CommonOptions.Usage(error, "--sizes: expected at least one of small, medium, large", Usage);
            }
            var asJson = parse.GetValue(json);
            var asMarkdown = parse.GetValue(markdown);
            var report = await BenchParent.RunAsync(new BenchSettings(chosen, d, n, r, m, parse.GetValue(seed)) { Full = parse.GetValue(full), WarmupRuns = w }, error.WriteLine, cancellationToken);
            if (asJson)
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, BenchJson.Options));
            }
            else if (asMarkdown)
            {
                console.Profile.Out.Writer.Write(BenchParent.Markdown(report));
            }
            else
            {
                Print(console, report);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, BenchReport r)
    {
        console.MarkupLine(Markup.Escape($"{r.Machine}, {r.Cores} cores, {r.Runtime}, {r.Configuration} build, {r.GarbageCollector} GC; {r.WarmupRuns} warm-up runs before warm figures; bench took {r.TotalSeconds:0} s"));
        console.MarkupLine("A simulated week per city: grain = scenario grain on the embedded silo from the first StartAsync to the result (silo start-up excluded); kernel = new Simulator + RunToEnd + ReportBuilder.Build; build = reading and building the scenario; peak = peak working set of the child process; medians of the timed runs, after one untimed run of the same city (cold = that run).");
        var sizes = new Table();
        foreach (var column in new[] { "city", "zones/units", "events", "grain s", "cold s", "days/s", "events/s", "kernel s", "build s", "peak MiB" })
        {
            sizes.AddColumn(new TableColumn(column).RightAligned());
        }
        foreach (var x in r.Sizes)
        {
            sizes.AddRow(x.Size, $"{N(x.Zones)}/{N(x.Units)}", N(x.Events), S(x.GrainSeconds), S(x.FirstGrainSeconds), D(x.SimulatedDaysPerSecond), N(x.EventsPerSecond), S(x.KernelSeconds),
                S(x.BuildSeconds), N(BenchParent.Mib(x.PeakWorkingSetBytes)));
        }
        console.Write(sizes);
        if (r.Replications.Count > 0)
        {
            console.MarkupLine("Replications in parallel (one scenario grain each); speedup = replications x one replication's time / wall time, one and all timed alternately; per core = the same against one replication in a process confined to one core.");
            var reps = new Table();
            foreach (var column in new[] { "city", "replications", "one s", "wall s", "days/s", "speedup", "one core s", "per core speedup", "kernel one s", "kernel s", "kernel speedup", "peak MiB" })
            {
                reps.AddColumn(new TableColumn(column).RightAligned());
            }
            foreach (var x in r.Replications)
            {
                reps.AddRow(x.Size, N(x.Replications), S(x.OneSeconds), S(x.Seconds), D(x.SimulatedDaysPerSecond), F2(x.Speedup), x.OneCoreSeconds is { } oneCore ? S(oneCore) : "", F2(x.CoreSpeedup), S(x.OneKernelSeconds), S(x.KernelSeconds), F2(x.KernelSpeedup), N(BenchParent.Mib(x.PeakWorkingSetBytes)));
            }
            console.Write(reps);
        }
        if (r.MachineScaling.Count > 0)
        {
            console.MarkupLine("The machine: the same kernel week in one process alone, then in as many separate processes at once as there are cores (they share only the hardware).");
            var machine = new Table();
            foreach (var column in new[] { "city", "processes", "alone s", "each, at once s", "speedup" })
            {
                machine.AddColumn(new TableColumn(column).RightAligned());
            }
            foreach (var x in r.MachineScaling)
            {
                machine.AddRow(x.Size, N(x.Processes), S(x.AloneSeconds), S(x.TogetherSeconds), F2(x.Speedup));
            }
            console.Write(machine);
        }
        foreach (var t in r.Targets)
        {
            console.MarkupLine($"{(t.Met ? "[green]met[/]" : "[red]not met[/]")}  {Markup.Escape(t.Name)}: {Markup.Escape(t.Goal)}; measured {Markup.Escape(t.Measured)}");
        }
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    private static string S(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string F2(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
