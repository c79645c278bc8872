using System.Buffers;
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

    /// <summary>The rows of all the incidents of <paramref name="sim"/> so far.</summary>
    public static void AppendIncidents(StringBuilder csv, Simulator sim)
    {
        foreach (var incident in sim.Incidents)
        {
            AppendIncident(csv, sim, incident);
        }
    }

    /// <summary>The row of one incident of <paramref name="sim"/>.</summary>
    public static void AppendIncident(StringBuilder csv, Simulator sim, IncidentRecord i)
    {
        var row = new CsvRow(csv, stackalloc char[CsvRow.BufferLength]);
        WriteIncident(ref row, sim, i);
    }

    /// <summary>The row of one incident, into a pooled text (the parts of <see cref="IncidentRowsWriter"/>).</summary>
    internal static void AppendIncident(PooledText csv, Simulator sim, IncidentRecord i)
    {
        var row = new CsvRow(csv, stackalloc char[CsvRow.BufferLength]);
        WriteIncident(ref row, sim, i);
    }

    private static void WriteIncident(ref CsvRow row, Simulator sim, IncidentRecord i)
    {
        var scenario = sim.Scenario;
        row.Int(sim.Replication);
        row.Int(i.Id);
        row.Text(Field(scenario.Zones[i.Zone].Id));
        row.Text(Field(scenario.IncidentTypes[i.Type].Id));
        row.Int(i.Priority);
        row.Rounded(i.CreatedAt, 4);
        row.Rounded(i.DispatchedAt, 4);
        row.Rounded(i.ArrivedAt, 4);
        row.Rounded(i.ClearedAt, 4);
        row.Text(i.Unit >= 0 ? Field(scenario.Units[i.Unit].Id) : "");
        row.Text(OutcomeNames[(int)i.Outcome]);
        row.Rounded(i.Location.X, 2);
        row.Rounded(i.Location.Y, 2);
        row.Rounded(i.ResponseMinutes, 4);
        row.Int(i.InitialPriority);
        row.Text(Flag(i.DiscoveredOnView));
        row.Text(Flag(i.Escalated));
        row.Text(Flag(i.Transferred));
        row.Text(Flag(i.MediationResolved));
        row.End();
    }

    /// <summary>Outcome names in camel case, by enum value.</summary>
    private static readonly string[] OutcomeNames = MakeOutcomeNames();

    private static string[] MakeOutcomeNames()
    {
        var values = Enum.GetValues<IncidentOutcome>();
        var names = new string[values.Max(v => (int)v) + 1];
        foreach (var v in values)
        {
            names[(int)v] = JsonNamingCamel(v.ToString());
        }
        return names;
    }

    public static void AppendUnits(StringBuilder csv, int replication, Report report)
    {
        Span<char> buffer = stackalloc char[CsvRow.BufferLength];
        foreach (var u in report.Units)
        {
            var m = u.Minutes;
            var row = new CsvRow(csv, buffer);
            row.Int(replication);
            row.Text(Field(u.Id));
            row.Text(u.Mode);
            row.Text(Field(u.Station));
            row.Rounded(u.Dispatches, 4);
            row.Rounded(u.Utilisation ?? double.NaN, 4);
            row.Rounded(m.Patrol, 4);
            row.Rounded(m.Post, 4);
            row.Rounded(m.Check, 4);
            row.Rounded(m.EnRoute, 4);
            row.Rounded(m.OnScene, 4);
            row.Rounded(m.Idle, 4);
            row.Rounded(m.Returning, 4);
            row.Rounded(m.OffShift, 4);
            row.End();
        }
    }

    private static string Flag(bool value) => value ? "1" : "0";

    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\n\r");

    /// <summary>Quotes a field when it holds a comma, quote or newline (RFC 4180).</summary>
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(NeedQuotes) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";

    private static string JsonNamingCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
