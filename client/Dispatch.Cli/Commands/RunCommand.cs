using System.CommandLine;
using System.Globalization;
using Dispatch.Cli.Output;
using Dispatch.Cli.Running;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>run &lt;scenario&gt; [--seed N] [--days D] [--out DIR] [--replications R] [--detach] [--no-actors]</c>:
/// submits a scenario to the cluster (or the embedded silo) as an experiment that runs as fast as
/// possible, waits for it, prints a summary and writes the report files; with <c>--detach</c>
/// prints the run id at once and leaves the run to the cluster (<c>dispatch result &lt;id&gt;</c>).
/// </summary>
public static class RunCommand
{
    private const string Usage = "dispatch run <scenario> [--overlay FILE]... [--set PATH=VALUE]... [--seed N] [--days D] [--out DIR] [--replications R] [--warmup-days W] [--overwrite] [--detach] [--no-actors] [--no-incidents] [--commands FILE] [--cluster CONNECTION]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (JSON)." };
        var options = new CommonOptions();
        var overlays = new OverlayOptions();
        var live = new Option<bool>("--live") { Description = "Pace the run against the wall clock so that consoles can watch it (dispatch watch --attach <run-id>)." };
        var speed = new Option<string>("--speed") { Description = "With --live: simulated seconds per wall second (1, 60, 600, ...) or max.", DefaultValueFactory = _ => "60" };
        var detach = new Option<bool>("--detach")
        {
            Description = "Submit the run, print its id and return at once; the cluster runs it (needs --cluster or DISPATCH_CLUSTER). Fetch it with 'dispatch result <id>'.",
        };
        var noIncidents = new Option<bool>("--no-incidents") { Description = "Leave out incidents.csv (a row per incident, the largest output of a long run, in time and memory) and the response distribution chart drawn from it." };
        var noActors = new Option<bool>("--no-actors") { Description = "Do not feed the run's zone and unit grains (for 'dispatch inspect'); a little faster." };
        var commands = new Option<string?>("--commands") { Description = "Replay a command log (the commands.json of a live run): the same commands at the same simulated minutes, so the same report." };
        var command = new Command("run", "Run a scenario as fast as possible and write report.json, report.md, incidents.csv, units.csv and charts.")
        {
            scenario,
        };
        options.AddTo(command);
        overlays.AddTo(command);
        command.Options.Add(live);
        command.Options.Add(speed);
        command.Options.Add(detach);
        command.Options.Add(noActors);
        command.Options.Add(noIncidents);
        command.Options.Add(commands);
        command.SetAction((parse, cancellationToken) =>
            CommonOptions.NotApplicable(parse, parse.GetValue(live) ? "to a live run (it is watched, not detached; actors are fed as it goes)" : "without --live (a batch run goes as fast as it can)",
                parse.GetValue(live) ? [detach, noActors, noIncidents, commands] : [speed]) is { } inapplicable
            ? Task.FromResult(CommonOptions.Usage(error, inapplicable, Usage))
            : parse.GetValue(live)
            ? WatchCommand.ParseSpeed(parse.GetValue(speed)!) is { } factor
                ? WatchCommand.StartAsync(console, error, parse, parse.GetValue(scenario)!, factor, options, overlays, interactiveDashboard: false, cancellationToken)
                : Task.FromResult(CommonOptions.Usage(error, $"--speed {parse.GetValue(speed)}: expected a positive number such as 1, 60 or 600, or max", Usage))
            : ExecuteAsync(console, error, parse, parse.GetValue(scenario)!, options, overlays, (parse.GetValue(detach), parse.GetValue(noActors), parse.GetValue(noIncidents), parse.GetValue(commands)), cancellationToken));
        return command;
    }

    /// <summary>The charts' warm-up, then the start-up profile written (it then holds the charts' code too).</summary>
    private static async Task<bool> WarmUpAsync()
    {
        var drawn = await Charts.WarmUpAsync();
        StartupProfile.Save();
        return drawn;
    }

    private static async Task<int> ExecuteAsync(
        IAnsiConsole console, TextWriter error, ParseResult parse, string path, CommonOptions options, OverlayOptions overlayOptions,
        (bool Detach, bool NoActors, bool NoIncidents, string? Commands) flags, CancellationToken cancellationToken)
    {
        if (options.Check(parse) is { } problem)
        {
            return CommonOptions.Usage(error, problem, Usage);
        }
        var commandLog = flags.Commands is { } commandsPath ? ReadCommands(error, commandsPath) : null;
        if (flags.Commands is not null && commandLog is null)
        {
            return ExitCodes.InvalidInput;
        }
        var overlays = OverlayOptions.Read(parse, error, overlayOptions);
        var clusterOption = options.ClusterFor(parse);
        await using var early = EarlyConnection.Start(clusterOption, parse.GetValue(options.State)!, ahead: !flags.Detach && overlays is not null, cancellationToken);
        var loaded = overlays is null ? null : await ScenarioInput.LoadAsync(path, error, cancellationToken, parse.GetValue(options.Days), parse.GetValue(options.Replications), overlays);
        if (loaded is null)
        {
            return ExitCodes.InvalidInput;
        }
        var (model, json) = loaded.Value;
        PhaseTrace.Mark("scenario loaded");
        var (days, warmup, lengthProblem) = options.RunLength(parse, model.Days);
        if (lengthProblem is not null)
        {
            return CommonOptions.Usage(error, lengthProblem, Usage);
        }
        var detach = flags.Detach;
        if (detach && ClusterConnection.Resolve(clusterOption) is null)
        {
            return CommonOptions.Usage(error, "--detach needs a cluster (--cluster CONNECTION or DISPATCH_CLUSTER): an embedded silo stops with this process", Usage);
        }
        if (!detach)
        {
            EmbeddedWork.Prepare(clusterOption, model, days, warmup);
        }
        var settings = new RunSettings(json, parse.GetValue(options.Seed) ?? model.Seed, days, parse.GetValue(options.Replications),
            RunOrchestrator.NewRunIdPrefix("run"), warmup) { ScenarioName = model.Name, Actors = !flags.NoActors, SkipIncidentRows = flags.NoIncidents, Commands = commandLog };
        if (detach)
        {
            return await SubmitDetachedAsync(console, error, settings, clusterOption, parse.GetValue(options.State)!, cancellationToken);
        }
        var outDir = parse.GetValue(options.Out) ?? Path.Combine("out", OverlayOptions.Label(path, overlays!));
        if (OutputTarget.TryPrepare(outDir, RunOutputWriter.RunLayout, parse.GetValue(options.Overwrite), out var outTarget) is { } outProblem)
        {
            return CommonOptions.Usage(error, outProblem, Usage);
        }
        using var heldOutput = outTarget;
        var connected = await early.TakeAsync(error, cancellationToken);
        if (connected is null)
        {
            return ExitCodes.Failure;
        }
        PhaseTrace.Mark("connected");
        await using var cluster = connected;
        cluster.ShareBuilt(json, model);
        // Started once the run is submitted, while its kernel runs on one core: the charts' first-use
        // costs, the start-up profile's writing and scenario.json's layout then take the other core,
        // not the submission's or the end's.
        Task<bool>? chartsReady = null;
        Task<string>? scenarioText = null;
        if (!cluster.IsEmbedded)
        {
            error.WriteLine($"run {settings.RunIdPrefix} submitted to the {cluster.Description} (it goes on if this process stops: dispatch result {settings.RunIdPrefix})");
        }
        var outcome = await ProgressDisplay.RunAsync(console, error, model.Name,
            progress => RunOrchestrator.RunAsync(cluster.Grains, settings, progress, cancellationToken, onSubmitted: () =>
            {
                chartsReady = WarmUpAsync();
                scenarioText = RunOutputWriter.LayOutScenario(json);
            }));
        PhaseTrace.Mark("run finished");
        outcome = await outcome.TakeIncidentRowsAsync(cluster.Grains, RunOutputWriter.IncidentsTakePrefix(heldOutput!.Path), cancellationToken);
        // Nothing more is asked of the cluster: the embedded silo stops while the files are written.
        var stopping = cluster.DisposeAsync();
        await (chartsReady ?? Task.CompletedTask);
        RunOutputWriter.Write(heldOutput!.Path, outcome, json, cancellationToken, model, scenarioText);
        PhaseTrace.Mark("outputs written");
        PrintSummary(console, outcome, outDir);
        PhaseTrace.Mark("summary printed");
        console.WriteLine(settings.Actors
            ? $"run id {settings.RunIdPrefix}: its zones and units: dispatch inspect {settings.RunIdPrefix} zone|unit <id>"
            : $"run id {settings.RunIdPrefix}");
        await stopping;
        return ExitCodes.Success;
    }

    private static async Task<int> SubmitDetachedAsync(
        IAnsiConsole console, TextWriter error, RunSettings settings, string? clusterOption, string statePath, CancellationToken cancellationToken)
    {
        var connected = await ClusterConnection.TryConnectAsync(clusterOption, statePath, error, cancellationToken);
        if (connected is null)
        {
            return ExitCodes.Failure;
        }
        await using var cluster = connected;
        var runId = await RunOrchestrator.SubmitAsync(cluster.Grains, settings, null, cancellationToken);
        console.WriteLine(runId);
        error.WriteLine($"submitted to the {cluster.Description}; follow with 'dispatch runs', fetch with 'dispatch result {runId} --out DIR', stop with 'dispatch cancel {runId}'");
        return ExitCodes.Success;
    }

    /// <summary>A command log to replay, checked (null after saying what is wrong with it).</summary>
    public static string? ReadCommands(TextWriter error, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: --commands {path}: cannot read it ({e.Message})");
            return null;
        }
        if (Dispatch.Model.Reporting.CommandLogFile.Read(text, path, out var problem) is null)
        {
            error.WriteLine($"error: --commands {problem}");
            return null;
        }
        return text;
    }

    /// <summary>The summary table and the timing line of a finished run (also for <c>result</c>).</summary>
    public static void PrintSummary(IAnsiConsole console, RunOutcome outcome, string outDir)
    {
        var r = outcome.Report;
        console.MarkupLine($"[bold]{Markup.Escape(r.Scenario)}[/]: {Headline.Num(r.SimulatedDays)} days from {r.Start}, seed {r.Seed}, {r.Replications} replication(s), patrol policy {Markup.Escape(r.PatrolPolicy)}");
        var table = new Table();
        table.AddColumn("Measure");
        table.AddColumn(new TableColumn("Value").RightAligned());
        if (r.Replications > 1)
        {
            table.AddColumn(new TableColumn("95% CI").RightAligned());
        }
        foreach (var (label, value, interval) in Headline.Rows(r))
        {
            table.AddRow(r.Replications > 1 ? [Markup.Escape(label), value, interval] : [Markup.Escape(label), value]);
        }
        console.Write(table);
        var seconds = outcome.SimulationTime.TotalSeconds;
        var simulatedDays = r.SimulatedDays * r.Replications;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulated {simulatedDays:0.#} days ({outcome.EventsProcessed:N0} events) in {seconds:0.00} s: {simulatedDays / Math.Max(seconds, 1e-9):0.0} simulated days per second (silo start-up excluded)."));
        if (outcome.Retries > 0)
        {
            console.MarkupLine($"{outcome.Retries} grain call(s) failed for a moment and were repeated (a silo stopped, or the state storage was busy); the run resumed from its checkpoints.");
        }
        console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(outDir, "report.json"))}[/], report.md, {(outcome.IncidentRowsLeftOut ? "" : "incidents.csv, ")}units.csv, charts and scenario.json (the scenario as run)"
            + (outcome.CommandLog is null ? "" : ", and commands.json (the command log replayed)"));
    }
}
