using System.CommandLine;
using System.Text.Json;
using Dispatch.Bench;
using Dispatch.Cli.Running;
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
/// The options are this verb's; the measurements and their output are in <c>client/Dispatch.Bench</c>,
/// given the product path by <see cref="EmbeddedBenchHost"/>.
/// </summary>
public static class BenchCommand
{
    private const string Usage = "dispatch bench [--runs N] [--json] [--markdown] [--sizes small,medium,large] [--replications R] [--days D] [--chunk-minutes M] [--seed S] [--warmup-runs W] [--full] [--process-runs P] [--long] [--commands LIST] [--process-only]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs per figure; figures are medians.", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (machine-readable) instead of tables." };
        var markdown = new Option<bool>("--markdown") { Description = "Print the results as Markdown tables (as in docs/performance.md)." };
        var sizes = new Option<string>("--sizes") { Description = "City sizes to run: small (400 zones / 60 units), medium (2,500 / 300), large (10,000 / 2,000); small-roads and medium-roads travel on a street grid.", DefaultValueFactory = _ => "small,medium,large" };
        var replications = new Option<int>("--replications") { Description = "Replications run in parallel (besides as many as there are cores).", DefaultValueFactory = _ => 10 };
        var days = new Option<int>("--days") { Description = "Simulated days per run.", DefaultValueFactory = _ => 7 };
        var chunk = new Option<double>("--chunk-minutes") { Description = "Simulated minutes per scenario grain call (zone and unit grains are synced once per call).", DefaultValueFactory = _ => 1440 };
        var seed = new Option<long>("--seed") { Description = "Seed of the cities and of the runs.", DefaultValueFactory = _ => 1 };
        var warmup = new Option<int>("--warmup-runs") { Description = "Warm-up runs of a small city before the warm figures of each measurement, so that tiered compilation has finished with the timed code.", DefaultValueFactory = _ => BenchChild.DefaultWarmupRuns };
        var full = new Option<bool>("--full") { Description = "Give the large city --runs runs and the replication figures too (by default it gets one run and none, to keep the bench to a few minutes)." };
        var processRuns = new Option<int>("--process-runs") { Description = "Timed runs of each whole-process command (the headline figures); 0 leaves them out.", DefaultValueFactory = _ => 5 };
        var longRuns = new Option<bool>("--long") { Description = "Also the long whole-process runs: the medium city for 365 days, small-town for 365 and 3,650 days (several minutes)." };
        var commands = new Option<string?>("--commands") { Description = $"Only these whole-process commands, comma-separated: {string.Join(", ", ProcessBench.Names)}." };
        var processOnly = new Option<bool>("--process-only") { Description = "Only the whole-process figures, not the warm in-process ones." };
        var child = new Option<string?>("--child") { Description = "Internal: run one measurement in this process (single, replications or kernel).", Hidden = true };
        var size = new Option<string?>("--size") { Description = "Internal: the city size of a --child measurement.", Hidden = true };
        var command = new Command("bench", "Benchmark: synthetic cities of three sizes, a simulated week each on the embedded silo, events and simulated days per second, peak memory, replications in parallel.")
        {
            runs, json, markdown, sizes, replications, days, chunk, seed, warmup, full, processRuns, longRuns, commands, processOnly, child, size,
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
                    return CommonOptions.Usage(error, $"--child needs --size {string.Join(", ", known.Keys)}", Usage);
                }
                if (!BenchChild.Modes.Contains(mode))
                {
                    return CommonOptions.Usage(error, $"--child {mode}: expected single, replications or kernel", Usage);
                }
                var settings = new BenchChildSettings(city, d, n, r, m, parse.GetValue(seed), w);
                Console.Out.WriteLine(await BenchChild.MeasureAsync(mode, settings, new EmbeddedBenchHost(), cancellationToken));
                return ExitCodes.Success;
            }
            var chosen = new List<SyntheticCity.CitySize>();
            foreach (var name in parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!known.TryGetValue(name, out var city))
                {
                    return CommonOptions.Usage(error, $"--sizes: '{name}' is not a size; expected one of {string.Join(", ", known.Keys)}", Usage);
                }
                chosen.Add(city);
            }
            if (chosen.Count == 0)
            {
                return CommonOptions.Usage(error, "--sizes: expected at least one of small, medium, large", Usage);
            }
            var p = parse.GetValue(processRuns);
            if (p is < 0 or > 100)
            {
                return CommonOptions.Usage(error, $"--process-runs {p}: expected a whole number from 0 to 100", Usage);
            }
            HashSet<string>? only = null;
            if (parse.GetValue(commands) is { } list)
            {
                only = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                if (only.FirstOrDefault(c => !ProcessBench.Names.Contains(c)) is { } unknown)
                {
                    return CommonOptions.Usage(error, $"--commands: '{unknown}' is not a command of the bench; expected some of {string.Join(", ", ProcessBench.Names)}", Usage);
                }
            }
            var asJson = parse.GetValue(json);
            var asMarkdown = parse.GetValue(markdown);
            var report = await BenchParent.RunAsync(new BenchSettings(chosen, d, n, r, m, parse.GetValue(seed))
            {
                Full = parse.GetValue(full), WarmupRuns = w, ProcessRuns = p, Long = parse.GetValue(longRuns), Commands = only, InProcess = !parse.GetValue(processOnly),
            }, error.WriteLine, cancellationToken);
            if (asJson)
            {
                console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, BenchJson.Options));
            }
            else if (asMarkdown)
            {
                console.Profile.Out.Writer.Write(BenchMarkdown.Write(report));
            }
            else
            {
                BenchTables.Write(console, report);
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
