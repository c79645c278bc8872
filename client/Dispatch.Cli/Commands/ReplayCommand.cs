using System.CommandLine;
using Dispatch.Abstractions;
using Dispatch.Cli.Live;
using Dispatch.Cli.Running;
using Dispatch.Model.Reporting;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>replay &lt;run-id&gt; [--speed S]</c>: plays a finished run again on the live dashboard. A run is
/// a pure function of (scenario, seed, replication, command log), so the replay is a new live run of
/// the same request replaying the same command log: the same incidents, decisions and commands, with
/// the pacing keys and a jump to any time (key j, backwards too).
/// </summary>
public static class ReplayCommand
{
    private const string Usage = "dispatch replay <run-id> [--speed S|max] [--replication K] [--state FILE | --cluster CONNECTION]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var runId = new Argument<string>("run-id") { Description = "The finished run's id (a live run, or a batch run: its replication K)." };
        var speed = new Option<string>("--speed") { Description = "Simulated seconds per wall second (1, 60, 600, ...) or max.", DefaultValueFactory = _ => "60" };
        var replication = new Option<int>("--replication") { Description = "Of a batch run, the replication to play (0 first).", DefaultValueFactory = _ => 0 };
        var options = new CommonOptions();
        var command = new Command("replay", "Play a finished run again on the live dashboard, its commands included, with seek (key j) and the pacing keys.") { runId, speed, replication };
        command.Options.Add(options.State);
        command.Options.Add(options.Cluster);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (WatchCommand.ParseSpeed(parse.GetValue(speed)!) is not { } factor)
            {
                return CommonOptions.Usage(error, $"--speed {parse.GetValue(speed)}: expected a positive number such as 1, 60 or 600, or max", Usage);
            }
            var id = parse.GetValue(runId)!;
            var statePath = parse.GetValue(options.State)!;
            await using var run = await RunClient.ConnectAsync(id, statePath, options.ClusterFor(parse), ownSilo: true, error, cancellationToken);
            if (run is null)
            {
                return ExitCodes.Failure;
            }
            var source = await SourceAsync(run.Grains, id, parse.GetValue(replication));
            if (source is null)
            {
                return CommonOptions.Usage(error, $"no run '{id}' (replication {parse.GetValue(replication)}) in the {run.Description} (see 'dispatch runs')", Usage);
            }
            if (!source.Finished)
            {
                return CommonOptions.Usage(error, $"run '{id}' has not finished: watch it with 'dispatch watch --attach {id}'", Usage);
            }
            var replayId = RunOrchestrator.NewRunIdPrefix("replay");
            var replay = run.Grains.GetGrain<IScenarioGrain>(replayId);
            await replay.StartLiveAsync(source.Request with { Commands = source.CommandLog ?? CommandLogFile.Write([]) }, factor);
            error.WriteLine($"replaying {id} as {replayId} at speed {DashboardRenderer.SpeedText(factor)}; keys: j jump to a time, p pause, + faster, - slower, q quit");
            if (run.GatewayPort is { } port)
            {
                LiveRunFiles.Write(statePath, new LiveRunFiles.Entry(replayId, $"replay of {id}", port, Environment.ProcessId));
            }
            try
            {
                var finished = await LiveConsole.WatchAsync(console, run.Client, replayId, attached: false, cancellationToken, replay: true);
                error.WriteLine(finished ? $"replay of {id} finished" : $"left the replay of {id}");
                return ExitCodes.Success;
            }
            finally
            {
                LiveRunFiles.Remove(statePath, replayId);
            }
        });
        return command;
    }

    /// <summary>What the run was started with: a live run by its id, a batch run by its replication's; null if there is no such run.</summary>
    private static async Task<ReplaySource?> SourceAsync(IGrainFactory grains, string runId, int replication)
    {
        foreach (var key in new[] { runId, $"{runId}-r{replication}" })
        {
            try
            {
                return await grains.GetGrain<IScenarioGrain>(key).GetReplaySourceAsync();
            }
            catch (InvalidOperationException)
            {
                // Not started under this key: try the next.
            }
        }
        return null;
    }
}
