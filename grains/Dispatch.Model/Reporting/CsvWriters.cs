using System.Globalization;
using System.Text;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>incidents.csv and units.csv: one row per incident / unit, times in simulated minutes.</summary>
public static class CsvWriters
{
    public const string IncidentsHeader =
        "replication,id,zone,type,priority,createdAt,dispatchedAt,arrivedAt,clearedAt,unit,outcome,x,y,responseMinutes,initialPriority,discoveredOnView,escalated,transferred,mediationResolved";

    public const string UnitsHeader =
        "replication,id,mode,station,dispatches,utilisation,patrol,post,check,enRoute,onScene,idle,returning,offShift";

    public static void AppendIncidents(StringBuilder csv, Simulator sim)
    {
        var scenario = sim.Scenario;
        foreach (var i in sim.Incidents)
        {
            csv.Append(sim.Replication).Append(',')
                .Append(i.Id).Append(',')
                .Append(Field(scenario.Zones[i.Zone].Id)).Append(',')
                .Append(Field(scenario.IncidentTypes[i.Type].Id)).Append(',')
                .Append(i.Priority).Append(',')
                .Append(Number(i.CreatedAt)).Append(',')
                .Append(Number(i.DispatchedAt)).Append(',')
                .Append(Number(i.ArrivedAt)).Append(',')
                .Append(Number(i.ClearedAt)).Append(',')
                .Append(i.Unit >= 0 ? Field(scenario.Units[i.Unit].Id) : "").Append(',')
                .Append(JsonNamingCamel(i.Outcome.ToString())).Append(',')
                .Append(Number(i.Location.X, "0.##")).Append(',')
                .Append(Number(i.Location.Y, "0.##")).Append(',')
                .Append(Number(i.ResponseMinutes)).Append(',')
                .Append(i.InitialPriority).Append(',')
                .Append(Flag(i.DiscoveredOnView)).Append(',')
                .Append(Flag(i.Escalated)).Append(',')
                .Append(Flag(i.Transferred)).Append(',')
                .Append(Flag(i.MediationResolved)).Append('\n');
        }
    }

    public static void AppendUnits(StringBuilder csv, int replication, Report report)
    {
        foreach (var u in report.Units)
        {
            var m = u.Minutes;
            csv.Append(replication).Append(',')
                .Append(Field(u.Id)).Append(',')
                .Append(u.Mode).Append(',')
                .Append(Field(u.Station)).Append(',')
                .Append(Number(u.Dispatches)).Append(',')
                .Append(Number(u.Utilisation ?? double.NaN)).Append(',')
                .AppendJoin(',', new[] { m.Patrol, m.Post, m.Check, m.EnRoute, m.OnScene, m.Idle, m.Returning, m.OffShift }.Select(v => Number(v)))
                .Append('\n');
        }
    }

    private static string Flag(bool value) => value ? "1" : "0";

    /// <summary>Invariant number, empty for NaN (not yet happened).</summary>
    public static string Number(double value, string format = "0.####") =>
        double.IsNaN(value) ? "" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Quotes a field when it holds a comma, quote or newline (RFC 4180).</summary>
    public static string Field(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";

    private static string JsonNamingCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
