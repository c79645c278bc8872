using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dispatch.Model.Fitting;

/// <summary>
/// What <c>dispatch fit</c> writes: the fitted demand as an overlay (zones inline with their polygons,
/// base rates, 24 x 7 profiles and type mixes; the types' priorities and on-scene times), and the fit
/// report (markdown and JSON). Numbers are written in the invariant culture with 6 significant decimals.
/// </summary>
public static class FitOutput
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>The overlay: apply it to a scenario with <c>--overlay</c> (docs/demand.md, "The output").</summary>
    public static string Overlay(DemandFitResult fit, FitZones zones, string source)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
        {
            w.WriteStartObject();
            w.WriteString("description", $"Demand fitted by 'dispatch fit' from {Path.GetFileName(source)}: {Day(fit.From)} to {Day(fit.To.AddDays(-1))}, " +
                $"{fit.Zones.Sum(z => z.Incidents)} incidents in {fit.Zones.Count} zones (shrinkage {Num(fit.Shrinkage)})");
            w.WriteStartObject("set");
            w.WriteNull("zonesGeoJson");
            w.WriteStartArray("zones");
            foreach (var z in fit.Zones)
            {
                var d = zones.Documents[zones.Zones.First(x => x.Id == z.Id).Index];
                w.WriteStartObject();
                w.WriteString("id", z.Id);
                w.WriteString("name", d.Name ?? z.Id);
                w.WriteString("kind", d.Kind ?? "district");
                w.WriteStartArray("polygon");
                foreach (var p in d.Polygon!)
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(p[0]);
                    w.WriteNumberValue(p[1]);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteNumber("ratePerHour", Round(z.RatePerHour));
                w.WriteStartArray("weekProfile");
                foreach (var v in z.WeekProfile)
                {
                    w.WriteNumberValue(Round(v));
                }
                w.WriteEndArray();
                w.WriteStartObject("typeMix");
                foreach (var (type, share) in z.TypeMix)
                {
                    w.WriteNumber(type, Math.Round(share, 9));
                }
                w.WriteEndObject();
                if (d.PostOfficers is { } officers)
                {
                    w.WriteNumber("postOfficers", officers);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            foreach (var t in fit.Types)
            {
                w.WriteNumber($"incidentTypes[id={t.Id}].priority", t.Priority);
                if (t.MeanMinutes is { } mean)
                {
                    w.WritePropertyName($"incidentTypes[id={t.Id}].onScene");
                    w.WriteStartObject();
                    if (t.SdMinutes is { } sd && sd > 0)
                    {
                        w.WriteString("distribution", "lognormal");
                        w.WriteNumber("mean", Round(mean));
                        w.WriteNumber("sd", Round(sd));
                    }
                    else
                    {
                        w.WriteString("distribution", "fixed");
                        w.WriteNumber("value", Round(mean));
                    }
                    w.WriteEndObject();
                }
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The fit report as markdown: observed against fitted by hour and weekday, per-zone residuals, goodness of fit.</summary>
    public static string ReportMarkdown(DemandFitResult fit, FitStatistics stats, string source)
    {
        var s = new StringBuilder();
        var total = fit.Zones.Sum(z => z.Incidents);
        s.AppendLine($"# Fit report: {Path.GetFileName(source)}").AppendLine();
        s.AppendLine($"Observed {Day(fit.From)} to {Day(fit.To.AddDays(-1))} ({Num(fit.Hours / 24)} days), {total} incidents in {fit.Zones.Count} zones; " +
            $"{fit.Unassigned} outside every zone (left out). Shrinkage strength {Num(fit.Shrinkage)} (profiles), {Num(fit.MixShrinkage)} (type mixes); estimator in docs/demand.md.").AppendLine();
        s.AppendLine("## Goodness of fit").AppendLine();
        s.AppendLine("| Model | Poisson deviance | Cells | Degrees of freedom | Deviance / df |");
        s.AppendLine("|---|---|---|---|---|");
        s.AppendLine($"| district pattern (every zone with the district's 24 x 7 shape) | {Num(stats.DistrictDeviance)} | {stats.Cells} | {stats.DistrictDegreesOfFreedom} | {Num(stats.DistrictDeviance / Math.Max(1, stats.DistrictDegreesOfFreedom))} |");
        s.AppendLine($"| fitted (each zone's shrunk 24 x 7 profile) | {Num(stats.Deviance)} | {stats.Cells} | | |").AppendLine();
        s.AppendLine("## By hour of day (all zones)").AppendLine();
        Table(s, "Hour", 24, h => $"{h:00}:00", stats.ObservedByHour, stats.FittedByHour);
        s.AppendLine("## By weekday (all zones)").AppendLine();
        string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        Table(s, "Day", 7, d => days[d], stats.ObservedByDay, stats.FittedByDay);
        s.AppendLine("## Zones").AppendLine();
        s.AppendLine("| Zone | Incidents | Rate per hour | Max abs hour residual | Pearson X2 vs district shape | Cells |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var z in stats.Zones)
        {
            s.AppendLine($"| {z.Id} | {z.Incidents} | {Num(z.RatePerHour)} | {Num(z.MaxAbsHourResidual)} | {Num(z.PearsonVsDistrict)} | {z.Cells} |");
        }
        s.AppendLine().AppendLine("## Incident types").AppendLine();
        s.AppendLine("| Type | Incidents | Priority | Other priority | With duration | On-scene mean | On-scene sd |");
        s.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var t in fit.Types)
        {
            s.AppendLine($"| {t.Id} | {t.Incidents} | {t.Priority} | {t.OtherPriority} | {t.Durations} | {Opt(t.MeanMinutes)} | {Opt(t.SdMinutes)} |");
        }
        return s.ToString();
    }

    /// <summary>The fit report as JSON (the same figures, machine-readable).</summary>
    public static string ReportJson(DemandFitResult fit, FitStatistics stats, string source) =>
        JsonSerializer.Serialize(new
        {
            source = Path.GetFileName(source),
            from = Day(fit.From),
            to = Day(fit.To.AddDays(-1)),
            hours = fit.Hours,
            incidents = fit.Zones.Sum(z => z.Incidents),
            unassigned = fit.Unassigned,
            shrinkage = fit.Shrinkage,
            mixShrinkage = fit.MixShrinkage,
            deviance = Round(stats.Deviance),
            districtDeviance = Round(stats.DistrictDeviance),
            districtDegreesOfFreedom = stats.DistrictDegreesOfFreedom,
            cells = stats.Cells,
            byHour = Enumerable.Range(0, 24).Select(h => new { hour = h, observed = stats.ObservedByHour[h], @fitted = Round(stats.FittedByHour[h]) }),
            byDay = Enumerable.Range(0, 7).Select(d => new { day = d, observed = stats.ObservedByDay[d], @fitted = Round(stats.FittedByDay[d]) }),
            zones = stats.Zones.Select(z => new
            {
                id = z.Id, incidents = z.Incidents, ratePerHour = Round(z.RatePerHour), hourResiduals = z.HourResiduals.Select(Round),
                maxAbsHourResidual = Round(z.MaxAbsHourResidual), pearsonVsDistrict = Round(z.PearsonVsDistrict), cells = z.Cells,
            }),
            types = fit.Types.Select(t => new
            {
                id = t.Id, incidents = t.Incidents, priority = t.Priority, otherPriority = t.OtherPriority, durations = t.Durations,
                onSceneMean = t.MeanMinutes is { } m ? Round(m) : (double?)null, onSceneSd = t.SdMinutes is { } sd ? Round(sd) : (double?)null,
            }),
        }, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static void Table(StringBuilder s, string head, int rows, Func<int, string> label, double[] observed, double[] fitted)
    {
        s.AppendLine($"| {head} | Observed | Fitted | Pearson residual |");
        s.AppendLine("|---|---|---|---|");
        for (var i = 0; i < rows; i++)
        {
            var r = fitted[i] > 0 ? (observed[i] - fitted[i]) / Math.Sqrt(fitted[i]) : 0;
            s.AppendLine($"| {label(i)} | {observed[i]} | {Num(fitted[i])} | {Num(r)} |");
        }
        s.AppendLine();
    }

    private static double Round(double v) => Math.Round(v, 6);

    private static string Num(double v) => Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Opt(double? v) => v is { } x ? Num(x) : "";

    private static string Day(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
