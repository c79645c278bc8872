using System.Globalization;
using Dispatch.Abstractions;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dispatch.Cli.Live;

/// <summary>The panel of a zone grain or a unit grain (for <c>inspect</c> and the <c>watch</c> dashboard): a pure renderer.</summary>
public static class ActorPanels
{
    private static string Num(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Rate(double? value) => value is { } v ? (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>A zone: counts, response, visibility, risk, incidents by hour and type, the latest incidents.</summary>
    public static IRenderable Zone(ZoneView zone, int recent = 8)
    {
        var table = new Table().HideHeaders().AddColumn("").AddColumn("");
        table.AddRow("kind", Markup.Escape(zone.Kind));
        table.AddRow("at minute", Num(zone.AtMinute, "0.#") + (zone.Final ? " (end of run)" : ""));
        table.AddRow("incidents", $"{zone.Incidents} ({zone.Attended} attended)");
        table.AddRow("response mean (min)", double.IsNaN(zone.ResponseMinutesMean) ? "-" : Num(zone.ResponseMinutesMean));
        table.AddRow("visibility rate", Rate(zone.VisibilityRate));
        table.AddRow("covered minutes", Num(zone.CoveredMinutes, "0.#"));
        table.AddRow("forecast risk (per hour)", Num(zone.CurrentRisk, "0.###"));
        if (zone.IncidentsByHour is { } byHour)
        {
            table.AddRow("incidents by hour 0-23", string.Join(" ", byHour));
        }
        if (zone.IncidentsByType is { Count: > 0 } byType)
        {
            table.AddRow("incidents by type", Markup.Escape(string.Join(", ", byType.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))));
        }
        foreach (var i in zone.Recent.TakeLast(recent))
        {
            table.AddRow($"incident {i.Id}", Markup.Escape($"{i.Type} P{i.Priority} at {Num(i.CreatedAt, "0.#")} min, {i.Outcome}" + (i.Unit is null ? "" : $", {i.Unit}")));
        }
        return new Panel(table).Header($"zone {Markup.Escape(zone.ZoneId)} ({Markup.Escape(zone.RunId)})");
    }

    /// <summary>A unit: status and place, dispatches, utilisation, distance, minutes by status, the latest status changes.</summary>
    public static IRenderable Unit(UnitView unit, int timeline = 8)
    {
        var table = new Table().HideHeaders().AddColumn("").AddColumn("");
        table.AddRow("mode", Markup.Escape(unit.Mode));
        table.AddRow("at minute", Num(unit.AtMinute, "0.#") + (unit.Final ? " (end of run)" : ""));
        table.AddRow("status", Markup.Escape(unit.Status) + (unit.CurrentIncident >= 0 ? $" (incident {unit.CurrentIncident})" : ""));
        table.AddRow("position (m)", $"{Num(unit.X, "0")}, {Num(unit.Y, "0")}");
        table.AddRow("dispatches", unit.Dispatches.ToString(CultureInfo.InvariantCulture));
        table.AddRow("utilisation", Rate(unit.Utilisation));
        table.AddRow("travelled (km)", Num(unit.TravelledKm, "0.0"));
        if (unit.Minutes is { } m)
        {
            table.AddRow("minutes", $"patrol {Num(m.Patrol, "0")}, post {Num(m.Post, "0")}, check {Num(m.Check, "0")}, en route {Num(m.EnRoute, "0")}, " +
                $"on scene {Num(m.OnScene, "0")}, idle {Num(m.Idle, "0")}, returning {Num(m.Returning, "0")}, off shift {Num(m.OffShift, "0")}");
        }
        foreach (var change in (unit.Timeline ?? []).TakeLast(timeline))
        {
            table.AddRow($"from {Num(change.AtMinute, "0.#")}", Markup.Escape(change.Status));
        }
        return new Panel(table).Header($"unit {Markup.Escape(unit.UnitId)} ({Markup.Escape(unit.RunId)})");
    }
}
