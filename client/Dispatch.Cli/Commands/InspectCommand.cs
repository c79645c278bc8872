using System.CommandLine;
using Dispatch.Abstractions;
using Dispatch.Cli.Live;
using Dispatch.Cli.Running;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary><c>inspect &lt;run-id&gt; zone|unit &lt;id&gt; [--replication K]</c>: the panel of a zone or unit grain of a run.</summary>
public static class InspectCommand
{
    private const string Usage = "dispatch inspect <run-id> zone|unit <id> [--replication K] [--cluster CONNECTION | --state FILE]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var runId = new Argument<string>("run-id") { Description = "The run (a batch run's id, or a live run's)." };
        var kind = new Argument<string>("kind") { Description = "zone or unit." };
        var id = new Argument<string>("id") { Description = "The zone's or unit's id, as in the scenario (units: as in units.csv)." };
        var replication = new Option<int>("--replication") { Description = "Which replication of a batch run (0 first).", DefaultValueFactory = _ => 0 };
        var options = new CommonOptions();
        var command = new Command("inspect", "Show what a zone grain or a unit grain of a run holds.") { runId, kind, id };
        command.Options.Add(replication);
        command.Options.Add(options.State);
        command.Options.Add(options.Cluster);
        command.SetAction((parse, cancellationToken) => ExecuteAsync(console, error, parse, parse.GetValue(runId)!, parse.GetValue(kind)!,
            parse.GetValue(id)!, parse.GetValue(replication), options, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(IAnsiConsole console, TextWriter error, ParseResult parse, string runId, string kind, string id,
        int replication, CommonOptions options, CancellationToken cancellationToken)
    {
        if (kind is not ("zone" or "unit"))
        {
            return CommonOptions.Usage(error, $"'{kind}': expected zone or unit", Usage);
        }
        var connected = await ClusterConnection.TryConnectAsync(options.ClusterFor(parse), parse.GetValue(options.State)!, error, cancellationToken);
        if (connected is null)
        {
            return ExitCodes.Failure;
        }
        await using var cluster = connected;
        var key = await ReplicationKeyAsync(cluster.Grains, runId, replication);
        if (key is null)
        {
            return CommonOptions.Usage(error, $"--replication {replication}: run '{runId}' has replications 0 to {await LastReplicationAsync(cluster.Grains, runId)}", Usage);
        }
        if (kind == "zone" && await cluster.Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(key, id)).GetAsync() is { } zone)
        {
            console.Write(ActorPanels.Zone(zone, recent: 20));
            WriteCommands(console, await cluster.Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(key, id)).GetCommandsAsync());
            return ExitCodes.Success;
        }
        if (kind == "unit" && await cluster.Grains.GetGrain<IUnitGrain>(GrainKeys.Unit(key, id)).GetAsync() is { } unit)
        {
            console.Write(ActorPanels.Unit(unit, timeline: 20));
            WriteCommands(console, await cluster.Grains.GetGrain<IUnitGrain>(GrainKeys.Unit(key, id)).GetCommandsAsync());
            return ExitCodes.Success;
        }
        error.WriteLine($"error: no {kind} '{id}' in run '{key}' in the {cluster.Description}: unknown, or the run has not fed its zone and unit grains yet " +
            "(a batch run feeds them when it finishes, unless it was run with --no-actors)");
        return ExitCodes.InvalidInput;
    }

    /// <summary>The duty officer's commands that concerned the zone or unit, if any.</summary>
    private static void WriteCommands(IAnsiConsole console, IReadOnlyList<CommandEntry> commands)
    {
        foreach (var c in commands)
        {
            var at = double.IsNaN(c.AtMinute) ? "" : Dispatch.Model.Simulation.CommandText.Clock(c.AtMinute) + " ";
            console.WriteLine($"command {at}{c.Command}: {(c.Applied ? c.Outcome : "refused, " + c.Outcome)}");
        }
    }

    /// <summary>The replication's run id: <c>{runId}-r{k}</c> for a batch run (null if out of range), the run id itself for a live run.</summary>
    private static async Task<string?> ReplicationKeyAsync(IGrainFactory grains, string runId, int replication)
    {
        var status = await grains.GetGrain<IExperimentGrain>(runId).GetStatusAsync();
        if (status is null)
        {
            return runId;
        }
        return replication >= 0 && replication < status.Replications ? $"{runId}-r{replication}" : null;
    }

    private static async Task<int> LastReplicationAsync(IGrainFactory grains, string runId) =>
        (await grains.GetGrain<IExperimentGrain>(runId).GetStatusAsync())!.Replications - 1;
}
