using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Orleans.Storage;

namespace Dispatch.Cli.Running;

/// <summary>
/// The CLI's log output: errors only, one line each, on standard error, without the storage
/// provider's report of a version conflict that the grain resolves itself (two processes on one
/// state file storing a scenario text or the run list at once: no failure for the user).
/// </summary>
public static class CliLogging
{
    /// <summary>Replaces the builder's providers with the CLI's console output.</summary>
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o =>
        {
            o.FormatterName = CliLogFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        logging.AddConsoleFormatter<CliLogFormatter, ConsoleFormatterOptions>();
        // DISPATCH_TIMINGS=1 also shows the runtime's information entries, each with its time (see PhaseTrace).
        logging.AddFilter(level => level >= (PhaseTrace.Enabled ? LogLevel.Information : LogLevel.Error));
        // A host that fails to start is reported by the verb itself, in words.
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
    }

    /// <summary>
    /// Grains whose state two processes on one storage may write at once and that resolve a version
    /// conflict themselves (read again, merge, write): the scenario texts and the run registry.
    /// </summary>
    private static readonly string[] SelfResolvingGrains = ["scenariodocument/", "runregistry/"];

    /// <summary>
    /// True for the silo's report of a start that this process cancelled itself: a verb that stops
    /// early (a refused output folder, an invalid scenario) cancels the embedded silo it began to
    /// start beside its checks and reports its own problem in words.
    /// </summary>
    public static bool IsCancelledStart(string category, Exception? exception) =>
        exception is OperationCanceledException && category.StartsWith("Orleans.", StringComparison.Ordinal);

    /// <summary>True for the storage provider's log entry of a version conflict that the grain resolves itself.</summary>
    public static bool IsResolvedConflict(Exception? exception, string message) =>
        (exception is InconsistentStateException || message.Contains(nameof(InconsistentStateException), StringComparison.Ordinal))
        && SelfResolvingGrains.Any(grain => message.Contains(grain, StringComparison.Ordinal));
}

/// <summary>One line per entry: <c>fail: Category[event] message Exception: text</c>.</summary>
public sealed class CliLogFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The name the console logger selects this formatter by.</summary>
    public const string FormatterName = "dispatch";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception) ?? "";
        if (CliLogging.IsResolvedConflict(logEntry.Exception, message) || CliLogging.IsCancelledStart(logEntry.Category, logEntry.Exception))
        {
            return;
        }
        var level = logEntry.LogLevel switch
        {
            LogLevel.Critical => "crit",
            LogLevel.Error => "fail",
            LogLevel.Warning => "warn",
            LogLevel.Information => "info",
            LogLevel.Debug => "dbug",
            _ => "trce",
        };
        var line = $"{(PhaseTrace.Enabled ? PhaseTrace.Now() + " " : "")}{level}: {logEntry.Category}[{logEntry.EventId.Id}] {message}";
        if (logEntry.Exception is { } exception)
        {
            line += " " + exception;
        }
        textWriter.WriteLine(line.ReplaceLineEndings(" "));
    }
}
