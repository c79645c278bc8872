using System.Globalization;
using System.Text;
using Dispatch.Abstractions.Live;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dispatch.Cli.Live;

/// <summary>The live dashboard as a pure function of the state: header, map, units, figures, feed and keys.</summary>
public static class DashboardRenderer
{
    public const int MapWidth = 64;
    public const int MapHeight = 22;

    private static readonly (string Status, string Label, string Color)[] Statuses =
    [
        ("Patrol", "patrol", "green"), ("Available", "available", "green3"), ("SchoolPost", "school post", "deepskyblue1"),
        ("Check", "check", "deepskyblue1"), ("EnRoute", "en route", "yellow"), ("OnScene", "on scene", "red"),
        ("Returning", "returning", "grey70"), ("CommandPost", "command post", "magenta"), ("OffShift", "off shift", "grey39"),
    ];

    public static IRenderable Render(DashboardState state, bool attached)
    {
        var b = state.Latest;
        var header = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[bold]Dispatch live[/] · {Markup.Escape(state.Info.Scenario)} · run {Markup.Escape(state.Info.RunId)} · [bold]{state.Clock(b.SimulatedMinute)}[/] · speed {SpeedText(b.Speed)}")
            + (b.Paused ? " · [black on yellow] PAUSED [/]" : "")
            + (b.Behind ? string.Create(CultureInfo.InvariantCulture, $" · [white on red] BEHIND by {b.LagMinutes * 60 / Math.Max(b.Speed, 1e-9):0.0} s: the machine cannot keep up [/]") : "")
            + (b.Finished ? " · [black on green] FINISHED [/]" : "")
            + (state.InSync ? "" : " · [red]resyncing[/]"));

        var right = new Rows(UnitsTable(state), KpiTable(b.Kpis, b.SimulatedMinute, state.Info.EndMinute));
        var middle = new Columns(new Panel(Map(state)).Header("map").Border(BoxBorder.Rounded), right);
        var feed = new Panel(new Markup(state.Feed.Count == 0 ? "[grey]waiting for the first incident…[/]" : string.Join("\n", state.Feed.Select(Markup.Escape))))
            .Header("incidents and dispatch decisions").Border(BoxBorder.Rounded).Expand();
        var keys = new Markup(attached
            ? "[grey]keys:[/] [bold]p[/] pause/resume · [bold]+[/] faster · [bold]-[/] slower · [bold]s[/] stop the run · [bold]q[/] leave (the run goes on)"
            : "[grey]keys:[/] [bold]p[/] pause/resume · [bold]+[/] faster · [bold]-[/] slower · [bold]s[/] stop the run · [bold]q[/] quit (stops the run: it lives in this process)");
        return new Rows(header, middle, feed, keys);
    }

    public static string SpeedText(double speed) =>
        double.IsPositiveInfinity(speed) ? "max" : speed.ToString("0.##", CultureInfo.InvariantCulture) + "x";

    private static Table UnitsTable(DashboardState state)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("units");
        table.AddColumn("status");
        table.AddColumn(new TableColumn("units").RightAligned());
        foreach (var (status, label, color) in Statuses)
        {
            var count = state.Units.Count(u => u?.Status == status);
            table.AddRow($"[{color}]{label}[/]", count.ToString(CultureInfo.InvariantCulture));
        }
        return table;
    }

    private static Table KpiTable(LiveKpis k, double minute, double end)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("so far");
        table.AddColumn("measure");
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var (label, value) in LiveFigureValues.Rows(k))
        {
            table.AddRow(label, value);
        }
        table.AddRow("progress", string.Create(CultureInfo.InvariantCulture, $"{100 * minute / Math.Max(end, 1):0}%"));
        return table;
    }

    /// <summary>Zones as their bounding boxes shaded by current risk, stations as S, units by mode letter and status colour.</summary>
    public static IRenderable Map(DashboardState state)
    {
        var zones = state.Info.Zones;
        var hotspots = zones.Where(z => z.IsHotspot).ToList();
        var all = zones.Count > 0 ? zones : [new LiveZone("", "", 0, 0, 1, 1, false)];
        double minX = all.Min(z => z.MinX), maxX = all.Max(z => z.MaxX), minY = all.Min(z => z.MinY), maxY = all.Max(z => z.MaxY);
        var w = Math.Max(maxX - minX, 1);
        var h = Math.Max(maxY - minY, 1);
        var cells = new (char Glyph, string Color)[MapHeight, MapWidth];
        for (var r = 0; r < MapHeight; r++)
        {
            for (var c = 0; c < MapWidth; c++)
            {
                cells[r, c] = (' ', "grey");
            }
        }
        (int Row, int Col) Cell(double x, double y) =>
            (Math.Clamp((int)((maxY - y) / h * (MapHeight - 1) + 0.5), 0, MapHeight - 1), Math.Clamp((int)((x - minX) / w * (MapWidth - 1) + 0.5), 0, MapWidth - 1));
        var risk = state.Latest.ZoneRisk;
        var top = risk.Count > 0 ? Math.Max(risk.Max(), 1e-9) : 1;
        for (var i = 0; i < zones.Count; i++)
        {
            if (!zones[i].IsHotspot)
            {
                continue;
            }
            var level = i < risk.Count ? risk[i] / top : 0;
            var (glyph, color) = level switch
            {
                > 0.66 => ('▓', "red3"),
                > 0.33 => ('▒', "orange3"),
                > 0.05 => ('░', "yellow3"),
                _ => ('·', "grey50"),
            };
            var (r0, c0) = Cell(zones[i].MinX, zones[i].MaxY);
            var (r1, c1) = Cell(zones[i].MaxX, zones[i].MinY);
            for (var r = r0; r <= r1; r++)
            {
                for (var c = c0; c <= c1; c++)
                {
                    cells[r, c] = (glyph, color);
                }
            }
        }
        foreach (var station in state.Info.Stations)
        {
            var (r, c) = Cell(station.X, station.Y);
            cells[r, c] = ('S', "bold white");
        }
        foreach (var unit in state.Units)
        {
            if (unit is null || unit.Status == "OffShift")
            {
                continue;
            }
            var (r, c) = Cell(unit.X, unit.Y);
            var mode = state.Info.UnitModes[unit.Index];
            var color = Statuses.FirstOrDefault(s => s.Status == unit.Status).Color ?? "white";
            cells[r, c] = (char.ToUpperInvariant(mode[0]) == 'T' ? 'T' : mode[0], "bold " + color);
        }
        var text = new StringBuilder();
        for (var r = 0; r < MapHeight; r++)
        {
            var c = 0;
            while (c < MapWidth)
            {
                var color = cells[r, c].Color;
                var run = new StringBuilder();
                while (c < MapWidth && cells[r, c].Color == color)
                {
                    run.Append(cells[r, c].Glyph);
                    c++;
                }
                text.Append('[').Append(color).Append(']').Append(Markup.Escape(run.ToString())).Append("[/]");
            }
            text.Append('\n');
        }
        text.Append("[grey]f foot · b bicycle · c car · T tactical · S station · ░▒▓ risk[/]");
        return new Markup(text.ToString());
    }
}
