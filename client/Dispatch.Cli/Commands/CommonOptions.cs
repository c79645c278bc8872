using System.CommandLine;

namespace Dispatch.Cli.Commands;

/// <summary>Options shared by the verbs that run scenarios (a contract: names from DESIGN section 6).</summary>
public sealed class CommonOptions
{
    public Option<long?> Seed { get; } = new("--seed") { Description = "Random seed (default: the scenario's seed)." };

    public Option<int?> Days { get; } = new("--days") { Description = "Simulated days (default: the scenario's days)." };

    public Option<string?> Out { get; } = new("--out") { Description = "Output folder." };

    public Option<int> Replications { get; } = new("--replications") { Description = "Independent replications, run in parallel.", DefaultValueFactory = _ => 1 };

    public Option<double> WarmupDays { get; } = new("--warmup-days") { Description = "Initial simulated days excluded from the statistics.", DefaultValueFactory = _ => 0 };

    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace the output of an earlier run in the output folder (without it such a folder is refused)." };

    public static readonly string DefaultState = Path.Combine("data", "dispatch.db");

    public Option<string?> Cluster { get; } = new("--cluster") { Description = "PostgreSQL connection string of a running Dispatch cluster (default: $DISPATCH_CLUSTER unless --state is given; neither: the embedded silo).", HelpName = "connection" };

    /// <summary>
    /// The cluster to run on (for <see cref="Running.ClusterConnection.ConnectAsync"/>): <c>--cluster</c>;
    /// else the embedded silo when <c>--state</c> is given explicitly (an "" result); else null, which
    /// means <c>DISPATCH_CLUSTER</c> if set.
    /// </summary>
    public string? ClusterFor(ParseResult parse) =>
        parse.GetValue(Cluster) ?? (parse.GetResult(State) is { Implicit: false } ? "" : null);

    public Option<string> State { get; } = new("--state") { Description = "SQLite file of grain state for the embedded silo.", DefaultValueFactory = _ => DefaultState };

    public void AddTo(Command command)
    {
        command.Options.Add(Seed);
        command.Options.Add(Days);
        command.Options.Add(Out);
        command.Options.Add(Replications);
        command.Options.Add(WarmupDays);
        command.Options.Add(State);
        command.Options.Add(Cluster);
        command.Options.Add(Overwrite);
    }

    /// <summary>Checks the numbers; returns an error message or null.</summary>
    public string? Check(ParseResult parse)
    {
        var replications = parse.GetValue(Replications);
        if (replications is < 1 or > 10_000)
        {
            return $"--replications {replications}: expected a whole number from 1 to 10000";
        }
        if (parse.GetValue(Days) is < 1 or > 3650)
        {
            return $"--days {parse.GetValue(Days)}: expected a whole number of days from 1 to 3650";
        }
        var warmup = parse.GetValue(WarmupDays);
        if (warmup < 0 || !double.IsFinite(warmup))
        {
            return $"--warmup-days {warmup}: expected 0 or more days";
        }
        return null;
    }

    /// <summary>
    /// Checks that the output folder can be written, without creating it (the output is written to
    /// a sibling staging folder and moved into place when complete, see <see cref="Output.RunOutputWriter.Publish"/>).
    /// A folder that already holds an entry the verb writes (<paramref name="layout"/>: the output
    /// of an earlier run, or a file of the user's with such a name) is refused unless
    /// <paramref name="overwrite"/>. Returns an error message or null.
    /// </summary>
    public static string? PrepareOutput(string directory, Output.OutputLayout layout, bool overwrite = false)
    {
        try
        {
            var target = Output.RunOutputWriter.FullPath(directory);
            if (File.Exists(target))
            {
                return $"--out {directory}: is a file; expected a folder";
            }
            if (Directory.Exists(target) && !overwrite && Output.RunOutputWriter.FirstEntryReplaced(target, layout) is { } entry)
            {
                return entry == layout.CompletionFile || entry == Output.RunOutputWriter.IncompleteMarker
                    ? $"--out {directory}: the folder already holds the output of an earlier run; add --overwrite to replace it, or choose another folder"
                    : $"--out {directory}: the folder already holds '{entry}', which this command writes; add --overwrite to replace it, or choose another folder";
            }
            // The staging folder is a sibling of the target: prove the parent takes it, leaving nothing behind.
            var probe = Output.RunOutputWriter.StagingPath(target) + "-check";
            Directory.CreateDirectory(probe);
            File.WriteAllText(Path.Combine(probe, ".write-check"), "");
            Directory.Delete(probe, recursive: true);
            if (Directory.Exists(target))
            {
                var file = Path.Combine(target, $".write-check-{Environment.ProcessId}");
                File.WriteAllText(file, "");
                File.Delete(file);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return $"--out {directory}: the folder cannot be written ({e.Message})";
        }
    }

    public static int Usage(TextWriter error, string message, string usage)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine($"Usage: {usage}");
        return ExitCodes.InvalidInput;
    }
}
