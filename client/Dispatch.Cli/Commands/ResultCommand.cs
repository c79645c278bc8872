using System.CommandLine;
using Dispatch.Abstractions;
using Dispatch.Cli.Output;
using Dispatch.Cli.Running;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>result &lt;run-id&gt; [--out DIR] [--overwrite]</c>: writes a finished run's outputs (the same files
/// as <c>run</c>, byte for byte) from any client; with <c>--wait</c>, waits for a running one first.
/// </summary>
public static class ResultCommand
{
    private const string Usage = "dispatch result <run-id> [--out DIR] [--overwrite] [--wait] [--cluster CONNECTION | --state FILE]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var runId = new Argument<string>("run-id") { Description = "The run's id (printed by 'run --detach', listed by 'runs')." };
        var options = new CommonOptions();
        var wait = new Option<bool>("--wait") { Description = "Wait for a running run to finish instead of refusing it." };
        var command = new Command("result", "Write a finished run's report.json, report.md, incidents.csv, units.csv, charts and scenario.json.") { runId };
        command.Options.Add(options.Out);
        command.Options.Add(options.Overwrite);
        command.Options.Add(options.State);
        command.Options.Add(options.Cluster);
        command.Options.Add(wait);
        command.SetAction((parse, cancellationToken) =>
            ExecuteAsync(console, error, parse, parse.GetValue(runId)!, options, parse.GetValue(wait), cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        IAnsiConsole console, TextWriter error, ParseResult parse, string runId, CommonOptions options, bool wait, CancellationToken cancellationToken)
    {
        var connected = await ClusterConnection.TryConnectAsync(options.ClusterFor(parse), parse.GetValue(options.State)!, error, cancellationToken);
        if (connected is null)
        {
            return ExitCodes.Failure;
        }
        await using var cluster = connected;
        var experiment = cluster.Grains.GetGrain<IExperimentGrain>(runId);
        var status = await experiment.GetStatusAsync();
        if (status is null)
        {
            return CommonOptions.Usage(error, $"no run '{runId}' in the {cluster.Description} (see 'dispatch runs')", Usage);
        }
        if (status.State != ExperimentState.Finished && !(wait && status.State == ExperimentState.Running))
        {
            error.WriteLine($"error: run '{runId}' is {Describe(status)}; " +
                (status.State == ExperimentState.Running ? "add --wait to wait for it" : "it has no outputs"));
            return ExitCodes.Failure;
        }
        var outDir = parse.GetValue(options.Out) ?? Path.Combine("out", runId);
        if (OutputTarget.TryPrepare(outDir, RunOutputWriter.RunLayout, parse.GetValue(options.Overwrite), out var outTarget) is { } outProblem)
        {
            return CommonOptions.Usage(error, outProblem, Usage);
        }
        using var heldOutput = outTarget;
        RunOutcome outcome;
        try
        {
            outcome = await ProgressDisplay.RunAsync(console, error, status.Scenario, progress =>
                RunOrchestrator.WaitAsync(cluster.Grains, runId, progress, TimeSpan.FromMinutes(3), null, null, cancellationToken));
        }
        catch (RunEndedException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        var json = await cluster.Grains.GetGrain<IScenarioDocumentGrain>(status.ScenarioKey).GetAsync();
        outcome = await outcome.TakeIncidentRowsAsync(cluster.Grains, RunOutputWriter.IncidentsTakePrefix(heldOutput!.Path), cancellationToken);
        RunOutputWriter.Write(heldOutput!.Path, outcome, json, cancellationToken);
        RunCommand.PrintSummary(console, outcome, outDir);
        return ExitCodes.Success;
    }

    /// <summary>"running (40%)", "finished", "cancelled", "failed: why".</summary>
    public static string Describe(ExperimentStatus status) => status.State switch
    {
        ExperimentState.Running => $"running ({100 * status.Progress:0}%)",
        ExperimentState.Failed => $"failed: {status.Error}",
        _ => status.State.ToString().ToLowerInvariant(),
    };
}
