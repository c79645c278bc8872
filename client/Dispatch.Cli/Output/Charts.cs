using System.Globalization;
using Dispatch.Model.Reporting;
using ScottPlot;

namespace Dispatch.Cli.Output;

/// <summary>Charts of a run and of a comparison, as PNG files (ScottPlot), embedded in the Markdown reports.</summary>
public static class Charts
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>The measure of the visibility charts (their titles and axes name it).</summary>
    private static readonly Measure Visibility = Measures.VisibilityRate;

    private static readonly string VisibilityAxis = "risk-weighted " + Visibility.Label.ToLowerInvariant();

    /// <summary>
    /// Draws small charts and a two-zone map in memory on the thread pool, to be started while a run
    /// goes (its kernel keeps one core busy and leaves the other mostly idle): the first chart of a
    /// process loads the drawing library, looks up the fonts, shapes text and prepares the code of
    /// each kind of plottable (lines, bars with error bars, spans, text, markers, the zone layer, a
    /// legend, rotated tick labels) and of the PNG encoder, which is then done when the run's charts
    /// and maps are drawn. A failure here is left to the real charts to report (the task's result
    /// is false then).
    /// </summary>
    public static Task<bool> WarmUpAsync() => Task.Run(() =>
    {
        try
        {
            var line = new Plot();
            line.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
            line.Add.VerticalLine(0.5).LinePattern = LinePattern.Dashed;
            line.Add.Text("见警率 0.5", 0.5, 0.5).LabelFontSize = 12;
            line.Add.HorizontalSpan(0.2, 0.4).FillStyle.Color = Colors.Navy.WithAlpha(0.12);
            line.Title("见警率 0.5");
            line.XLabel("minutes");
            var bars = new Plot();
            bars.Add.Bars(new List<Bar> { new() { Position = 0, Value = 0.5, Error = 0.1 }, new() { Position = 1, ValueBase = 0.2, Value = 0.7 } });
            bars.Axes.Bottom.SetTicks([0, 1], ["a", "b"]);
            bars.Axes.Bottom.TickLabelStyle.Rotation = 60;
            bars.Legend.ManualItems.Add(new LegendItem { LabelText = "patrol", FillColor = Colors.SteelBlue });
            bars.ShowLegend(Edge.Right);
            var map = new Plot();
            map.Add.Plottable(new ZoneLayer([
                ([new(0, 0), new(1, 0), new(1, 1)], Colors.SteelBlue),
                ([new(1, 0), new(2, 0), new(1, 1)], Colors.Gray)]));
            map.Add.Markers(new Coordinates[] { new(0.5, 0.5) }, MarkerShape.FilledSquare, 9, Colors.Black);
            map.Add.Line(0, -0.1, 1, -0.1).LineWidth = 4;
            map.Legend.ManualItems.Add(new LegendItem { LabelText = "station", MarkerShape = MarkerShape.FilledSquare, MarkerFillColor = Colors.Black, MarkerSize = 9 });
            map.ShowLegend(Alignment.UpperRight);
            map.Axes.SquareUnits();
            foreach (var plot in new[] { line, bars, map })
            {
                ChartFonts.Apply(plot);
                PngFile.Encode(plot, 120, 80); // throws if it cannot draw or encode
            }
            return true;
        }
        catch (Exception)
        {
            return false; // nothing is drawn for the user here
        }
    });

    /// <summary>
    /// Writes the run charts into <paramref name="directory"/> (the response CDF only when <paramref name="responseMinutes"/> is given); returns (file name, caption) pairs. With two or
    /// more <paramref name="replications"/> (their reports and response times), the charts carry 95% intervals
    /// across replications: a band around the response CDF and error bars on the visibility bars.
    /// </summary>
    public static List<(string File, string Caption)> WriteRunCharts(string directory, Report report, IReadOnlyList<double>? responseMinutes,
        IReadOnlyList<Report>? replications = null, IReadOnlyList<IReadOnlyList<double>>? responseByReplication = null)
    {
        var reps = replications is { Count: > 1 } ? replications : [];
        var drawings = new List<Func<(string, string)>>();
        if (responseMinutes is not null)
        {
            drawings.Add(() => Save(directory, "response-cdf.png", ResponseCdf(responseMinutes, responseByReplication is { Count: > 1 } ? responseByReplication : null),
                "Response time distribution (CDF) with the 1, 3 and 5 minute circles"));
        }
        drawings.AddRange(
        [
            () => Save(directory, "visibility-by-hour.png", VisibilityByHour(report, reps), $"{Visibility.Label} by hour of day; the night window {report.NightWindow ?? Dispatch.Model.Scenarios.NightWindow.Default.Label} is shaded"),
            () => Save(directory, "visibility-by-zone.png", VisibilityByZone(report, reps), $"{Visibility.Label} of the hotspot zones with the most incidents"),
            () => Save(directory, "unit-time-by-status.png", UnitTime(report), "Unit time by status, per mode"),
        ]);
        // Drawn at once (each its own plot), listed in this order.
        var charts = new (string, string)[drawings.Count];
        Parallel.For(0, drawings.Count, k => charts[k] = drawings[k]());
        return [.. charts];
    }

    /// <summary>The empirical CDF of the response times; with <paramref name="byReplication"/>, the pointwise 95% band of the replications' CDFs.</summary>
    public static Plot ResponseCdf(IReadOnlyList<double> responseMinutes, IReadOnlyList<IReadOnlyList<double>>? byReplication = null)
    {
        var plot = new Plot();
        var sorted = responseMinutes.Order().ToArray();
        var top = sorted.Length > 0 ? Math.Min(sorted[^1], Math.Max(6, sorted[(int)(0.95 * (sorted.Length - 1))] * 1.2)) : 10;
        if (byReplication is not null && sorted.Length > 0)
        {
            var (xs, low, high) = ChartIntervals.CdfBand(byReplication, top);
            var band = plot.Add.FillY(xs, low, high);
            band.FillStyle.Color = Colors.SteelBlue.WithAlpha(0.25);
            band.LineStyle.Width = 0;
            band.LegendText = $"95% band over {byReplication.Count} replications";
            plot.ShowLegend(Edge.Bottom);
        }
        if (sorted.Length > 0)
        {
            var ys = Enumerable.Range(1, sorted.Length).Select(k => k / (double)sorted.Length).ToArray();
            var line = plot.Add.ScatterLine(sorted, ys);
            line.LineWidth = 2;
        }
        var circles = new[] { 1.0, 3.0, 5.0 };
        for (var k = 0; k < circles.Length; k++)
        {
            var v = plot.Add.VerticalLine(circles[k]);
            v.LinePattern = LinePattern.Dashed;
            // Labelled inside the plot, staggered in height, rather than on the axis where they hide the ticks.
            var label = plot.Add.Text($"{circles[k]:0} min", circles[k], 0.97 - 0.07 * k);
            label.LabelAlignment = Alignment.UpperLeft;
            label.LabelFontSize = 12;
            label.LabelOffsetX = 4;
            label.LabelFontColor = v.Color;
        }
        plot.Title("Response time (queue + travel), 指令导处");
        plot.XLabel("minutes");
        plot.YLabel("share of attended incidents");
        plot.Axes.SetLimitsY(0, 1.02);
        // Scaled to the data: up to 1.2 x the 95th percentile (the long tail beyond is cut), at least 6 min so the 5-minute circle shows.
        plot.Axes.SetLimitsX(0, top);
        return plot;
    }

    /// <summary>The report's night window ("20:00-02:00"; 22:00-04:00 when it names none) as 24 flags.</summary>
    public static bool[] NightHours(Report report)
    {
        if (report.NightWindow is { Length: 11 } w && int.TryParse(w[..2], out var from) && int.TryParse(w[6..8], out var to))
        {
            return new Dispatch.Model.Scenarios.NightWindow(from, to).Hours();
        }
        return Dispatch.Model.Scenarios.NightWindow.Default.Hours();
    }

    /// <summary>Visibility by hour of day, the night window shaded; error bars (95%) when <paramref name="replications"/> has two or more reports.</summary>
    public static Plot VisibilityByHour(Report report, IReadOnlyList<Report>? replications = null)
    {
        var plot = new Plot();
        var night = NightHours(report);
        for (var h = 0; h < 24; h++)
        {
            if (night[h])
            {
                var span = plot.Add.HorizontalSpan(h - 0.5, h + 0.5);
                span.FillStyle.Color = Colors.Navy.WithAlpha(0.12);
                span.LineStyle.Width = 0;
            }
        }
        var bars = report.ByHour.Select(h => new Bar
        {
            Position = h.Hour,
            Value = h.VisibilityRate ?? 0,
            Error = ChartIntervals.HalfWidth(replications, r => r.ByHour.FirstOrDefault(b => b.Hour == h.Hour)?.VisibilityRate) ?? 0,
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.Color = Colors.SteelBlue;
        plot.Title($"{Visibility.Label} ({Visibility.Term}) by hour of day (night window shaded){ChartIntervals.Suffix(replications)}");
        plot.XLabel("hour of day");
        plot.YLabel(VisibilityAxis);
        plot.Axes.SetLimits(-0.5, 23.5, 0, 1.05);
        return plot;
    }

    /// <summary>Visibility of the 30 busiest hotspot zones; error bars (95%) when <paramref name="replications"/> has two or more reports.</summary>
    public static Plot VisibilityByZone(Report report, IReadOnlyList<Report>? replications = null)
    {
        var plot = new Plot();
        var zones = report.Zones.Where(z => z.VisibilityRate is not null)
            .OrderByDescending(z => z.Incidents).ThenBy(z => z.Id, StringComparer.Ordinal).Take(30).ToList();
        plot.Add.Bars(zones.Select((z, i) => new Bar
        {
            Position = i,
            Value = z.VisibilityRate ?? 0,
            Error = ChartIntervals.HalfWidth(replications, r => r.Zones.FirstOrDefault(x => x.Id == z.Id)?.VisibilityRate) ?? 0,
        }).ToList()).Color = Colors.SteelBlue;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, zones.Count).Select(i => (double)i).ToArray(), zones.Select(z => z.Id).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 140;
        plot.Title($"{Visibility.Label} ({Visibility.Term}) per hotspot zone (busiest 30){ChartIntervals.Suffix(replications)}");
        plot.YLabel(VisibilityAxis);
        plot.Axes.SetLimitsY(0, 1.05);
        return plot;
    }

    public static Plot UnitTime(Report report)
    {
        var plot = new Plot();
        var modes = report.Units.Select(u => u.Mode).Distinct().ToList();
        (string Name, Func<UnitMinutes, double> Pick)[] statuses =
        [
            ("patrol", m => m.Patrol), ("post", m => m.Post), ("check", m => m.Check), ("en route", m => m.EnRoute),
            ("on scene", m => m.OnScene), ("returning", m => m.Returning), ("idle", m => m.Idle),
        ];
        var palette = new ScottPlot.Palettes.Category10();
        for (var m = 0; m < modes.Count; m++)
        {
            var units = report.Units.Where(u => u.Mode == modes[m]).ToList();
            var onDuty = units.Sum(u => statuses.Sum(s => s.Pick(u.Minutes)));
            var start = 0.0;
            for (var s = 0; s < statuses.Length; s++)
            {
                var share = onDuty > 0 ? units.Sum(u => statuses[s].Pick(u.Minutes)) / onDuty : 0;
                plot.Add.Bar(new Bar { Position = m, ValueBase = start, Value = start + share, FillColor = palette.GetColor(s) });
                start += share;
            }
        }
        for (var s = 0; s < statuses.Length; s++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = statuses[s].Name, FillColor = palette.GetColor(s) });
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, modes.Count).Select(i => (double)i).ToArray(), modes.ToArray());
        plot.Title("Unit time by status (share of on-duty minutes), 步巡、车辆巡、单车巡");
        plot.YLabel("share of on-duty time");
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Edge.Right);
        return plot;
    }


    public static (string File, string Caption) Save(string directory, string file, Plot plot, string caption)
    {
        var path = Path.Combine(directory, file);
        var temporary = path + ".partial.png";
        ChartFonts.Apply(plot);
        PngFile.Save(plot, temporary, Width, Height);
        File.Move(temporary, path, overwrite: true);
        Running.PhaseTrace.Mark(file);
        return (file, caption);
    }

    /// <summary>The responseMinutes column of incidents.csv texts (a replication's each, with its header line), one after another; empty cells skipped.</summary>
    public static List<double> ResponseMinutesFromCsv(IEnumerable<string> incidentsCsvTexts)
    {
        var values = new List<double>();
        foreach (var text in incidentsCsvTexts)
        {
            using var bytes = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            values.AddRange(ResponseMinutes(bytes, bytes.Length));
        }
        return values;
    }

    /// <summary>
    /// The responseMinutes column of an incidents.csv file (header line first), read from
    /// <paramref name="csv"/> a piece at a time up to <paramref name="bytes"/> bytes: lines split at
    /// '\n', empty lines and empty or unreadable cells skipped. Only the values are held.
    /// </summary>
    public static List<double> ResponseMinutes(Stream csv, long bytes)
    {
        var values = new List<double>();
        var column = -2; // not known until the header line is read; -1: there is no such column
        var line = new List<byte>(512);
        var piece = new byte[1 << 16];
        var left = bytes;
        while (left > 0)
        {
            var read = csv.Read(piece, 0, (int)Math.Min(piece.Length, left));
            if (read == 0)
            {
                break;
            }
            left -= read;
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (piece[i] == (byte)'\n')
                {
                    line.AddRange(new ReadOnlySpan<byte>(piece, start, i - start));
                    Take(line, ref column, values);
                    line.Clear();
                    start = i + 1;
                }
            }
            line.AddRange(new ReadOnlySpan<byte>(piece, start, read - start));
        }
        Take(line, ref column, values);
        return values;
    }

    /// <summary>One line: the header (which gives the column) or a row (whose cell is added if it is a number).</summary>
    private static void Take(List<byte> utf8, ref int column, List<double> values)
    {
        if (utf8.Count == 0)
        {
            return;
        }
        var line = System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(utf8));
        if (column == -2)
        {
            column = Array.IndexOf(line.Split(','), "responseMinutes");
            return;
        }
        if (column < 0)
        {
            return;
        }
        var cells = SplitCsv(line);
        if (column < cells.Count && double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            values.Add(v);
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        cells.Add(current.ToString());
        return cells;
    }
}
