using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dispatch.Cli.Live;

/// <summary>
/// The live dashboard as a pure function of (state, width, height): a header, the map, the units,
/// the figures, the queue and the feed, sized to the terminal so that the whole frame fits from
/// 80x24 up, and larger terminals get a larger map, more feed lines and more panels.
/// </summary>
public static class DashboardRenderer
{
    /// <summary>The smallest frame laid out; a smaller terminal gets this size (and its own cropping).</summary>
    public const int MinWidth = 60;

    /// <inheritdoc cref="MinWidth"/>
    public const int MinHeight = 16;

    /// <summary>The dashboard for a terminal of <paramref name="width"/> x <paramref name="height"/> cells.</summary>
    public static IRenderable Render(DashboardState state, bool attached, int width, int height) =>
        new Markup(FrameText.Markup(Lines(state, attached, width, height)));

    /// <summary>
    /// The whole screen for <paramref name="console"/>'s size: the dashboard, then the command line and
    /// the selected panels, whose lines (and one spare, so that the live display never scrolls) are
    /// taken off the dashboard's height.
    /// </summary>
    public static IRenderable Frame(IAnsiConsole console, DashboardState state, bool attached, IRenderable prompt, IRenderable? panels)
    {
        var (width, height) = (console.Profile.Width, console.Profile.Height);
        var under = LinesOf(console, prompt, width) + (panels is null ? 0 : LinesOf(console, panels, width)) + 1;
        var dashboard = Render(state, attached, width, Math.Max(height - under, MinHeight));
        return panels is null ? new Rows(dashboard, prompt) : new Rows(dashboard, prompt, panels);
    }

    private static int LinesOf(IAnsiConsole console, IRenderable renderable, int width) =>
        renderable.Render(new RenderOptions(console.Profile.Capabilities, new Size(width, console.Profile.Height)), width).Count(s => s.IsLineBreak) + 1;

    /// <summary>The frame's lines: exactly <paramref name="width"/> cells wide, at most <paramref name="height"/> lines.</summary>
    public static List<FrameLine> Lines(DashboardState state, bool attached, int width, int height)
    {
        var w = Math.Max(width, MinWidth);
        var h = Math.Max(height, MinHeight);
        var compact = w < 100 || h < 30;
        var body = h - 2;
        var feedHeight = body < 30 ? 6 : Math.Clamp(body * 3 / 10, 8, 20);
        var middle = body - feedHeight;
        var side = w < 100 ? 30 : w < 160 ? 36 : 38;
        var secondSide = w >= 160;
        var mapWidth = w - side;
        if (secondSide)
        {
            // The map keeps the district's shape; the rest of the width goes to the queue and the unit list.
            var ideal = DashboardMap.IdealColumns(state.Info, middle - 3) + 2;
            mapWidth = Math.Clamp(ideal, (w - side) / 2, w - side - 36);
        }
        var map = FrameText.Box("map", DashboardMap.Lines(state, mapWidth - 2, middle - 2, compact), mapWidth, middle);
        var right = SidePanels.Column(state, side, middle, compact, withQueue: !secondSide);
        var middleLines = secondSide
            ? FrameText.Beside((map, mapWidth), (right, side), (SidePanels.QueueAndUnits(state, w - mapWidth - side, middle), w - mapWidth - side))
            : FrameText.Beside((map, mapWidth), (right, side));
        var feed = FrameText.Box(FeedTitle(state), FeedLines(state, feedHeight - 2, w - 2), w, feedHeight);
        var lines = new List<FrameLine> { Header(state, compact) };
        lines.AddRange(middleLines);
        lines.AddRange(feed);
        lines.Add(Keys(attached, compact));
        return lines.Select(l => l.Fit(w)).Take(h).ToList();
    }

    /// <summary>A speed as the dashboard shows it: 60x, 0.5x or max.</summary>
    public static string SpeedText(double speed) =>
        double.IsPositiveInfinity(speed) ? "max" : speed.ToString("0.##", CultureInfo.InvariantCulture) + "x";

    private static FrameLine Header(DashboardState state, bool compact)
    {
        var b = state.Latest;
        var line = new FrameLine().Add(compact ? "Dispatch" : "Dispatch live", "bold").Add(" · ").Add(state.Info.Scenario);
        if (!compact)
        {
            line.Add(" · run ").Add(state.Info.RunId);
        }
        line.Add(" · ").Add(state.Clock(b.SimulatedMinute), "bold").Add(" · speed ").Add(SpeedText(b.Speed), "bold")
            .Add(string.Create(CultureInfo.InvariantCulture, $" · {100 * b.SimulatedMinute / Math.Max(state.Info.EndMinute, 1):0}%"));
        if (b.Paused && !b.Finished)
        {
            line.Add(" ").Add(" PAUSED ", "black on yellow");
        }
        if (b.Behind && !b.Finished)
        {
            var seconds = b.LagMinutes * 60 / Math.Max(b.Speed, 1e-9);
            var behind = compact
                ? string.Create(CultureInfo.InvariantCulture, $" BEHIND {seconds:0.0} s ")
                : string.Create(CultureInfo.InvariantCulture, $" BEHIND by {seconds:0.0} s: the machine cannot keep up ");
            line.Add(" ").Add(behind, "white on red");
        }
        if (b.Finished)
        {
            line.Add(" ").Add(b.SimulatedMinute < state.Info.EndMinute - 1e-6 ? " STOPPED " : " FINISHED ", "black on green");
        }
        if (!state.InSync)
        {
            line.Add(" · ").Add("resyncing", "red");
        }
        return line;
    }

    private static FrameLine Keys(bool attached, bool compact)
    {
        var line = new FrameLine().Add("keys: ", "grey");
        void Key(string key, string what, bool last = false)
        {
            line.Add(key, "bold").Add(" " + what + (last ? "" : " · "));
        }
        Key("p", compact ? "pause" : "pause/resume");
        Key("+", compact ? "faster" : "faster");
        Key("-", compact ? "slower" : "slower");
        Key("s", compact ? "stop" : "stop the run");
        Key("q", attached ? (compact ? "leave" : "leave (the run goes on)") : compact ? "quit (stops it)" : "quit (stops the run: it lives in this process)", last: true);
        return line;
    }

    private static string FeedTitle(DashboardState state)
    {
        var b = state.Latest;
        return state.Log.Aggregating(b.Speed, b.SimulatedMinute)
            ? string.Create(CultureInfo.InvariantCulture, $"events per {FeedLog.IntervalMinutes(b.Speed)} simulated minutes (too fast to list at {SpeedText(b.Speed)})")
            : "incidents and dispatch decisions";
    }

    private static IEnumerable<FrameLine> FeedLines(DashboardState state, int count, int width)
    {
        var b = state.Latest;
        if (state.Log.Entries.Count == 0)
        {
            return [FrameLine.Of(b.Finished ? "no incident in this run" : "waiting for the first incident…", "grey")];
        }
        var lines = state.Log.Aggregating(b.Speed, b.SimulatedMinute)
            ? state.Log.Aggregated(FeedLog.IntervalMinutes(b.Speed), count,
                b.Finished ? Math.Min(b.SimulatedMinute, state.Info.EndMinute) - 1e-6 : b.SimulatedMinute, state.Info.Start, open: !b.Finished).ToList()
            : state.Log.Entries.TakeLast(count).Select(e => e.Text).ToList();
        return lines.Select(l => FeedLine(l).Fit(width));
    }

    /// <summary>A feed line with its time in grey and its first number of units or incident in bold.</summary>
    private static FrameLine FeedLine(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? FrameLine.Of(text) : new FrameLine().Add(text[..space], "grey").Add(text[space..]);
    }
}
