using Dispatch.Abstractions;
using Dispatch.Model.Simulation;

namespace Dispatch.Cli.Live;

/// <summary>
/// Sends a duty officer's command to the grain it concerns (docs/live.md, "Commands"): a unit's
/// commands to its unit grain, a zone's to its zone grain, an incident injected at a point to the
/// run itself. Each checks what it can and hands the command to the run, which applies it.
/// </summary>
public static class CommandRouter
{
    /// <summary>This console's name for control: host and process.</summary>
    public static string ConsoleName { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The reply to <paramref name="line"/> (a command line is read here first, so a typo never leaves the console).</summary>
    public static async Task<CommandReply> SendAsync(IGrainFactory grains, string runId, string line, string console)
    {
        var command = CommandText.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), 0, out var problem);
        if (command is null)
        {
            return new CommandReply(false, problem!, double.NaN, line);
        }
        var text = command.Text;
        return command.Kind switch
        {
            CommandKind.Alert or CommandKind.Cordon => await grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, command.Zone!)).CommandAsync(text, console),
            CommandKind.Inject when command.Zone is { } zone => await grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, zone)).CommandAsync(text, console),
            CommandKind.Inject or CommandKind.Stop => await grains.GetGrain<IScenarioGrain>(runId).CommandAsync(text, console),
            _ => await grains.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, command.Unit!)).CommandAsync(text, console),
        };
    }

    /// <summary>The reply as one line: <c>02:05 send b 0: b sent to #0, ETA 02:11</c> or <c>refused: ...</c>.</summary>
    public static string Describe(CommandReply reply) =>
        (double.IsNaN(reply.AtMinute) ? "" : CommandText.Clock(reply.AtMinute) + " ")
        + (reply.Command is { } c ? c + ": " : "") + (reply.Applied ? reply.Message : "refused, " + reply.Message);
}
