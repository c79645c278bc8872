using System.Globalization;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The words of a command, as typed on the console's command line, given to <c>dispatch command</c>
/// and stored in the command log (docs/live.md, "Commands"):
/// <code>
/// send UNIT INCIDENT          hold INCIDENT UNIT
/// post UNIT ZONE [MINUTES]    release UNIT
/// alert ZONE                  cordon ZONE [MINUTES]
/// call-in UNIT [HOURS]        stand-down UNIT
/// inject TYPE ZONE|X,Y [PRIORITY]  stop
/// </code>
/// Incidents by number (<c>12</c> or <c>#12</c>); minutes default to 60, a call-in to the unit's shift.
/// </summary>
public static class CommandText
{
    /// <summary>Minutes a post or cordon holds when none are given.</summary>
    public const double DefaultHoldMinutes = 60;

    /// <summary>The verbs and their arguments, for help texts.</summary>
    public const string Synopsis =
        "send UNIT INCIDENT | hold INCIDENT UNIT | post UNIT ZONE [MINUTES] | release UNIT | alert ZONE | cordon ZONE [MINUTES] | call-in UNIT [HOURS] | stand-down UNIT | inject TYPE ZONE|X,Y [PRIORITY] | stop";

    private static readonly (string Word, CommandKind Kind)[] Words =
    [
        ("send", CommandKind.Send), ("hold", CommandKind.Hold), ("post", CommandKind.Post), ("release", CommandKind.Release),
        ("alert", CommandKind.Alert), ("cordon", CommandKind.Cordon), ("call-in", CommandKind.CallIn),
        ("stand-down", CommandKind.StandDown), ("inject", CommandKind.Inject), ("stop", CommandKind.Stop),
    ];

    /// <summary>The command word of a kind (<c>call-in</c>).</summary>
    public static string Word(CommandKind kind) => Words.First(w => w.Kind == kind).Word;

    /// <summary>Reads a command line (without its time); null with a plain explanation when it is not one.</summary>
    public static KernelCommand? Parse(IReadOnlyList<string> words, double at, out string? problem)
    {
        problem = null;
        if (words.Count == 0)
        {
            problem = $"no command given; one of: {Synopsis}";
            return null;
        }
        var word = words[0].ToLowerInvariant();
        var match = Words.FirstOrDefault(w => w.Word == word || w.Word.Replace("-", "") == word);
        if (match.Word is null)
        {
            problem = $"'{words[0]}' is not a command; one of: {string.Join(", ", Words.Select(w => w.Word))}";
            return null;
        }
        string? issue = null;
        var args = words.Skip(1).ToList();
        var command = new KernelCommand(at, match.Kind);
        var (min, max) = match.Kind switch
        {
            CommandKind.Send or CommandKind.Hold => (2, 2),
            CommandKind.Post => (2, 3),
            CommandKind.Cordon or CommandKind.CallIn => (1, 2),
            CommandKind.Inject => (2, 3),
            CommandKind.Stop => (0, 0),
            _ => (1, 1),
        };
        if (args.Count < min || args.Count > max)
        {
            problem = $"'{match.Word}' takes {(min == max ? $"{min}" : $"{min} to {max}")} argument(s): {Synopsis.Split(" | ").First(s => s.StartsWith(match.Word + " ", StringComparison.Ordinal))}";
            return null;
        }
        double? Number(int k, string what)
        {
            if (args.Count <= k)
            {
                return null;
            }
            if (double.TryParse(args[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v))
            {
                return v;
            }
            issue = $"'{args[k]}': expected {what} (a positive number)";
            return null;
        }
        command = match.Kind switch
        {
            CommandKind.Send => command with { Unit = args[0], Incident = IncidentNumber(args[1], ref issue) },
            CommandKind.Hold => command with { Incident = IncidentNumber(args[0], ref issue), Unit = args[1] },
            CommandKind.Post => command with { Unit = args[0], Zone = args[1], Minutes = Number(2, "minutes") ?? DefaultHoldMinutes },
            CommandKind.Cordon => command with { Zone = args[0], Minutes = Number(1, "minutes") ?? DefaultHoldMinutes },
            CommandKind.CallIn => command with { Unit = args[0], Minutes = Number(1, "hours") * 60 },
            CommandKind.Alert => command with { Zone = args[0] },
            CommandKind.Inject => Inject(command with { Type = args[0] }, args, ref issue),
            CommandKind.Stop => command,
            _ => command with { Unit = args[0] },
        };
        problem = issue;
        return issue is null ? command : null;
    }

    /// <summary>The command's words (the inverse of <see cref="Parse"/>).</summary>
    public static string Format(KernelCommand c)
    {
        static string N(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        var word = Word(c.Kind);
        return c.Kind switch
        {
            CommandKind.Send => $"{word} {c.Unit} {c.Incident}",
            CommandKind.Hold => $"{word} {c.Incident} {c.Unit}",
            CommandKind.Post => $"{word} {c.Unit} {c.Zone} {N(c.Minutes ?? DefaultHoldMinutes)}",
            CommandKind.Cordon => $"{word} {c.Zone} {N(c.Minutes ?? DefaultHoldMinutes)}",
            CommandKind.CallIn => c.Minutes is { } m ? $"{word} {c.Unit} {N(m / 60)}" : $"{word} {c.Unit}",
            CommandKind.Alert => $"{word} {c.Zone}",
            CommandKind.Inject => $"{word} {c.Type} {(c.Zone ?? $"{N(c.X ?? 0)},{N(c.Y ?? 0)}")}{(c.Priority is { } p ? $" {p}" : "")}",
            CommandKind.Stop => word,
            _ => $"{word} {c.Unit}",
        };
    }

    /// <summary>A simulated minute as a clock from the start: <c>02:05</c>, or <c>d1 02:05</c> after the first day.</summary>
    public static string Clock(double minute)
    {
        var day = (int)Math.Floor(minute / 1440);
        var inDay = minute - day * 1440.0;
        var text = $"{(int)(inDay / 60):00}:{(int)(inDay % 60):00}";
        return day > 0 ? $"d{day} {text}" : text;
    }

    private static int? IncidentNumber(string text, ref string? problem)
    {
        if (int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }
        problem ??= $"'{text}': expected an incident number such as 12 or #12";
        return null;
    }

    private static KernelCommand Inject(KernelCommand command, List<string> args, ref string? problem)
    {
        var where = args[1].Split(',');
        if (where.Length == 2 && double.TryParse(where[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(where[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            command = command with { X = x, Y = y };
        }
        else
        {
            command = command with { Zone = args[1] };
        }
        if (args.Count == 3)
        {
            if (int.TryParse(args[2].TrimStart('p', 'P'), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1)
            {
                command = command with { Priority = p };
            }
            else
            {
                problem ??= $"'{args[2]}': expected a priority such as 1 or P1";
            }
        }
        return command;
    }
}
