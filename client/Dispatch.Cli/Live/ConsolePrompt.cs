using System.Globalization;
using System.Text;
using Dispatch.Abstractions;
using Dispatch.Model.Simulation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dispatch.Cli.Live;

/// <summary>
/// The dashboard's small command line: <c>:</c> opens it for a duty officer's command (on a console
/// holding control), <c>j</c> for a time to jump to (in a replay); Enter sends, Escape closes. The
/// reply shows under the dashboard, and every watcher sees the command in its feed.
/// </summary>
public sealed class ConsolePrompt(IGrainFactory grains, string runId, bool control, bool replay)
{
    private readonly StringBuilder _text = new();
    private char _mode;

    /// <summary>Whether this console holds control of the run (commands are refused otherwise).</summary>
    public bool HasControl { get; set; } = control;

    /// <summary>What the last command or jump gave.</summary>
    public string? LastReply { get; private set; }

    /// <summary>Shows a message (a refused key) where the last reply goes.</summary>
    public void Say(string message) => LastReply = message;

    /// <summary>Whether a line is being typed (then every key is the prompt's).</summary>
    public bool Editing => _mode != default;

    /// <summary>Takes a key; true when it was the prompt's (the dashboard's own keys are left alone otherwise).</summary>
    public async Task<bool> KeyAsync(ConsoleKeyInfo key)
    {
        if (!Editing)
        {
            if (key.KeyChar == ':' && !replay)
            {
                if (!HasControl)
                {
                    LastReply = "commands need control of the run: watch it with --control";
                    return true;
                }
                _mode = ':';
            }
            else if (key.KeyChar is 'j' or 'J' && replay)
            {
                _mode = 'j';
            }
            else
            {
                return false;
            }
            _text.Clear();
            return true;
        }
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                var line = _text.ToString().Trim();
                var mode = _mode;
                _mode = default;
                LastReply = mode == 'j' ? await JumpAsync(line) : CommandRouter.Describe(await CommandRouter.SendAsync(grains, runId, line, CommandRouter.ConsoleName));
                break;
            case ConsoleKey.Escape:
                _mode = default;
                break;
            case ConsoleKey.Backspace:
                if (_text.Length > 0)
                {
                    _text.Length--;
                }
                break;
            default:
                if (!char.IsControl(key.KeyChar))
                {
                    _text.Append(key.KeyChar);
                }
                break;
        }
        return true;
    }

    /// <summary>The prompt's line under the dashboard.</summary>
    public IRenderable Render() => new Markup(_mode switch
    {
        ':' => $"[bold]command>[/] {Markup.Escape(_text.ToString())}_  [grey]({Markup.Escape(CommandText.Synopsis)}; Enter sends, Esc closes)[/]",
        'j' => $"[bold]jump to>[/] {Markup.Escape(_text.ToString())}_  [grey](HH:MM, dN HH:MM or a simulated minute; Enter jumps)[/]",
        _ => (LastReply is { } reply ? Markup.Escape(reply) + "\n" : "")
            + (replay ? "[grey]replay:[/] [bold]j[/] jump to a time" : HasControl ? "[grey]control:[/] [bold]:[/] command line" : "[grey]watching (no control)[/]"),
    });

    /// <summary>A simulated minute from <c>HH:MM</c>, <c>dN HH:MM</c> or a number of minutes; null if it is none.</summary>
    public static double? ParseTime(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var day = 0;
        if (parts.Length == 2 && parts[0].StartsWith('d') && int.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out day))
        {
            parts = parts[1..];
        }
        if (parts.Length != 1)
        {
            return null;
        }
        if (TimeSpan.TryParseExact(parts[0], ["h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out var clock))
        {
            return day * 1440 + clock.TotalMinutes;
        }
        return day == 0 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var minute) && minute >= 0 ? minute : null;
    }

    private async Task<string> JumpAsync(string text)
    {
        if (ParseTime(text) is not { } minute)
        {
            return $"'{text}': expected a time such as 06:30, d1 06:30 or 390";
        }
        var progress = await grains.GetGrain<IScenarioGrain>(runId).SeekAsync(minute);
        return $"jumped to {CommandText.Clock(progress.SimulatedMinute)}";
    }
}
