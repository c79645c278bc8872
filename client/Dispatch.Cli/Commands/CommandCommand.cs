using System.CommandLine;
using Dispatch.Cli.Live;
using Dispatch.Cli.Running;
using Dispatch.Model.Simulation;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>command &lt;run-id&gt; WORDS...</c>: gives a live run one duty officer's command (send, hold,
/// post, release, alert, cordon, call-in, stand-down, inject), through the unit or zone grain it
/// concerns, and prints what became of it. Refused while another console holds control.
/// </summary>
public static class CommandCommand
{
    private const string Usage = "dispatch command <run-id> " + CommandText.Synopsis + " [--state FILE | --cluster CONNECTION]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var runId = new Argument<string>("run-id") { Description = "The live run's id (listed by 'runs')." };
        var words = new Argument<string[]>("command") { Description = "The command's words: " + CommandText.Synopsis, Arity = ArgumentArity.OneOrMore };
        var options = new CommonOptions();
        var command = new Command("command", "Give a live run a duty officer's command (docs/live.md): it is applied at the run's current simulated minute.") { runId, words };
        command.Options.Add(options.State);
        command.Options.Add(options.Cluster);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var line = string.Join(' ', parse.GetValue(words)!);
            if (CommandText.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), 0, out var problem) is null)
            {
                return CommonOptions.Usage(error, problem!, Usage);
            }
            var id = parse.GetValue(runId)!;
            await using var run = await RunClient.ConnectAsync(id, parse.GetValue(options.State)!, options.ClusterFor(parse), ownSilo: false, error, cancellationToken);
            if (run is null)
            {
                return ExitCodes.InvalidInput;
            }
            var reply = await CommandRouter.SendAsync(run.Grains, id, line, CommandRouter.ConsoleName);
            console.WriteLine(CommandRouter.Describe(reply));
            return reply.Applied ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }
}
