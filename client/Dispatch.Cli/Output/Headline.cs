using System.Globalization;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Output;

/// <summary>The headline figures of a report as (label, formatted value, formatted 95% half-width) rows.</summary>
public static class Headline
{
    public static IReadOnlyList<(string Label, string Value, string Interval)> Rows(Report r)
    {
        string Ci(string name, Func<double, string> format) =>
            r.Ci95HalfWidth is { } ci && ci.TryGetValue(name, out var h) && h is { } v ? "± " + format(v) : "";
        (string, string, string) Minutes(string label, string name, double? value) => (label, Min(value), Ci(name, v => Min(v)));
        (string, string, string) Rate(string label, string name, double? value) => (label, Pct(value), Ci(name, v => Pct(v)));
        (string, string, string) Ratio(string label, string name, double? value) => (label, Min(value), Ci(name, v => Min(v)));
        (string, string, string) Count(string label, string name, double value) => (label, Num(value), Ci(name, Num));
        return
        [
            Count("Incidents", "incidents.total", r.Incidents.Total),
            Count("Attended", "incidents.attended", r.Incidents.Attended),
            Count("Unattended at end", "incidents.unattended", r.Incidents.Unattended),
            Minutes("Response mean (min)", "responseMinutes.mean", r.ResponseMinutes.Mean),
            Minutes("Response P50 (min)", "responseMinutes.p50", r.ResponseMinutes.P50),
            Minutes("Response P90 (min)", "responseMinutes.p90", r.ResponseMinutes.P90),
            Minutes("Response P95 (min)", "responseMinutes.p95", r.ResponseMinutes.P95),
            Rate("Within 1 min", "responseMinutes.within1", r.ResponseMinutes.Within1),
            Rate("Within 3 min", "responseMinutes.within3", r.ResponseMinutes.Within3),
            Rate("Within 5 min", "responseMinutes.within5", r.ResponseMinutes.Within5),
            Minutes("Queue wait mean (min)", "queueWaitMinutes.mean", r.QueueWaitMinutes.Mean),
            Rate("Probability of waiting", "queueWaitMinutes.probWait", r.QueueWaitMinutes.ProbWait),
            Minutes("Travel mean (min)", "travelMinutes.mean", r.TravelMinutes.Mean),
            Minutes("On scene mean (min)", "onSceneMinutes.mean", r.OnSceneMinutes.Mean),
            Rate("Handling rate (管事率)", "handlingRate", r.HandlingRate),
            Rate("Visibility rate (见警率)", "visibilityRate", r.VisibilityRate),
            Rate("Visibility rate 22:00-04:00", "visibilityRateNight", r.VisibilityRateNight),
            Rate("Visibility time share", "visibilityTimeShare", r.VisibilityTimeShare),
            Rate("Precision rate (精准率)", "precisionRate", r.PrecisionRate),
            Ratio("PAI", "pai", r.Pai),
            Rate("Discovery on view (发现力)", "discoveryRate", r.DiscoveryRate),
            Rate("Control (控制力)", "controlRate", r.ControlRate),
            Rate("Deterrence (震慑力)", "deterrenceRate", r.DeterrenceRate),
            Count("Prevented by presence", "incidents.prevented", r.Incidents.Prevented),
            Count("Escalated", "incidents.escalated", r.Incidents.Escalated),
            Count("Transferred to mediation", "incidents.transferred", r.Incidents.Transferred),
        ];
    }

    public static string Min(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    public static string Pct(double? v) => v is { } x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Num(double v) => v.ToString(v == Math.Floor(v) ? "0" : "0.0", CultureInfo.InvariantCulture);
}
