namespace Dispatch.Model.Reporting;

/// <summary>
/// The catalogue of measures: each declared once (docs/metrics.md, "Declaring a measure"). The
/// order of <see cref="All"/> is the order of <c>ci95HalfWidth</c> in report.json and of the
/// measures in compare; <see cref="Measure.Row"/> orders the headline table of the console and
/// report.md, <see cref="LiveShow.Row"/> the live dashboard's figures.
/// </summary>
public static class Measures
{
    private const MeasureFormat Minutes = MeasureFormat.Minutes;
    private const MeasureFormat Rate = MeasureFormat.Rate;
    private const MeasureFormat Count = MeasureFormat.Count;
    private const MeasureFormat Ratio = MeasureFormat.Ratio;
    private const Breakdowns Groups = Breakdowns.Zone | Breakdowns.Hour | Breakdowns.Kind;

    /// <summary>Incidents created during the run.</summary>
    public static readonly Measure IncidentsTotal = new("incidents.total", "Incidents", Count, Better.Lower, r => r.Incidents.Total)
    { Headline = true, Row = 1, Live = new("incidents", 6), In = Groups | Breakdowns.Priority };

    /// <summary>Response time P50 (queue + travel).</summary>
    public static readonly Measure ResponseP50 = new("responseMinutes.p50", "Response P50 (min)", Minutes, Better.Lower, r => r.ResponseMinutes.P50)
    { Headline = true, Row = 5, Live = new("response P50", 4) };

    /// <summary>Response time P90 (queue + travel).</summary>
    public static readonly Measure ResponseP90 = new("responseMinutes.p90", "Response P90 (min)", Minutes, Better.Lower, r => r.ResponseMinutes.P90)
    { Headline = true, Row = 6, Live = new("response P90", 5), In = Breakdowns.Priority };

    /// <summary>Handling rate, 管事率.</summary>
    public static readonly Measure HandlingRate = new("handlingRate", "Handling rate", Rate, Better.Higher, r => r.HandlingRate)
    { Term = "管事率", Headline = true, Row = 15, Live = new("handling rate", 3), In = Groups | Breakdowns.Priority };

    /// <summary>Visibility rate, 见警率.</summary>
    public static readonly Measure VisibilityRate = new("visibilityRate", "Visibility rate", Rate, Better.Higher, r => r.VisibilityRate)
    { Term = "见警率", Headline = true, Row = 16, In = Groups };

    /// <summary>Visibility rate over the night window 22:00-04:00.</summary>
    public static readonly Measure VisibilityRateNight = new("visibilityRateNight", "Visibility rate 22:00-04:00", Rate, Better.Higher, r => r.VisibilityRateNight)
    { Headline = true, Row = 17, Live = new("visibility 22-04h", 2), In = Breakdowns.Zone | Breakdowns.Kind };

    /// <summary>Live only: the risk-weighted share of hotspots with a unit present this minute.</summary>
    public static readonly Measure VisibilityNow = new("live.visibilityNow", "Visibility now", Rate, Better.Higher, null)
    { Term = "见警率", Live = new("visibility now", 1) };

    /// <summary>Live only: incidents waiting in the dispatch queue now.</summary>
    public static readonly Measure QueueNow = new("live.queueLength", "Queue now", Count, Better.Lower, null)
    { Live = new("queue", 7, Warn: true) };

    /// <summary>Every measure: the report's, in the order of <c>ci95HalfWidth</c> and compare, then the live-only ones.</summary>
    public static readonly IReadOnlyList<Measure> All =
    [
        IncidentsTotal,
        new("incidents.attended", "Attended", Count, Better.Neutral, r => r.Incidents.Attended) { Headline = true, Row = 2 },
        new("incidents.unattended", "Unattended at end", Count, Better.Lower, r => r.Incidents.Unattended) { Headline = true, Row = 3 },
        new("responseMinutes.mean", "Response mean (min)", Minutes, Better.Lower, r => r.ResponseMinutes.Mean)
        { Headline = true, Row = 4, In = Groups | Breakdowns.Priority },
        ResponseP50,
        ResponseP90,
        new("responseMinutes.p95", "Response P95 (min)", Minutes, Better.Lower, r => r.ResponseMinutes.P95) { Headline = true, Row = 7 },
        new("responseMinutes.within1", "Within 1 min", Rate, Better.Higher, r => r.ResponseMinutes.Within1) { Headline = true, Row = 8 },
        new("responseMinutes.within3", "Within 3 min", Rate, Better.Higher, r => r.ResponseMinutes.Within3) { Headline = true, Row = 9 },
        new("responseMinutes.within5", "Within 5 min", Rate, Better.Higher, r => r.ResponseMinutes.Within5) { Headline = true, Row = 10 },
        new("queueWaitMinutes.mean", "Queue wait mean (min)", Minutes, Better.Lower, r => r.QueueWaitMinutes.Mean) { Headline = true, Row = 11 },
        new("queueWaitMinutes.probWait", "Probability of waiting", Rate, Better.Lower, r => r.QueueWaitMinutes.ProbWait) { Headline = true, Row = 12 },
        new("queueWaitMinutes.meanQueueLength", "Mean queue length", Ratio, Better.Lower, r => r.QueueWaitMinutes.MeanQueueLength) { Headline = true },
        new("travelMinutes.mean", "Travel mean (min)", Minutes, Better.Lower, r => r.TravelMinutes.Mean) { Headline = true, Row = 13 },
        new("onSceneMinutes.mean", "On scene mean (min)", Minutes, Better.Neutral, r => r.OnSceneMinutes.Mean) { Headline = true, Row = 14 },
        HandlingRate,
        VisibilityRate,
        VisibilityRateNight,
        new("visibilityTimeShare", "Visibility time share", Rate, Better.Higher, r => r.VisibilityTimeShare) { Headline = true, Row = 18 },
        new("precisionRate", "Precision rate", Rate, Better.Higher, r => r.PrecisionRate) { Term = "精准率", Headline = true, Row = 19 },
        new("pai", "PAI", Ratio, Better.Higher, r => r.Pai) { Headline = true, Row = 20 },
        new("discoveryRate", "Discovery on view", Rate, Better.Higher, r => r.DiscoveryRate) { Term = "发现力", Headline = true, Row = 21 },
        new("controlRate", "Control", Rate, Better.Higher, r => r.ControlRate) { Term = "控制力", Headline = true, Row = 22 },
        new("deterrenceRate", "Deterrence", Rate, Better.Higher, r => r.DeterrenceRate) { Term = "震慑力", Headline = true, Row = 23 },
        new("incidents.discoveredOnView", "Discovered on view", Count, Better.Higher, r => r.Incidents.DiscoveredOnView) { Headline = true },
        new("incidents.escalated", "Escalated", Count, Better.Lower, r => r.Incidents.Escalated) { Headline = true, Row = 25 },
        new("incidents.transferred", "Transferred to mediation", Count, Better.Neutral, r => r.Incidents.Transferred) { Headline = true, Row = 26 },
        new("incidents.prevented", "Prevented by presence", Count, Better.Higher, r => r.Incidents.Prevented)
        { Headline = true, Row = 24, In = Breakdowns.Zone },
        new("multiUnit.fullComplementMinutes.mean", "Response to full complement mean (min)", Minutes, Better.Lower,
            r => r.MultiUnit?.FullComplementMinutes.Mean),
        new("multiUnit.fullComplementMinutes.p90", "Response to full complement P90 (min)", Minutes, Better.Lower,
            r => r.MultiUnit?.FullComplementMinutes.P90),
        VisibilityNow,
        QueueNow,
    ];

    /// <summary>The headline measures, in the order of <c>ci95HalfWidth</c> and compare.</summary>
    public static readonly IReadOnlyList<Measure> Headlines = All.Where(m => m.Headline).ToList();

    /// <summary>The rows of the console and report.md headline table, in order.</summary>
    public static readonly IReadOnlyList<Measure> Table = All.Where(m => m.Row is not null).OrderBy(m => m.Row).ToList();

    /// <summary>The figures of the live dashboard, in order.</summary>
    public static readonly IReadOnlyList<Measure> Live = All.Where(m => m.Live is not null).OrderBy(m => m.Live!.Row).ToList();

    private static readonly Dictionary<string, Measure> ByPath = All.ToDictionary(m => m.Path, StringComparer.Ordinal);

    /// <summary>The measure at a dotted path, or null.</summary>
    public static Measure? Find(string path) => ByPath.GetValueOrDefault(path);
}
