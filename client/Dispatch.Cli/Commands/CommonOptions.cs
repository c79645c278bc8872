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

    /// <summary>Adds the shared options to a verb; <paramref name="replications"/> false leaves out <c>--replications</c> (a live run has one).</summary>
    public void AddTo(Command command, bool replications = true)
    {
        command.Options.Add(Seed);
        command.Options.Add(Days);
        command.Options.Add(Out);
        if (replications)
        {
            command.Options.Add(Replications);
        }
        command.Options.Add(WarmupDays);
        command.Options.Add(State);
        command.Options.Add(Cluster);
        command.Options.Add(Overwrite);
    }

    /// <summary>Checks the numbers; returns an error message or null.</summary>
    public string? Check(ParseResult parse)
    {
        var replications = parse.GetResult(Replications) is null ? 1 : parse.GetValue(Replications);
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
    /// The first of <paramref name="options"/> given on the command line (not by default), as the message
    /// "OPTION does not apply WHY"; null when none was given. Options that would be silently ignored are refused.
    /// </summary>
    public static string? NotApplicable(ParseResult parse, string why, params Option[] options)
    {
        foreach (var option in options)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                return $"{option.Name} does not apply {why}";
            }
        }
        return null;
    }

    /// <summary>
    /// The run's length: <c>--days</c> or the scenario's, and <c>--warmup-days</c>; a problem message
    /// when the warm-up is not shorter than the run.
    /// </summary>
    public (int Days, double Warmup, string? Problem) RunLength(ParseResult parse, int scenarioDays)
    {
        var days = parse.GetValue(Days) ?? scenarioDays;
        var warmup = parse.GetValue(WarmupDays);
        return (days, warmup, warmup >= days ? $"--warmup-days {warmup}: must be shorter than the run ({days} days)" : null);
    }

    public static int Usage(TextWriter error, string message, string usage)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine($"Usage: {usage}");
        return ExitCodes.InvalidInput;
    }
}
