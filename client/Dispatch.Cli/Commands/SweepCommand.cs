using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Dispatch.Cli.Output;
using Dispatch.Cli.Planning;
using Dispatch.Cli.Running;
using Dispatch.Model.Planning;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>sweep &lt;scenario&gt; --vary PATH=v1,v2,... [--vary ...] [--replications R]</c>: runs every point of
/// one or two varied scenario fields on common random numbers, as one experiment in the cluster, and
/// writes sweep.json, sweep.csv, sweep.md and a chart per headline measure (docs/planning.md).
/// </summary>
public static class SweepCommand
{
    private const string Usage = "dispatch sweep <scenario> --vary PATH=v1,v2,...|PATH=FROM..TO:STEP [--vary ...] [--overlay FILE]... [--set PATH=VALUE]... [--replications R] [--seed N] [--days D] [--out DIR] [--warmup-days W] [--overwrite] [--cluster CONNECTION]";

    /// <summary>Replications per point when <c>--replications</c> is not given (enough for an interval).</summary>
    public const int DefaultReplications = 5;

    /// <summary>Most points of one sweep.</summary>
    public const int MaxPoints = 400;

    /// <summary>The entries a sweep writes.</summary>
    public static readonly OutputLayout Layout = new(["sweep.json", "sweep.csv", "sweep.md", SweepCharts.Folder], "sweep.json");

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (JSON)." };
        var vary = new Option<string[]>("--vary")
        {
            Description = "A field to vary and its values: PATH=v1,v2,... or PATH=FROM..TO:STEP (once or twice).",
            HelpName = "PATH=VALUES",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => [],
        };
        var options = new CommonOptions();
        var overlays = new OverlayOptions();
        var command = new Command("sweep", "Run a scenario over the values of one or two fields on common random numbers; table, sweep.json/csv/md and charts.") { scenario };
        command.Options.Add(vary);
        options.AddTo(command);
        overlays.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
            ExecuteAsync(console, error, parse, parse.GetValue(scenario)!, parse.GetValue(vary)!, options, overlays, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(IAnsiConsole console, TextWriter error, ParseResult parse, string path, string[] varies,
        CommonOptions options, OverlayOptions overlayOptions, CancellationToken cancellationToken)
    {
        if (options.Check(parse) is { } problem)
        {
            return CommonOptions.Usage(error, problem, Usage);
        }
        if (varies.Length is < 1 or > 2)
        {
            return CommonOptions.Usage(error, $"give --vary once or twice (a sweep has one or two dimensions), not {varies.Length} times", Usage);
        }
        var axes = new List<SweepAxis>();
        foreach (var v in varies)
        {
            if (SweepAxis.TryParse(v, out var axisError) is not { } axis)
            {
                return CommonOptions.Usage(error, $"--vary {axisError}", Usage);
            }
            axes.Add(axis);
        }
        if (axes.Count == 2 && axes[0].Path.Text == axes[1].Path.Text)
        {
            return CommonOptions.Usage(error, $"--vary {axes[0].Path.Text} is given twice", Usage);
        }
        var grid = SweepResult.Grid(axes);
        if (grid.Count > MaxPoints)
        {
            return CommonOptions.Usage(error, $"--vary: {grid.Count} points; at most {MaxPoints}", Usage);
        }
        var replications = parse.GetResult(options.Replications) is { Implicit: false } ? parse.GetValue(options.Replications) : DefaultReplications;
        var overlays = OverlayOptions.Read(parse, error, overlayOptions);
        var loaded = overlays is null ? null : await ScenarioInput.LoadAsync(path, error, cancellationToken, parse.GetValue(options.Days), replications, overlays);
        if (loaded is null)
        {
            return ExitCodes.InvalidInput;
        }
        var (model, json) = loaded.Value;
        var (days, warmup, lengthProblem) = options.RunLength(parse, model.Days);
        if (lengthProblem is not null)
        {
            return CommonOptions.Usage(error, lengthProblem, Usage);
        }
        var seed = parse.GetValue(options.Seed) ?? model.Seed;
        var outDir = parse.GetValue(options.Out) ?? Path.Combine("out", $"sweep-{OverlayOptions.Label(path, overlays!)}");
        if (OutputTarget.TryPrepare(outDir, Layout, parse.GetValue(options.Overwrite), out var outTarget) is { } outProblem)
        {
            return CommonOptions.Usage(error, outProblem, Usage);
        }
        using var heldOutput = outTarget;
        var connected = await ClusterConnection.TryConnectAsync(options.ClusterFor(parse), parse.GetValue(options.State)!, error, cancellationToken);
        if (connected is null)
        {
            return ExitCodes.Failure;
        }
        await using var cluster = connected;
        var runner = new PointRunner(cluster.Grains, json, path, model.Name, seed, days, warmup, "sweep");
        var pointJsons = new List<string>();
        foreach (var values in grid)
        {
            var settings = axes.Select((a, k) => new PointSetting(a.Path.Text, values[k])).ToList();
            if (runner.PointJson(settings, error) is not { } pointJson)
            {
                return ExitCodes.InvalidInput;
            }
            pointJsons.Add(pointJson);
        }
        var clock = Stopwatch.StartNew();
        var reports = await ProgressDisplay.RunAsync(console, error, $"sweep {model.Name} ({grid.Count} points x {replications})",
            progress => runner.RunAsync(pointJsons, replications, progress, cancellationToken));
        clock.Stop();
        var sweep = new SweepResult(model.Name, path, seed, days, replications, axes,
            grid.Select((values, p) => new SweepPoint(values, SweepResult.EstimatesOf(reports[p]))).ToList());
        RunOutputWriter.Publish(heldOutput!.Path, Layout, staging =>
        {
            var charts = SweepCharts.Write(staging, sweep);
            RunOutputWriter.WriteAtomically(Path.Combine(staging, "sweep.csv"), sweep.ToCsv());
            RunOutputWriter.WriteAtomically(Path.Combine(staging, "sweep.md"), SweepTables.Markdown(sweep, charts, clock.Elapsed));
            RunOutputWriter.WriteAtomically(Path.Combine(staging, "sweep.json"), sweep.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }, cancellationToken);
        console.MarkupLine($"[bold]{Markup.Escape(model.Name)}[/]: {grid.Count} point(s) x {replications} replication(s) on common random numbers, {clock.Elapsed.TotalSeconds:0} s");
        SweepTables.Print(console, sweep);
        console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(outDir, "sweep.md"))}[/], sweep.json, sweep.csv and a chart per headline measure in charts/");
        return ExitCodes.Success;
    }
}
