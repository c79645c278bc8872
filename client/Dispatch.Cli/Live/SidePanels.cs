using System.Globalization;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Live;

/// <summary>The dashboard's panels beside the map: units by status, the live figures, the queue and the units one by one.</summary>
public static class SidePanels
{
    private const int MeasuresHeight = 9;

    /// <summary>Units and figures (and the queue below them when it has room), exactly <paramref name="height"/> lines.</summary>
    public static List<FrameLine> Column(DashboardState state, int width, int height, bool compact, bool withQueue)
    {
        var full = height - MeasuresHeight >= UnitStatuses.All.Count + 2;
        var units = full ? UnitStatuses.All.Count + 2 : (UnitStatuses.All.Count + 1) / 2 + 2;
        if (units + MeasuresHeight > height)
        {
            // Too short for two boxes (80x24 less the command line): units and figures share one.
            return FrameText.Box("units · so far", StatusLines(state, width - 2, full: false).Concat(MeasureLines(state.Latest.Kpis, width - 2, compact: true)), width, height);
        }
        var rest = height - units - MeasuresHeight;
        var below = rest >= 4 ? rest : 0;
        return FrameText.Stack(
            FrameText.Box("units", StatusLines(state, width - 2, full), width, units),
            FrameText.Box("so far", MeasureLines(state.Latest.Kpis, width - 2, compact), width, height - units - below),
            below == 0 ? [] : withQueue ? FrameText.Box(QueueTitle(state), QueueLines(state), width, below) : FrameText.Box("risk now (per hour)", RiskLines(state, width - 2), width, below));
    }

    /// <summary>The queue and open incidents above the units one by one (large terminals), exactly <paramref name="height"/> lines.</summary>
    public static List<FrameLine> QueueAndUnits(DashboardState state, int width, int height)
    {
        var open = state.OpenIncidents.Count();
        var queue = Math.Clamp(open + 2, 4, height / 2);
        return FrameText.Stack(
            FrameText.Box(QueueTitle(state), QueueLines(state), width, queue),
            FrameText.Box(UnitListTitle(state), UnitList(state, width - 2, height - queue - 2), width, height - queue));
    }

    private static IEnumerable<FrameLine> StatusLines(DashboardState state, int inner, bool full)
    {
        var counts = UnitStatuses.All.Select(s => (s, Count: state.Units.Count(u => u?.Status == s.Status))).ToList();
        if (full)
        {
            return counts.Select(p => Pair(p.s.Label, p.s.Color, p.Count, inner));
        }
        var half = inner / 2;
        return counts.Chunk(2).Select(pair => pair.Length == 2
            ? Pair(pair[0].s.Short, pair[0].s.Color, pair[0].Count, half - 1).Add(" │ ", "grey").Add(Pair(pair[1].s.Short, pair[1].s.Color, pair[1].Count, inner - half - 2))
            : Pair(pair[0].s.Short, pair[0].s.Color, pair[0].Count, half - 1));
    }

    private static FrameLine Pair(string label, string color, int count, int width)
    {
        var value = count.ToString(CultureInfo.InvariantCulture);
        return new FrameLine().Add(label, color).Add(new string(' ', Math.Max(1, width - label.Length - value.Length))).Add(value, "bold");
    }

    private static IEnumerable<FrameLine> MeasureLines(LiveKpis kpis, int inner, bool compact)
    {
        foreach (var (measure, value) in LiveFigureValues.Values(kpis))
        {
            var label = compact ? measure.Live!.Label : measure.LiveTitle!;
            var text = LiveFigureValues.Plain(measure, value);
            var style = measure.Live is { Warn: true } && value > 0 ? "bold red" : "bold";
            var room = inner - text.Length - 1;
            yield return FrameLine.Of(label).Fit(Math.Max(room, 0)).Add(" ").Add(text, style);
        }
    }

    /// <summary>The hotspots of highest forecast risk now, with their open incidents.</summary>
    private static IEnumerable<FrameLine> RiskLines(DashboardState state, int inner)
    {
        var zones = state.Info.Zones;
        var risk = state.Latest.ZoneRisk;
        var open = state.OpenIncidents.GroupBy(i => i.Zone, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return Enumerable.Range(0, Math.Min(zones.Count, risk.Count)).Where(i => zones[i].IsHotspot && risk[i] > 0)
            .OrderByDescending(i => risk[i]).ThenBy(i => zones[i].Id, StringComparer.Ordinal)
            .Select(i =>
            {
                var value = string.Create(CultureInfo.InvariantCulture, $"{risk[i]:0.00}");
                var n = open.GetValueOrDefault(zones[i].Id);
                var label = FrameLine.Of(zones[i].Id).Add(n > 0 ? $" ({n} open)" : "", "bold red");
                return label.Fit(Math.Max(0, inner - value.Length - 1)).Add(" ").Add(value, "bold");
            });
    }

    private static string QueueTitle(DashboardState state)
    {
        var open = state.OpenIncidents.ToList();
        return string.Create(CultureInfo.InvariantCulture, $"queue {open.Count(DashboardMap.Waiting)} · open {open.Count}");
    }

    /// <summary>Open incidents, those waiting for a unit first (most urgent, then oldest), each with its mark, zone and age.</summary>
    public static IEnumerable<FrameLine> QueueLines(DashboardState state)
    {
        var now = state.Latest.SimulatedMinute;
        var open = state.OpenIncidents.OrderByDescending(DashboardMap.Waiting).ThenBy(i => i.Priority).ThenBy(i => i.CreatedAt).ToList();
        if (open.Count == 0)
        {
            yield return FrameLine.Of("no open incident", "grey");
        }
        foreach (var i in open)
        {
            var waiting = DashboardMap.Waiting(i);
            yield return new FrameLine().Add(DashboardMap.IncidentMark(i.Priority).Glyph.ToString(), DashboardMap.IncidentStyle(i))
                .Add(string.Create(CultureInfo.InvariantCulture, $" P{i.Priority} {now - i.CreatedAt,4:0}m "))
                .Add(waiting ? "waits" : i.Outcome == "OnScene" ? "scene" : "sent ", waiting ? "bold red" : "grey")
                .Add(" " + i.Zone, "bold").Add($" #{i.Id} {i.Type}");
        }
    }

    private static string UnitListTitle(DashboardState state) =>
        string.Create(CultureInfo.InvariantCulture, $"units on duty {state.Units.Count(u => u is not null && u.Status != "OffShift")} of {state.Units.Length}");

    private static IEnumerable<FrameLine> UnitList(DashboardState state, int inner, int rows)
    {
        var order = UnitStatuses.All.Select((s, i) => (s.Status, i)).ToDictionary(p => p.Status, p => p.i, StringComparer.Ordinal);
        var units = state.Units.Where(u => u is not null && u.Status != "OffShift").Select(u => u!)
            .OrderBy(u => order.GetValueOrDefault(u.Status, 99)).ThenBy(u => state.Info.UnitIds[u.Index], StringComparer.Ordinal).ToList();
        var idWidth = Math.Clamp(units.Select(u => state.Info.UnitIds[u.Index].Length).DefaultIfEmpty(4).Max(), 4, Math.Max(4, (inner + 1) / 2 - 13));
        var cell = idWidth + 13;
        var perLine = Math.Max(1, (inner + 1) / cell);
        var shown = Math.Min(units.Count, rows * perLine);
        if (shown < units.Count)
        {
            shown = Math.Max(0, (rows - 1) * perLine);
        }
        foreach (var chunk in units.Take(shown).Chunk(perLine))
        {
            var line = new FrameLine();
            foreach (var u in chunk)
            {
                line.Add(FrameLine.Of(state.Info.UnitIds[u.Index]).Fit(idWidth)).Add(" ").Add(FrameLine.Of(UnitStatuses.Label(u.Status), UnitStatuses.Color(u.Status)).Fit(cell - idWidth - 1));
            }
            yield return line;
        }
        if (shown < units.Count)
        {
            yield return FrameLine.Of(string.Create(CultureInfo.InvariantCulture, $"… and {units.Count - shown} more"), "grey");
        }
    }
}
