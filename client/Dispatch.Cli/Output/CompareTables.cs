using System.Globalization;
using System.Text;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Output;

/// <summary>The breakdown tables of compare.md: A and B side by side by zone kind, priority and hour of day.</summary>
public static class CompareTables
{
    /// <summary>By zone kind: incidents and their share, visibility, night visibility, response mean.</summary>
    public static string ByKind(Report a, Report b)
    {
        var totalA = a.ByKind.Sum(k => k.Incidents);
        var totalB = b.ByKind.Sum(k => k.Incidents);
        var md = new StringBuilder("## By zone kind\n\n| Kind | Incidents A | Incidents B | Share A | Share B | Visibility A | Visibility B | Night visibility A | Night visibility B | Response mean A | Response mean B |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var ka in a.ByKind)
        {
            var kb = b.ByKind.FirstOrDefault(k => k.Kind == ka.Kind);
            md.Append($"| {ka.Kind} | {Headline.Num(ka.Incidents)} | {(kb is null ? "" : Headline.Num(kb.Incidents))} | {Share(ka.Incidents, totalA)} | {Share(kb?.Incidents, totalB)} | ");
            md.Append($"{Headline.Pct(ka.VisibilityRate)} | {Headline.Pct(kb?.VisibilityRate)} | {Headline.Pct(ka.VisibilityRateNight)} | {Headline.Pct(kb?.VisibilityRateNight)} | ");
            md.Append($"{Headline.Min(ka.ResponseMinutesMean)} | {Headline.Min(kb?.ResponseMinutesMean)} |\n");
        }
        return md.ToString();
    }

    /// <summary>By priority: incidents, handling rate, response mean and P90.</summary>
    public static string ByPriority(Report a, Report b)
    {
        var md = new StringBuilder("\n## By priority\n\n| Priority | Incidents A | Incidents B | Handling A | Handling B | Response mean A | Response mean B | Response P90 A | Response P90 B |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var pa in a.ByPriority)
        {
            var pb = b.ByPriority.FirstOrDefault(p => p.Priority == pa.Priority);
            md.Append($"| {pa.Priority} | {Headline.Num(pa.Incidents)} | {(pb is null ? "" : Headline.Num(pb.Incidents))} | {Headline.Pct(pa.HandlingRate)} | {Headline.Pct(pb?.HandlingRate)} | ");
            md.Append($"{Headline.Min(pa.ResponseMinutes.Mean)} | {Headline.Min(pb?.ResponseMinutes.Mean)} | {Headline.Min(pa.ResponseMinutes.P90)} | {Headline.Min(pb?.ResponseMinutes.P90)} |\n");
        }
        return md.ToString();
    }

    /// <summary>By hour of day: incidents, visibility, response mean, unit-hours on duty.</summary>
    public static string ByHour(Report a, Report b)
    {
        var md = new StringBuilder("\n## By hour of day\n\n| Hour | Incidents A | Incidents B | Visibility A | Visibility B | Response mean A | Response mean B | Unit-hours A | Unit-hours B |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var ha in a.ByHour)
        {
            var hb = b.ByHour.FirstOrDefault(h => h.Hour == ha.Hour);
            var ca = a.Cost?.ByHour.FirstOrDefault(h => h.Hour == ha.Hour);
            var cb = b.Cost?.ByHour.FirstOrDefault(h => h.Hour == ha.Hour);
            md.Append($"| {ha.Hour:00}:00 | {Headline.Num(ha.Incidents)} | {(hb is null ? "" : Headline.Num(hb.Incidents))} | {Headline.Pct(ha.VisibilityRate)} | {Headline.Pct(hb?.VisibilityRate)} | ");
            md.Append($"{Headline.Min(ha.ResponseMinutesMean)} | {Headline.Min(hb?.ResponseMinutesMean)} | {Headline.Hours(ca?.UnitHours)} | {Headline.Hours(cb?.UnitHours)} |\n");
        }
        return md.ToString();
    }

    private static string Share(double? part, double total) =>
        part is { } p && total > 0 ? (p / total).ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";
}
