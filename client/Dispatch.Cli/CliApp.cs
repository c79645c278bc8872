using System.CommandLine;
using Dispatch.Cli.Commands;
using Spectre.Console;

namespace Dispatch.Cli;

/// <summary>The <c>dispatch</c> command line: verbs as separate handler classes.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error)
    {
        var root = new RootCommand("Dispatch: a patrol dispatch simulator for police operations planners.")
        {
            RunCommand.Create(console, error),
            CompareCommand.Create(console, error),
            ValidateCommand.Create(console, error),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }
            error.WriteLine("Run 'dispatch --help' (or 'dispatch <verb> --help') for usage.");
            return ExitCodes.InvalidInput;
        }
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await parsed.InvokeAsync(cancellationToken: cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
