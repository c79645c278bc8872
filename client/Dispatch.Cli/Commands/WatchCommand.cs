using System.CommandLine;
using System.Globalization;
using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Cli.Live;
using Dispatch.Cli.Output;
using Dispatch.Cli.Running;
using Dispatch.Model.Reporting;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>watch &lt;scenario&gt; [--speed S]</c> starts a run paced against the wall clock and shows the live
/// dashboard; <c>watch --attach &lt;run-id&gt;</c> joins a run already going; <c>watch --list</c> lists runs.
/// </summary>
public static class WatchCommand
{
    private const string Usage = "dispatch watch <scenario> [--overlay FILE]... [--set PATH=VALUE]... [--speed S|max] [--seed N] [--days D] [--out DIR] [--zone ID] [--unit ID] [--control] | dispatch watch --attach <run-id> [--zone ID] [--unit ID] [--control] | dispatch watch --list";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario file (JSON) to start live.", Arity = ArgumentArity.ZeroOrOne };
        var speed = new Option<string>("--speed") { Description = "Simulated seconds per wall second (1, 60, 600, ...) or max.", DefaultValueFactory = _ => "60" };
        var attach = new Option<string?>("--attach") { Description = "Join the live run with this id (see 'dispatch runs')." };
        var list = new Option<bool>("--list") { Description = "List the runs that can be watched." };
        var zone = new Option<string?>("--zone") { Description = "Show this zone's panel (from its zone grain) under the dashboard; key z steps to the next hotspot." };
        var unit = new Option<string?>("--unit") { Description = "Show this unit's panel (from its unit grain) under the dashboard; key u steps to the next unit." };
        var control = new Option<bool>("--control") { Description = "Take control of the run (one console at a time): the ':' key opens a command line for a duty officer's commands." };
        var options = new CommonOptions();
        var overlays = new OverlayOptions();
        var command = new Command("watch", "Watch a run live: map, units, incidents, dispatch decisions and key figures.") { scenario, speed, attach, list, zone, unit, control };
        options.AddTo(command, replications: false);
        overlays.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            Option[] startOnly = [speed, options.Seed, options.Days, options.Out, options.WarmupDays, options.Overwrite, overlays.Overlay, overlays.Set];
            var inapplicable = parse.GetValue(list) ? CommonOptions.NotApplicable(parse, "to --list", [attach, zone, unit, control, .. startOnly])
                : parse.GetValue(attach) is not null ? CommonOptions.NotApplicable(parse, "to --attach (the run's settings were chosen when it started)", startOnly)
                : null;
            if (inapplicable is not null)
            {
                return CommonOptions.Usage(error, inapplicable, Usage);
            }
            if ((parse.GetValue(list) || parse.GetValue(attach) is not null) && parse.GetValue(scenario) is { } extra)
            {
                return CommonOptions.Usage(error, $"{extra}: a scenario does not apply to {(parse.GetValue(list) ? "--list" : "--attach")}", Usage);
            }
            if (parse.GetValue(list))
            {
                return await RunsCommand.ListAsync(console, error, parse.GetValue(options.State)!, options.ClusterFor(parse), cancellationToken);
            }
            var selection = new ActorSelection(parse.GetValue(zone), parse.GetValue(unit));
            var takeControl = parse.GetValue(control);
            if (parse.GetValue(attach) is { } runId)
            {
                return await AttachAsync(console, error, runId, parse.GetValue(options.State)!, options.ClusterFor(parse), selection, takeControl, cancellationToken);
            }
            if (parse.GetValue(scenario) is not { } path)
            {
                return CommonOptions.Usage(error, "give a scenario to start, --attach <run-id> or --list", Usage);
            }
            if (ParseSpeed(parse.GetValue(speed)!) is not { } factor)
            {
                return CommonOptions.Usage(error, $"--speed {parse.GetValue(speed)}: expected a positive number such as 1, 60 or 600, or max", Usage);
            }
            return await StartAsync(console, error, parse, path, factor, options, overlays, interactiveDashboard: true, cancellationToken, selection, takeControl);
        });
        return command;
    }

    public static double? ParseSpeed(string text) =>
        text.Equals("max", StringComparison.OrdinalIgnoreCase) ? double.PositiveInfinity
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : null;

    /// <summary>Starts a live run in this process, shows it (dashboard or plain lines), writes the outputs when it finishes.</summary>
    public static async Task<int> StartAsync(IAnsiConsole console, TextWriter error, ParseResult parse, string path, double speed,
        CommonOptions options, OverlayOptions overlayOptions, bool interactiveDashboard, CancellationToken cancellationToken, ActorSelection? selection = null, bool takeControl = false)
    {
        if (options.Check(parse) is { } problem)
        {
            return CommonOptions.Usage(error, problem, Usage);
        }
        if (parse.GetResult(options.Replications) is not null && parse.GetValue(options.Replications) != 1)
        {
            return CommonOptions.Usage(error, "a live run has one replication; use 'run --replications R' for several", Usage);
        }
        var overlays = OverlayOptions.Read(parse, error, overlayOptions);
        var loaded = overlays is null ? null : await ScenarioInput.LoadAsync(path, error, cancellationToken, overlays: overlays);
        if (loaded is null)
        {
            return ExitCodes.InvalidInput;
        }
        var (model, json) = loaded.Value;
        var outDir = parse.GetValue(options.Out) ?? Path.Combine("out", OverlayOptions.Label(path, overlays!) + "-live");
        if (OutputTarget.TryPrepare(outDir, RunOutputWriter.RunLayout, parse.GetValue(options.Overwrite), out var outTarget) is { } outProblem)
        {
            return CommonOptions.Usage(error, outProblem, Usage);
        }
        using var heldOutput = outTarget;
        var statePath = parse.GetValue(options.State)!;
        var request = new RunRequest(IScenarioDocumentGrain.KeyOf(json), parse.GetValue(options.Seed) ?? model.Seed, Replication: 0, Days: parse.GetValue(options.Days) ?? model.Days, WarmupDays: parse.GetValue(options.WarmupDays));
        var runId = RunOrchestrator.NewRunIdPrefix("live");
        var connected = await ClusterConnection.TryConnectAsync(options.ClusterFor(parse), statePath, error, cancellationToken);
        if (connected is null)
        {
            return ExitCodes.Failure;
        }
        await using var cluster = connected;
        var run = cluster.Grains.GetGrain<IScenarioGrain>(runId);
        await cluster.Grains.GetGrain<IScenarioDocumentGrain>(request.ScenarioKey).StoreAsync(json);
        await run.StartLiveAsync(request, speed);
        if (cluster.GatewayPort is { } port)
        {
            LiveRunFiles.Write(statePath, new LiveRunFiles.Entry(runId, model.Name, port, Environment.ProcessId));
        }
        error.WriteLine($"live run {runId} started at speed {DashboardRenderer.SpeedText(speed)} on the {cluster.Description}; attach from another terminal with: dispatch watch --attach {runId}" +
            (cluster.IsEmbedded ? (statePath == CommonOptions.DefaultState ? "" : $" --state {statePath}") : " --cluster <connection>"));
        try
        {
            var finished = interactiveDashboard
                ? await LiveConsole.WatchAsync(console, cluster.Client, runId, attached: false, cancellationToken, selection: selection,
                    control: await TakeControlAsync(cluster.Client, runId, takeControl, error))
                : await WaitAsync(console, cluster.Client, runId, cancellationToken);
            if (!finished)
            {
                error.WriteLine(cluster.IsEmbedded
                    ? "left before the end: the run stopped with this process (it lived in its embedded silo)"
                    : $"left before the end: the run goes on in the cluster (dispatch watch --attach {runId} --cluster <connection>)");
                return ExitCodes.Success;
            }
            var progress = await run.GetProgressAsync();
            var outcome = await RunOutcome.From([await run.GetResultAsync()], progress.EventsProcessed, TimeSpan.Zero)
                .TakeIncidentRowsAsync(cluster.Grains, RunOutputWriter.IncidentsTakePrefix(heldOutput!.Path), cancellationToken);
            RunOutputWriter.Write(heldOutput!.Path, outcome, json, cancellationToken, model);
            console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(outDir, "report.json"))}[/], report.md, incidents.csv, units.csv, charts and scenario.json"
                + (outcome.CommandLog is null ? "" : $", and commands.json (its command log: dispatch run ... --commands {Markup.Escape(Path.Combine(outDir, "commands.json"))} repeats it)"));
            return ExitCodes.Success;
        }
        finally
        {
            LiveRunFiles.Remove(statePath, runId);
        }
    }

    /// <summary>With <c>--control</c>: takes control of the run for this console; false (and why) when another console holds it.</summary>
    private static async Task<bool> TakeControlAsync(IGrainFactory grains, string runId, bool take, TextWriter error)
    {
        if (!take)
        {
            return false;
        }
        var reply = await grains.GetGrain<IScenarioGrain>(runId).TakeControlAsync(CommandRouter.ConsoleName, true);
        if (!reply.Granted)
        {
            error.WriteLine($"control refused: console '{reply.Holder}' has control of run {runId}; watching only");
        }
        return reply.Granted;
    }

    /// <summary>For <c>run --live</c>: plain lines until the run finishes (others may attach meanwhile).</summary>
    private static Task<bool> WaitAsync(IAnsiConsole console, IClusterClient client, string runId, CancellationToken cancellationToken) =>
        LiveConsole.WatchAsync(console, client, runId, attached: false, cancellationToken, plain: true);

    private static async Task<int> AttachAsync(IAnsiConsole console, TextWriter error, string runId, string statePath, string? clusterOption,
        ActorSelection selection, bool takeControl, CancellationToken cancellationToken)
    {
        if (ClusterConnection.Resolve(clusterOption) is not null)
        {
            var connected = await ClusterConnection.TryConnectAsync(clusterOption, statePath, error, cancellationToken);
            if (connected is null)
            {
                return ExitCodes.Failure;
            }
            await using var cluster = connected;
            var listed = await cluster.Grains.GetGrain<IRunRegistryGrain>(0).ListAsync();
            if (!listed.Any(r => r.RunId == runId))
            {
                error.WriteLine($"error: no run '{runId}' in the {cluster.Description} (see 'dispatch runs --cluster <connection>')");
                return ExitCodes.InvalidInput;
            }
            var done = await LiveConsole.WatchAsync(console, cluster.Client, runId, attached: true, cancellationToken, selection: selection,
                control: await TakeControlAsync(cluster.Client, runId, takeControl, error));
            error.WriteLine(done ? $"run {runId} finished" : $"left run {runId}; it goes on");
            return ExitCodes.Success;
        }
        var entry = LiveRunFiles.List(statePath).FirstOrDefault(e => e.RunId == runId);
        if (entry is null)
        {
            error.WriteLine($"error: no live run '{runId}' found (the runs that can be watched: 'dispatch runs')");
            return ExitCodes.InvalidInput;
        }
        await using var gateway = await GatewayClient.ConnectAsync(entry.GatewayPort, cancellationToken);
        var finished = await LiveConsole.WatchAsync(console, gateway.Client, runId, attached: true, cancellationToken, selection: selection,
            control: await TakeControlAsync(gateway.Client, runId, takeControl, error));
        error.WriteLine(finished ? $"run {runId} finished" : $"left run {runId}; it goes on");
        return ExitCodes.Success;
    }
}
