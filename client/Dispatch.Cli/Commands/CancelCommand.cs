using System.CommandLine;
using Dispatch.Abstractions;
using Dispatch.Cli.Running;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary><c>cancel &lt;run-id&gt;</c>: stops a running run in the cluster (a finished one stays finished).</summary>
public static class CancelCommand
{
    private const string Usage = "dispatch cancel <run-id> [--cluster CONNECTION | --state FILE]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var runId = new Argument<string>("run-id") { Description = "The run's id (listed by 'runs')." };
        var options = new CommonOptions();
        var command = new Command("cancel", "Stop a running run; nothing more is simulated and it gives no outputs.") { runId };
        command.Options.Add(options.State);
        command.Options.Add(options.Cluster);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connected = await ClusterConnection.TryConnectAsync(options.ClusterFor(parse), parse.GetValue(options.State)!, error, cancellationToken);
            if (connected is null)
            {
                return ExitCodes.Failure;
            }
            await using var cluster = connected;
            var id = parse.GetValue(runId)!;
            var status = await cluster.Grains.GetGrain<IExperimentGrain>(id).CancelAsync();
            if (status is null)
            {
                return CommonOptions.Usage(error, $"no run '{id}' in the {cluster.Description} (see 'dispatch runs')", Usage);
            }
            console.WriteLine($"run {id}: {ResultCommand.Describe(status)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
