using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Cli.Output;
using Dispatch.Cli.Running;
using Dispatch.Model.Reporting;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>compare &lt;A&gt; [&lt;B&gt;] [--replications R] [--seed N] [--days D] [--out DIR]</c>: runs both scenarios on
/// the same seeds and replication numbers (common random numbers) and reports the paired
/// differences B - A with 95% intervals and a verdict per measure. <c>--overlay</c>/<c>--set</c>
/// change both sides; <c>--overlay-a</c>/<c>--set-a</c> and <c>--overlay-b</c>/<c>--set-b</c> one side
/// (after the common ones). B defaults to A's file, so one scenario can be compared with itself under an overlay.
/// </summary>
public static class CompareCommand
{
    private const string Usage = "dispatch compare <A> [<B>] [--overlay[-a|-b] FILE]... [--set[-a|-b] PATH=VALUE]... [--replications R] [--seed N] [--days D] [--out DIR] [--warmup-days W] [--overwrite] [--cluster CONNECTION]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var a = new Argument<string>("A") { Description = "Baseline scenario file." };
        var b = new Argument<string?>("B") { Description = "Alternative scenario file (default: A's file, changed by --overlay-b/--set-b).", Arity = ArgumentArity.ZeroOrOne };
        var options = new CommonOptions();
        OverlayOptions[] overlays = [new(), new("-a"), new("-b")];
        var command = new Command("compare", "Compare two scenarios on common random numbers: paired differences with 95% intervals.") { a, b };
        options.AddTo(command);
        foreach (var group in overlays)
        {
            group.AddTo(command);
        }
        command.SetAction((parse, cancellationToken) =>
            ExecuteAsync(console, error, parse, parse.GetValue(a)!, parse.GetValue(b), options, overlays, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        IAnsiConsole console, TextWriter error, ParseResult parse, string pathA, string? givenB, CommonOptions options, OverlayOptions[] groups, CancellationToken cancellationToken)
    {
        if (options.Check(parse) is { } problem)
        {
            return CommonOptions.Usage(error, problem, Usage);
        }
        if (givenB is null && !groups[1].Any(parse) && !groups[2].Any(parse))
        {
            return CommonOptions.Usage(error, "give a second scenario B, or change one side with --overlay-a/--set-a or --overlay-b/--set-b", Usage);
        }
        var pathB = givenB ?? pathA;
        var overlaysA = OverlayOptions.Read(parse, error, groups[0], groups[1]);
        var overlaysB = OverlayOptions.Read(parse, error, groups[0], groups[2]);
        if (overlaysA is null || overlaysB is null)
        {
            return ExitCodes.InvalidInput;
        }
        // The embedded silo starts, and both scenarios are read, at once (each mostly compiles code on
        // first use); A's problems are printed before B's, as when read one after the other.
        await using var early = EarlyConnection.Start(options.ClusterFor(parse), parse.GetValue(options.State)!, ahead: true, cancellationToken);
        var (heldA, heldB) = (new StringWriter(), new StringWriter());
        var loadingA = Task.Run(() => ScenarioInput.Load(pathA, heldA, parse.GetValue(options.Days), parse.GetValue(options.Replications), overlaysA), CancellationToken.None);
        var loadingB = Task.Run(() => ScenarioInput.Load(pathB, heldB, parse.GetValue(options.Days), parse.GetValue(options.Replications), overlaysB), CancellationToken.None);
        var loadedA = await loadingA.WaitAsync(cancellationToken);
        error.Write(heldA.ToString());
        var loadedB = await loadingB.WaitAsync(cancellationToken);
        error.Write(heldB.ToString());
        if (loadedA is null || loadedB is null)
        {
            return ExitCodes.InvalidInput;
        }
        var (modelA, jsonA) = loadedA.Value;
        var (modelB, jsonB) = loadedB.Value;
        var outDir = parse.GetValue(options.Out)
            ?? Path.Combine("out", $"compare-{OverlayOptions.Label(pathA, overlaysA)}-vs-{OverlayOptions.Label(pathB, overlaysB)}");
        if (OutputTarget.TryPrepare(outDir, RunOutputWriter.CompareLayout, parse.GetValue(options.Overwrite), out var outTarget) is { } outProblem)
        {
            return CommonOptions.Usage(error, outProblem, Usage);
        }
        using var heldOutput = outTarget;
        var (days, warmup, lengthProblem) = options.RunLength(parse, modelA.Days);
        if (lengthProblem is not null)
        {
            return CommonOptions.Usage(error, lengthProblem, Usage);
        }
        EmbeddedWork.Prepare(options.ClusterFor(parse), modelA, days, warmup);
        EmbeddedWork.Prepare(options.ClusterFor(parse), modelB, days, warmup);
        var seed = parse.GetValue(options.Seed) ?? modelA.Seed;
        var replications = parse.GetValue(options.Replications);
        // A comparison's runs feed no zone or unit grains: only their reports are compared.
        var settingsA = new RunSettings(jsonA, seed, days, replications, RunOrchestrator.NewRunIdPrefix("compare-a"), warmup) { ScenarioName = modelA.Name, Actors = false };
        var settingsB = new RunSettings(jsonB, seed, days, replications, RunOrchestrator.NewRunIdPrefix("compare-b"), warmup) { ScenarioName = modelB.Name, Actors = false };

        var connected = await early.TakeAsync(error, cancellationToken);
        if (connected is null)
        {
            return ExitCodes.Failure;
        }
        await using var cluster = connected;
        cluster.ShareBuilt(jsonA, modelA);
        cluster.ShareBuilt(jsonB, modelB);
        var (outcomeA, outcomeB) = await ProgressDisplay.RunAsync(console, error, $"{modelA.Name} vs {modelB.Name}", async progress =>
        {
            var shares = new double[2];
            IProgress<double> Part(int k) => new Callback(v =>
            {
                lock (shares)
                {
                    shares[k] = v;
                    progress.Report((shares[0] + shares[1]) / 2);
                }
            });
            var runA = RunOrchestrator.RunAsync(cluster.Grains, settingsA, Part(0), cancellationToken);
            var runB = RunOrchestrator.RunAsync(cluster.Grains, settingsB, Part(1), cancellationToken);
            return (await runA, await runB);
        });
        // Each side's incidents.csv files come into this process before the cluster goes.
        outcomeA = await outcomeA.TakeIncidentRowsAsync(cluster.Grains, RunOutputWriter.IncidentsTakePrefix(heldOutput!.Path, "a"), cancellationToken);
        try
        {
            outcomeB = await outcomeB.TakeIncidentRowsAsync(cluster.Grains, RunOutputWriter.IncidentsTakePrefix(heldOutput!.Path, "b"), cancellationToken);
        }
        catch
        {
            outcomeA.DeleteTakenIncidentRows();
            throw;
        }

        var stopping = cluster.DisposeAsync(); // nothing more is asked of the cluster: the embedded silo stops meanwhile
        var measures = Comparison.Compare(outcomeA.Replications, outcomeB.Replications);
        var json = Comparison.ToJson(pathA, modelA.Name, pathB, modelB.Name, seed, replications, days, measures);
        AddOverlays(json, "a", overlaysA);
        AddOverlays(json, "b", overlaysB);
        RunOutputWriter.Publish(heldOutput!.Path, RunOutputWriter.CompareLayout, staging =>
        {
            // The two sides' files (and charts) and the two difference plots at once.
            (string File, string Caption) chart = default;
            (string File, string Caption)? map = null;
            Parallel.Invoke(
                () => RunOutputWriter.WriteFiles(Path.Combine(staging, "a"), outcomeA, jsonA, modelA),
                () => RunOutputWriter.WriteFiles(Path.Combine(staging, "b"), outcomeB, jsonB, modelB),
                () => chart = DifferenceChart.Save(staging, "differences.png", measures),
                () => map = ZoneMaps.WriteDifference(staging, modelA, outcomeA.Report, outcomeB.Report));
            RunOutputWriter.WriteAtomically(Path.Combine(staging, "compare.md"),
                CompareMarkdown.Render(modelA.Name, modelB.Name, seed, replications, days, measures, outcomeA.Report, outcomeB.Report, chart, map));
            RunOutputWriter.WriteAtomically(Path.Combine(staging, "compare.json"), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }, cancellationToken);
        PrintTable(console, modelA.Name, modelB.Name, replications, measures, outcomeA.Report, outcomeB.Report);
        console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(outDir, "compare.md"))}[/], compare.json, differences.png, and each side's full report and scenario.json in a/ and b/");
        await stopping;
        return ExitCodes.Success;
    }

    /// <summary>Names a side's overlays in compare.json (<c>"overlays": ["x.json", "--set a=1"]</c>), only when it has some.</summary>
    private static void AddOverlays(JsonObject json, string side, IReadOnlyList<Model.Scenarios.Overlays.Overlay> overlays)
    {
        if (overlays.Count > 0 && json[side] is JsonObject entry)
        {
            entry["overlays"] = new JsonArray(overlays.Select(o => (JsonNode?)JsonValue.Create(o.Source)).ToArray());
        }
    }

    private static void PrintTable(IAnsiConsole console, string a, string b, int replications, IReadOnlyList<MeasureComparison> measures, Report reportA, Report reportB)
    {
        console.MarkupLine($"[bold]A[/] = {Markup.Escape(a)}, [bold]B[/] = {Markup.Escape(b)}; {replications} paired replication(s) on common random numbers");
        var table = new Table();
        table.AddColumn("Measure");
        table.AddColumn(new TableColumn("A").RightAligned());
        table.AddColumn(new TableColumn("B").RightAligned());
        table.AddColumn(new TableColumn("B - A").RightAligned());
        table.AddColumn(new TableColumn("95% CI").RightAligned());
        table.AddColumn(new TableColumn("per 100 unit-h").RightAligned());
        table.AddColumn("Verdict");
        MeasureGroup? group = null;
        foreach (var m in measures.OrderBy(m => Measures.Find(m.Name)?.Group))
        {
            var measure = Measures.Find(m.Name);
            if (measure?.Group is { } g && g != group)
            {
                table.AddRow($"[bold]{g}[/]", "", "", "", "", "", "");
                group = g;
            }
            var color = m.Verdict switch { "better" => "green", "worse" => "red", _ => "grey" };
            table.AddRow("  " + Markup.Escape(measure?.Title ?? m.Name), CompareMarkdown.Value(m.Name, m.A), CompareMarkdown.Value(m.Name, m.B),
                CompareMarkdown.Value(m.Name, m.Difference, signed: true), m.Ci95HalfWidth is { } h ? "± " + CompareMarkdown.Value(m.Name, h, points: true) : "",
                m.PerHundredUnitHours is { } p ? CompareMarkdown.Value(m.Name, p, signed: true) : "", $"[{color}]{Markup.Escape(m.Verdict)}[/]");
        }
        console.Write(table);
        if (CompareSummary.CostLine(measures) is { } cost)
        {
            console.WriteLine(cost);
        }
        foreach (var line in CompareSummary.Changes(measures, replications))
        {
            console.WriteLine(line);
        }
        if (CompareSummary.MixWarning(MixChange.Of(reportA, reportB)) is { } mix)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(mix)}[/]");
        }
    }

    private sealed class Callback(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
