using Dispatch.Abstractions.Live;

namespace Dispatch.Cli.Live;

/// <summary>
/// The district in text: hotspot zones shaded by current risk, stations, units by mode letter and
/// status colour, and open incidents at their zone by priority (waiting ones in reverse video).
/// </summary>
public static class DashboardMap
{
    /// <summary>The glyph and colour of an open incident: ! P1, * P2, + P3 and lower.</summary>
    public static (char Glyph, string Color) IncidentMark(int priority) => priority switch
    {
        <= 1 => ('!', "red1"),
        2 => ('*', "orange1"),
        _ => ('+', "yellow1"),
    };

    /// <summary>The style of an incident's mark: waiting for a unit in reverse video, otherwise bold.</summary>
    public static string IncidentStyle(LiveIncident incident) =>
        Waiting(incident) ? "black on " + IncidentMark(incident.Priority).Color : "bold " + IncidentMark(incident.Priority).Color;

    /// <summary>Not yet sent a unit (in the dispatch queue or still at call handling).</summary>
    public static bool Waiting(LiveIncident incident) => double.IsNaN(incident.DispatchedAt) || incident.InQueue;

    /// <summary>How many columns a map of <paramref name="rows"/> rows needs to keep the district's shape (a cell is about twice as tall as wide).</summary>
    public static int IdealColumns(LiveScenarioInfo info, int rows)
    {
        var (minX, minY, maxX, maxY) = Extent(info);
        return (int)Math.Round(rows * 2.0 * Math.Max(maxX - minX, 1) / Math.Max(maxY - minY, 1));
    }

    /// <summary>The map in <paramref name="cols"/> x <paramref name="rows"/> cells, its last line the legend.</summary>
    public static List<FrameLine> Lines(DashboardState state, int cols, int rows, bool compact)
    {
        var height = Math.Max(rows - 1, 1);
        var width = Math.Max(cols, 1);
        var (minX, minY, maxX, maxY) = Extent(state.Info);
        var w = Math.Max(maxX - minX, 1);
        var h = Math.Max(maxY - minY, 1);
        var cells = new (char Glyph, string Style)[height, width];
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                cells[r, c] = (' ', "");
            }
        }
        (int Row, int Col) Cell(double x, double y) =>
            (Math.Clamp((int)((maxY - y) / h * (height - 1) + 0.5), 0, height - 1), Math.Clamp((int)((x - minX) / w * (width - 1) + 0.5), 0, width - 1));
        var zones = state.Info.Zones;
        var risk = state.Latest.ZoneRisk;
        var top = risk.Count > 0 ? Math.Max(risk.Max(), 1e-9) : 1;
        for (var i = 0; i < zones.Count; i++)
        {
            if (!zones[i].IsHotspot)
            {
                continue;
            }
            var level = i < risk.Count ? risk[i] / top : 0;
            var mark = level switch
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
                    cells[r, c] = mark;
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
            cells[r, c] = (char.ToUpperInvariant(mode[0]) == 'T' ? 'T' : mode[0], "bold " + UnitStatuses.Color(unit.Status));
        }
        // Incidents last, so that none hides under a unit; several in one zone sit side by side.
        var byZone = zones.Select((z, i) => (z, i)).GroupBy(p => p.z.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().z, StringComparer.Ordinal);
        var placed = new Dictionary<(int, int), int>();
        foreach (var incident in state.OpenIncidents.OrderByDescending(i => i.Priority).ThenBy(i => i.Id))
        {
            if (!byZone.TryGetValue(incident.Zone, out var zone))
            {
                continue;
            }
            var (r, c) = Cell((zone.MinX + zone.MaxX) / 2, (zone.MinY + zone.MaxY) / 2);
            placed.TryGetValue((r, c), out var n);
            placed[(r, c)] = n + 1;
            cells[r, Math.Clamp(c + n, 0, width - 1)] = (IncidentMark(incident.Priority).Glyph, IncidentStyle(incident));
        }
        var lines = new List<FrameLine>();
        for (var r = 0; r < height; r++)
        {
            var line = new FrameLine();
            var c = 0;
            while (c < width)
            {
                var style = cells[r, c].Style;
                var run = new System.Text.StringBuilder();
                while (c < width && cells[r, c].Style == style)
                {
                    run.Append(cells[r, c].Glyph);
                    c++;
                }
                line.Add(run.ToString(), style);
            }
            lines.Add(line);
        }
        lines.Add(Legend(compact || Legend(false).Width > width));
        return lines;
    }

    private static FrameLine Legend(bool compact)
    {
        var line = new FrameLine();
        line.Add(compact ? "f b c T units · S stn · " : "f foot · b bicycle · c car · T tactical · S station · ░▒▓ risk · incidents ", "grey");
        line.Add("!", "bold red1").Add("*", "bold orange1").Add("+", "bold yellow1").Add(compact ? " P1-3 " : " P1 P2 P3 · ", "grey");
        line.Add("!", "black on red1").Add(compact ? " waiting" : " waiting for a unit", "grey");
        return line;
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) Extent(LiveScenarioInfo info)
    {
        var all = info.Zones.Count > 0 ? info.Zones : [new LiveZone("", "", 0, 0, 1, 1, false)];
        return (all.Min(z => z.MinX), all.Min(z => z.MinY), all.Max(z => z.MaxX), all.Max(z => z.MaxY));
    }
}
