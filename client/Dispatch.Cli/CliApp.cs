using System.CommandLine;
using System.Runtime.InteropServices;
using Dispatch.Cli.Commands;
using Spectre.Console;

namespace Dispatch.Cli;

/// <summary>The <c>dispatch</c> command line: verbs as separate handler classes.</summary>
public static class CliApp
{
    /// <summary>Exit code of a run stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code of a run stopped by SIGTERM (128 + 15): service managers, CI runners, <c>timeout</c>.</summary>
    public const int Terminated = 143;

    /// <summary>
    /// Runs the command line; Ctrl+C (SIGINT) and SIGTERM stop a run cleanly (exit code 130 or 143,
    /// no output written, an existing output left as it was).
    /// </summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error) =>
        RunAsync(args, console, error, CancellationToken.None);

    /// <summary>
    /// As <see cref="RunAsync(string[], IAnsiConsole, TextWriter)"/>, also stopping when
    /// <paramref name="cancellationToken"/> is cancelled (as Ctrl+C does).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Dispatch: a patrol dispatch simulator for police operations planners.")
        {
            RunCommand.Create(console, error),
            CompareCommand.Create(console, error),
            SweepCommand.Create(console, error),
            PlanCommand.Create(console, error),
            WatchCommand.Create(console, error),
            RunsCommand.Create(console, error),
            ResultCommand.Create(console, error),
            CancelCommand.Create(console, error),
            CommandCommand.Create(console, error),
            ReplayCommand.Create(console, error),
            InspectCommand.Create(console, error),
            MapCommand.Create(console, error),
            ValidateCommand.Create(console, error),
            FitCommand.Create(console, error),
            DbCommand.Create(console, error),
            TlsCommand.Create(console, error),
            BenchCommand.Create(console, error),
        };
        var parsed = root.Parse(args);
        Running.PhaseTrace.Mark("parsed");
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
            {
                var suggestion = Suggestion(e.Message, parsed.CommandResult.Command);
                error.WriteLine($"error: {(suggestion.Length > 0 ? e.Message.TrimEnd('.') : PlainParseError(e.Message))}{suggestion}");
            }
            error.WriteLine($"Usage: {Usage(parsed.CommandResult.Command, root)}");
            error.WriteLine(parsed.CommandResult.Command == root
                ? "Run 'dispatch --help' for the verbs, or 'dispatch <verb> --help' for a verb's options."
                : $"Run 'dispatch {parsed.CommandResult.Command.Name} --help' for the options.");
            return ExitCodes.InvalidInput;
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancel.IsCancellationRequested)
            {
                return; // a second Ctrl+C ends the process at once
            }
            e.Cancel = true;
            error.WriteLine("stopping (Ctrl+C again to abort at once)...");
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var stoppedBy = Interrupted;
        // SIGTERM as Ctrl+C; a second one takes its default action (the process ends at once).
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            if (cancel.IsCancellationRequested)
            {
                return;
            }
            context.Cancel = true;
            Volatile.Write(ref stoppedBy, Terminated);
            error.WriteLine("stopping (SIGTERM; send it again to abort at once)...");
            cancel.Cancel();
        });
        try
        {
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            var exit = await parsed.InvokeAsync(configuration, cancel.Token);
            return exit;
        }
        catch (Exception e) when (cancel.IsCancellationRequested)
        {
            error.WriteLine("interrupted: no output written (an existing output folder is left as it was)");
            Debug(error, e);
            return Volatile.Read(ref stoppedBy);
        }
        catch (Dispatch.Hosting.StateFileException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (Running.RunOrchestrator.IsTransient(e))
        {
            error.WriteLine("error: the cluster stopped answering and did not come back in time (every silo stopped, or its database): " +
                "no output written. Start a silo (README, Cluster mode) and run the command again.");
            Debug(error, e);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {OneLine(e)}");
            if (!Debug(error, e))
            {
                error.WriteLine("(set DISPATCH_DEBUG=1 to see the details)");
            }
            return ExitCodes.Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// "Cannot parse argument 'abc' for option '--seed' as expected type 'System.Nullable`1[System.Int64]'."
    /// in plain words: "--seed abc: expected a whole number"; other messages as they are.
    /// </summary>
    /// <summary>"; did you mean 'compare'?" for a mistyped verb (at the top) or option (of the verb), else empty.</summary>
    private static string Suggestion(string message, Command command)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "^Unrecognized command or argument '(?<name>[^']+)'");
        if (!match.Success)
        {
            return "";
        }
        var name = match.Groups["name"].Value;
        if (name.TrimStart('-').Length < 3)
        {
            return ""; // too short to guess from
        }
        var known = name.StartsWith('-')
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Select(c => c.Name);
        return Dispatch.Model.Scenarios.NameSuggestions.DidYouMean(name, known.ToList());
    }

    private static string PlainParseError(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message,
            "^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'");
        if (!match.Success)
        {
            return message;
        }
        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) ? "a number"
            : "a value of another kind";
        return $"{match.Groups["option"].Value} {match.Groups["value"].Value}: expected {expected}";
    }

    /// <summary>With DISPATCH_DEBUG=1, prints the whole exception (stack trace included).</summary>
    private static bool Debug(TextWriter error, Exception e)
    {
        if (Environment.GetEnvironmentVariable("DISPATCH_DEBUG") != "1")
        {
            return false;
        }
        error.WriteLine(e.ToString());
        return true;
    }

    /// <summary>The innermost meaningful message, on one line.</summary>
    private static string OneLine(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException && e.InnerException is not null)
        {
            e = e.InnerException!;
        }
        var message = string.Join(" ", e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"unexpected failure: {message}";
    }

    /// <summary>One line of usage for a verb (or the list of verbs), built from its arguments and options.</summary>
    public static string Usage(Command command, RootCommand root)
    {
        if (command == root)
        {
            return $"dispatch <verb> [options]; verbs: {string.Join(", ", root.Subcommands.Select(c => c.Name))}";
        }
        var parts = new List<string> { "dispatch", command.Name };
        parts.AddRange(command.Arguments.Select(a => $"<{a.Name}>"));
        foreach (var option in command.Options.Where(o => !o.Hidden && o.Name is not "--help" and not "-h" and not "--version"))
        {
            if (option.Name.StartsWith("-?", StringComparison.Ordinal) || option is System.CommandLine.Help.HelpOption)
            {
                continue;
            }
            var value = option.ValueType == typeof(bool) ? "" : $" <{option.HelpName ?? option.Name.TrimStart('-')}>";
            parts.Add($"[{option.Name}{value}]");
        }
        return string.Join(" ", parts);
    }
}
