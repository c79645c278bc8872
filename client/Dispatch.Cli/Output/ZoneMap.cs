using System.Globalization;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using ScottPlot;

namespace Dispatch.Cli.Output;

/// <summary>What a map colours the zones by (figures of report.json <c>zones[]</c>).</summary>
public enum MapMeasure
{
    /// <summary>Mean response of the zone's attended incidents.</summary>
    ResponseMean,

    /// <summary>90th percentile response of the zone's attended incidents (<c>zones[].responseMinutesP90</c>).</summary>
    ResponseP90,

    /// <summary>Risk-weighted visibility rate (见警率), hotspots only.</summary>
    Visibility,

    /// <summary>Incidents created in the zone.</summary>
    Incidents,

    /// <summary>Handling rate (管事率).</summary>
    HandlingRate,
}

/// <summary>
/// The district map (map.png): every zone's polygon (its NetTopologySuite geometry) filled by a
/// chosen measure in five classes, stations and fixed posts marked, a legend and a scale bar.
/// </summary>
public static class ZoneMap
{
    private static readonly Color NoValue = Colors.LightGray;

    /// <summary>The measure's title, unit and value of a zone row.</summary>
    public static (string Title, Func<ZoneReport, double?> Value, Func<double, string> Text) Describe(MapMeasure measure) => measure switch
    {
        MapMeasure.Visibility => ("Visibility rate (见警率)", z => z.VisibilityRate, v => Headline.Pct(v)),
        MapMeasure.Incidents => ("Incidents", z => z.Incidents, v => v.ToString("0", CultureInfo.InvariantCulture)),
        MapMeasure.HandlingRate => ("Handling rate (管事率)", z => z.HandlingRate, v => Headline.Pct(v)),
        MapMeasure.ResponseP90 => ("Response P90 (min)", z => z.ResponseMinutesP90, v => v.ToString("0.0", CultureInfo.InvariantCulture)),
        _ => ("Response mean (min)", z => z.ResponseMinutesMean, v => v.ToString("0.0", CultureInfo.InvariantCulture)),
    };

    /// <summary>The map of a run: zones coloured by <paramref name="measure"/>, stations and posts.</summary>
    public static Plot Draw(Scenario scenario, Report report, MapMeasure measure)
    {
        var (title, value, text) = Describe(measure);
        var byId = report.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        var values = scenario.Zones.Select(z => byId.TryGetValue(z.Id, out var row) ? value(row) : null).ToList();
        return Draw(scenario, values, $"{report.Scenario}: {title} by zone", text, diverging: false);
    }

    /// <summary>A map of one value per zone (in the scenario's zone order; null: no value, grey).</summary>
    public static Plot Draw(Scenario scenario, IReadOnlyList<double?> values, string title, Func<double, string> text, bool diverging)
    {
        var plot = new Plot();
        var present = values.OfType<double>().ToList();
        var (low, high) = present.Count == 0 ? (0.0, 1.0) : (present.Min(), present.Max());
        if (diverging)
        {
            // The 90th percentile of the sizes, so one outlying zone does not grey out the rest; the outer classes take what lies beyond.
            var sizes = present.Select(Math.Abs).Order().ToList();
            var extent = sizes.Count == 0 ? 1 : Math.Max(1e-9, sizes[(int)(0.9 * (sizes.Count - 1))]);
            (low, high) = (-extent, extent);
        }
        IColormap colormap = diverging ? new ScottPlot.Colormaps.MellowRainbow() : new ScottPlot.Colormaps.Viridis();
        const int Classes = 5;
        Color ClassColor(int k) => colormap.GetColor((k + 0.5) / Classes);
        int ClassOf(double v) => high > low ? Math.Clamp((int)((v - low) / (high - low) * Classes), 0, Classes - 1) : Classes / 2;
        // Largest first, so a district polygon does not hide the hotspots inside it.
        plot.Add.Plottable(new ZoneLayer(Enumerable.Range(0, scenario.Zones.Count)
            .OrderByDescending(i => scenario.Zones[i].Shape.Area).ThenBy(i => i)
            .Select(i => (scenario.Zones[i].Shape.Polygon.ExteriorRing.Coordinates.Select(c => new Coordinates(c.X, c.Y)).ToArray(),
                values[i] is { } v ? ClassColor(ClassOf(v)) : NoValue))
            .ToList()));
        plot.Add.Markers(scenario.Stations.Select(s => new Coordinates(s.Location.X, s.Location.Y)).ToArray(), MarkerShape.FilledSquare, 9, Colors.Black);
        var posts = scenario.Units.Where(u => u.HasPost).Select(u => new Coordinates(u.Base.X, u.Base.Y)).Distinct().ToArray();
        if (posts.Length > 0)
        {
            plot.Add.Markers(posts, MarkerShape.FilledTriangleUp, 8, Colors.OrangeRed);
        }
        for (var k = 0; k < Classes; k++)
        {
            var from = low + (high - low) * k / Classes;
            var to = low + (high - low) * (k + 1) / Classes;
            var label = diverging && k == 0 ? $"below {text(to)}" : diverging && k == Classes - 1 ? $"above {text(from)}" : $"{text(from)} - {text(to)}";
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = ClassColor(k) });
        }
        if (values.Any(v => v is null))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "no value", FillColor = NoValue });
        }
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "station", MarkerShape = MarkerShape.FilledSquare, MarkerFillColor = Colors.Black, MarkerSize = 9 });
        if (posts.Length > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "fixed post", MarkerShape = MarkerShape.FilledTriangleUp, MarkerFillColor = Colors.OrangeRed, MarkerSize = 8 });
        }
        plot.ShowLegend(Alignment.UpperRight);
        AddScaleBar(plot, scenario);
        plot.Axes.SquareUnits();
        plot.Title(title);
        plot.XLabel("metres east");
        plot.YLabel("metres north");
        ChartFonts.Apply(plot);
        return plot;
    }

    /// <summary>The length of the scale bar: a round 1, 2 or 5 x 10^k metres near a fifth of the district's width.</summary>
    public static double ScaleBarMetres(double width)
    {
        var target = Math.Max(1, width / 5);
        var power = Math.Pow(10, Math.Floor(Math.Log10(target)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).Last(m => m <= target);
    }

    private static void AddScaleBar(Plot plot, Scenario scenario)
    {
        var xs = scenario.Zones.SelectMany(z => z.Shape.Ring.Select(p => p.X)).ToList();
        var ys = scenario.Zones.SelectMany(z => z.Shape.Ring.Select(p => p.Y)).ToList();
        if (xs.Count == 0)
        {
            return;
        }
        var length = ScaleBarMetres(xs.Max() - xs.Min());
        var x0 = xs.Min();
        var y0 = ys.Min() - (ys.Max() - ys.Min()) * 0.05;
        var bar = plot.Add.Line(x0, y0, x0 + length, y0);
        bar.LineWidth = 4;
        bar.LineColor = Colors.Black;
        var label = plot.Add.Text(length >= 1000 ? $"{length / 1000:0.#} km" : $"{length:0} m", x0 + length / 2, y0);
        label.LabelAlignment = Alignment.LowerCenter;
        label.LabelFontSize = 13;
    }
}
