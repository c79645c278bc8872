using System.Text;
using Spectre.Console;

namespace Dispatch.Cli.Live;

/// <summary>
/// One line of the dashboard as styled spans of plain text, so that its width in terminal cells is
/// known before it is drawn: lines are cropped and padded to an exact width, then turned into markup.
/// </summary>
public sealed class FrameLine
{
    private readonly List<(string Text, string Style)> _spans = [];

    /// <summary>The width in terminal cells (a CJK character takes two).</summary>
    public int Width { get; private set; }

    /// <summary>Appends plain text (escaped when drawn) in a Spectre style ("" for none).</summary>
    public FrameLine Add(string text, string style = "")
    {
        if (text.Length > 0)
        {
            _spans.Add((text, style));
            Width += text.GetCellWidth();
        }
        return this;
    }

    /// <summary>Appends all the spans of another line.</summary>
    public FrameLine Add(FrameLine other)
    {
        foreach (var (text, style) in other._spans)
        {
            Add(text, style);
        }
        return this;
    }

    /// <summary>A line of one span.</summary>
    public static FrameLine Of(string text, string style = "") => new FrameLine().Add(text, style);

    /// <summary>This line cut to <paramref name="width"/> cells (with … when cut) and padded with spaces to exactly that width.</summary>
    public FrameLine Fit(int width)
    {
        var line = new FrameLine();
        var room = Width > width ? width - 1 : width;
        foreach (var (text, style) in _spans)
        {
            if (line.Width >= room)
            {
                break;
            }
            var part = new StringBuilder();
            var used = line.Width;
            foreach (var ch in text)
            {
                var w = ch.GetCellWidth();
                if (used + w > room)
                {
                    break;
                }
                part.Append(ch);
                used += w;
            }
            line.Add(part.ToString(), style);
        }
        if (Width > width && width > 0)
        {
            line.Add("…", "grey");
        }
        return line.Add(new string(' ', Math.Max(0, width - line.Width)));
    }

    /// <summary>The line's plain text.</summary>
    public string Plain => string.Concat(_spans.Select(s => s.Text));

    /// <summary>The line as Spectre markup, every text escaped.</summary>
    public string Markup() => string.Concat(_spans.Select(s =>
        s.Style.Length == 0 ? Spectre.Console.Markup.Escape(s.Text) : $"[{s.Style}]{Spectre.Console.Markup.Escape(s.Text)}[/]"));
}

/// <summary>Boxes and columns of <see cref="FrameLine"/>s, each of an exact size.</summary>
public static class FrameText
{
    /// <summary>A rounded box of exactly <paramref name="width"/> x <paramref name="height"/> cells with a title; content beyond it is cut.</summary>
    public static List<FrameLine> Box(string title, IEnumerable<FrameLine> content, int width, int height)
    {
        var inner = Math.Max(0, width - 2);
        var top = new FrameLine().Add("╭─", "grey");
        var name = FrameLine.Of(title, "bold").Fit(Math.Min(title.GetCellWidth(), Math.Max(0, inner - 3)));
        top.Add(name).Add(new string('─', Math.Max(0, inner - 1 - name.Width)) + "╮", "grey");
        var lines = new List<FrameLine> { top };
        foreach (var line in content.Take(Math.Max(0, height - 2)))
        {
            lines.Add(new FrameLine().Add("│", "grey").Add(line.Fit(inner)).Add("│", "grey"));
        }
        while (lines.Count < height - 1)
        {
            lines.Add(new FrameLine().Add("│", "grey").Add(new string(' ', inner)).Add("│", "grey"));
        }
        lines.Add(new FrameLine().Add("╰" + new string('─', inner) + "╯", "grey"));
        return lines;
    }

    /// <summary>Blocks side by side, each padded to its width and to the height of the tallest.</summary>
    public static List<FrameLine> Beside(params (List<FrameLine> Lines, int Width)[] blocks)
    {
        var height = blocks.Max(b => b.Lines.Count);
        var lines = new List<FrameLine>();
        for (var r = 0; r < height; r++)
        {
            var line = new FrameLine();
            foreach (var (block, width) in blocks)
            {
                line.Add((r < block.Count ? block[r] : new FrameLine()).Fit(width));
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Boxes stacked one under the other.</summary>
    public static List<FrameLine> Stack(params List<FrameLine>[] blocks) => blocks.SelectMany(b => b).ToList();

    /// <summary>The frame as one markup string (lines joined by newlines).</summary>
    public static string Markup(IEnumerable<FrameLine> lines) => string.Join("\n", lines.Select(l => l.Markup()));
}
