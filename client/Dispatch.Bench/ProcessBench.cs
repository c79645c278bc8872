using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dispatch.Model.Loading;

namespace Dispatch.Bench;

/// <summary>One command as a user types it, timed as a whole process (runtime start to exit).</summary>
public sealed record ProcessCase(string Name, string Description, IReadOnlyList<string> Arguments, int Runs, int WarmupRuns);

/// <summary>
/// The headline of <c>bench</c>: real commands (<c>--help</c>, <c>validate</c>, <c>run</c> on a
/// scenario file, <c>compare</c> with 10 replications, and with <c>--long</c> runs of a year and
/// of ten years) each started as a fresh child process of this program, as a planner starts one,
/// and timed from outside: wall time, CPU time and peak resident memory of the whole process
/// (through <c>/usr/bin/time</c> where there is one; wall time alone otherwise). Each case runs
/// once untimed first (its state file and output folder then exist, as on a user's second run, and
/// the files are in the page cache); every figure is the median of the timed runs, with their
/// minimum and maximum.
/// </summary>
public static partial class ProcessBench
{
    private const string TimeTool = "/usr/bin/time";

    /// <summary>The names of the cases, for <c>bench --commands</c>.</summary>
    public static readonly string[] Names = ["help", "validate", "trivial-run", "medium-week", "medium-roads-week", "compare", "medium-year", "small-town-year", "small-town-decade"];

    /// <summary>The long cases, run with <c>--long</c> (or when named in <c>--commands</c>).</summary>
    public static readonly string[] LongNames = ["medium-year", "small-town-year", "small-town-decade"];

    /// <summary>Every case (the long ones run once, without a warm-up run).</summary>
    public static List<ProcessCase> Cases(string scenarios, string work, int runs, long seed)
    {
        var medium = SyntheticCity.Sizes.First(s => s.Name == "medium");
        var mediumFile = Path.Combine(work, "medium-city.json");
        File.WriteAllText(mediumFile, ScenarioJson.Serialize(SyntheticCity.Create(medium, 7, seed)));
        // The same city travelling on its street grid (SyntheticRoads): the roads target is a ratio to medium-week.
        var roadsFile = Path.Combine(work, "medium-roads-city.json");
        File.WriteAllText(roadsFile, ScenarioJson.Serialize(SyntheticCity.Create(SyntheticCity.Sizes.First(s => s.Name == "medium-roads"), 7, seed)));
        string Scenario(string name) => Path.Combine(scenarios, name);
        string[] Out(string name) => ["--out", Path.Combine(work, "out-" + name), "--overwrite", "--state", Path.Combine(work, name + ".db")];
        var cases = new List<ProcessCase>
        {
            new("help", "dispatch --help", ["--help"], runs, 1),
            new("validate", "validate scenarios/pengjiang.json", ["validate", Scenario("pengjiang.json")], runs, 1),
            new("trivial-run", "run scenarios/small-town.json --days 1", ["run", Scenario("small-town.json"), "--days", "1", .. Out("trivial")], runs, 1),
            new("medium-week", "run medium-city.json (2,500 zones / 300 units, 7 days)", ["run", mediumFile, .. Out("medium")], runs, 1),
            new("medium-roads-week", "run medium-roads-city.json (the same city on a street grid, 7 days)", ["run", roadsFile, .. Out("medium-roads")], runs, 1),
            new("compare", "compare scenarios/pengjiang-no-surge.json scenarios/pengjiang.json --replications 10",
                ["compare", Scenario("pengjiang-no-surge.json"), Scenario("pengjiang.json"), "--replications", "10", .. Out("compare")], runs, 1),
        };
        cases.Add(new("medium-year", "run medium-city.json --days 365 --no-incidents", ["run", mediumFile, "--days", "365", "--no-incidents", .. Out("year")], 1, 0));
        cases.Add(new("small-town-year", "run scenarios/small-town.json --days 365 --no-incidents", ["run", Scenario("small-town.json"), "--days", "365", "--no-incidents", .. Out("town-year")], 1, 0));
        cases.Add(new("small-town-decade", "run scenarios/small-town.json --days 3650 --no-incidents", ["run", Scenario("small-town.json"), "--days", "3650", "--no-incidents", .. Out("town-decade")], 1, 0));
        return cases;
    }

    /// <summary>The repository's <c>scenarios</c> folder: looked for from the current folder upwards, then from this program's folder upwards.</summary>
    public static string? FindScenarios()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scenarios");
                if (File.Exists(Path.Combine(candidate, "pengjiang.json")) && File.Exists(Path.Combine(candidate, "small-town.json")))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>Times every case (warm-up runs first, then the timed runs), in a fresh work folder deleted afterwards.</summary>
    public static async Task<List<BenchProcessResult>> RunAsync(int runs, bool @long, IReadOnlySet<string>? only, long seed, Action<string> log, CancellationToken cancellationToken)
    {
        var scenarios = FindScenarios();
        if (scenarios is null)
        {
            log("whole-process figures skipped: no scenarios/ folder with pengjiang.json and small-town.json above the current folder or this program");
            return [];
        }
        var work = Path.Combine(Path.GetTempPath(), $"dispatch-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            var results = new List<BenchProcessResult>();
            foreach (var c in Cases(scenarios, work, runs, seed).Where(c => only?.Contains(c.Name) ?? (@long || !LongNames.Contains(c.Name))))
            {
                log($"{c.Name}: {c.Description}, {c.Runs} run(s) after {c.WarmupRuns} untimed...");
                for (var k = 0; k < c.WarmupRuns; k++)
                {
                    await TimeAsync(c.Arguments, work, cancellationToken);
                }
                var samples = new List<Sample>();
                for (var k = 0; k < c.Runs; k++)
                {
                    samples.Add(await TimeAsync(c.Arguments, work, cancellationToken));
                }
                var result = Summarise(c, samples);
                results.Add(result);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"  wall {result.WallSeconds.Median:0.000} s ({result.WallSeconds.Min:0.000} - {result.WallSeconds.Max:0.000}), cpu {result.CpuSeconds?.Median:0.000} s, peak {result.PeakMib?.Median:0} MiB{(result.SimulationSeconds is { } sim ? $", simulation {sim:0.000} s" : "")}"));
            }
            return results;
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary folder.
            }
        }
    }

    private sealed record Sample(double Wall, double? Cpu, double? PeakMib, double? Simulation, int ExitCode, string Output);

    private static BenchProcessResult Summarise(ProcessCase c, List<Sample> samples)
    {
        static BenchRange? Range(IEnumerable<double?> values)
        {
            var xs = values.OfType<double>().ToList();
            return xs.Count == 0 ? null : new BenchRange(BenchJson.Median(xs), xs.Min(), xs.Max());
        }
        var failed = samples.FirstOrDefault(s => s.ExitCode != 0);
        if (failed is not null)
        {
            throw new InvalidOperationException($"'{c.Description}' exited with code {failed.ExitCode}: {failed.Output}");
        }
        return new BenchProcessResult
        {
            Name = c.Name,
            Command = c.Description,
            Runs = samples.Count,
            WallSeconds = Range(samples.Select(s => (double?)s.Wall))!,
            CpuSeconds = Range(samples.Select(s => s.Cpu)),
            PeakMib = Range(samples.Select(s => s.PeakMib)),
            SimulationSeconds = Range(samples.Select(s => s.Simulation))?.Median,
        };
    }

    /// <summary>One run of this program with <paramref name="arguments"/>, under <c>/usr/bin/time</c> when present.</summary>
    private static async Task<Sample> TimeAsync(IReadOnlyList<string> arguments, string work, CancellationToken cancellationToken)
    {
        var (file, prefix) = BenchParent.Self();
        var timeFile = Path.Combine(work, "time.txt");
        var measured = File.Exists(TimeTool);
        var info = new ProcessStartInfo(measured ? TimeTool : file);
        foreach (var a in (measured ? ["-f", "%e %U %S %M", "-o", timeFile, file] : Array.Empty<string>()).Concat(prefix).Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["NO_COLOR"] = "1";
        var clock = Stopwatch.StartNew();
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(info, cancellationToken);
        var wall = clock.Elapsed.TotalSeconds;
        var output = stdout + stderr;
        var simulation = SimulatedLine().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (double?)null;
        if (measured && File.Exists(timeFile) && File.ReadAllLines(timeFile).LastOrDefault(l => l.Split(' ').Length == 4) is { } line)
        {
            var f = line.Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return new Sample(f[0], f[1] + f[2], f[3] / 1024, simulation, exitCode, Tail(output));
        }
        return new Sample(wall, null, null, simulation, exitCode, Tail(output));
    }

    private static string Tail(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(4)).Trim();

    /// <summary>The timing line of <c>run</c>: "Simulated 7 days (53,622 events) in 0.41 s: ...".</summary>
    [GeneratedRegex(@"Simulated [0-9.,]+ days \([0-9,]+ events\) in ([0-9.]+) s")]
    private static partial Regex SimulatedLine();
}
