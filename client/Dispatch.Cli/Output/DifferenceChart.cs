using Dispatch.Model.Reporting;
using ScottPlot;

namespace Dispatch.Cli.Output;

/// <summary>
/// differences.png of compare: one panel per group of measures (response, handling, visibility,
/// prevention, cost), each difference B - A in the measure's own unit (minutes, rate points,
/// incidents, hours) with its 95% interval, as horizontal bars labelled in full.
/// </summary>
public static class DifferenceChart
{
    private const int Width = 1100;
    private const int RowPixels = 26;
    private const int PanelPixels = 90;

    /// <summary>The measures shown (with a difference), grouped in the order of <see cref="MeasureGroup"/>.</summary>
    public static IReadOnlyList<IGrouping<MeasureGroup, MeasureComparison>> Groups(IReadOnlyList<MeasureComparison> measures) =>
        measures.Where(m => m.Difference is not null && Measures.Find(m.Name) is not null)
            .GroupBy(m => Measures.Find(m.Name)!.Group).OrderBy(g => g.Key).ToList();

    /// <summary>The label of a bar: the measure's title and the unit of its difference.</summary>
    public static string Label(MeasureComparison m)
    {
        var measure = Measures.Find(m.Name)!;
        var unit = measure.Format switch
        {
            MeasureFormat.Rate => "points",
            MeasureFormat.Minutes => "min",
            MeasureFormat.Count => "incidents",
            MeasureFormat.Hours => "hours",
            _ => "",
        };
        var title = measure.Title.Replace(" (min)", "", StringComparison.Ordinal);
        return unit.Length == 0 ? title : $"{title} [{unit}]";
    }

    /// <summary>The panels, one plot per group.</summary>
    public static List<Plot> Panels(IReadOnlyList<MeasureComparison> measures)
    {
        var panels = new List<Plot>();
        var groups = Groups(measures);
        var labelWidth = groups.SelectMany(g => g).Select(m => Label(m).Length).DefaultIfEmpty(10).Max() * 7.5f + 20;
        foreach (var group in groups)
        {
            var plot = new Plot();
            var rows = group.ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                var m = rows[i];
                var scale = Measures.Find(m.Name)!.Format == MeasureFormat.Rate ? 100 : 1;
                var color = m.Verdict switch { "better" => Colors.ForestGreen, "worse" => Colors.Crimson, "higher" or "lower" => Colors.SteelBlue, _ => Colors.Gray };
                plot.Add.Bar(new Bar
                {
                    Position = rows.Count - 1 - i,
                    Value = m.Difference!.Value * scale,
                    Error = (m.Ci95HalfWidth ?? 0) * scale,
                    FillColor = color,
                    Orientation = Orientation.Horizontal,
                });
            }
            plot.Axes.Left.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - 1 - i)).ToArray(), rows.Select(Label).ToArray());
            plot.Axes.Left.MinimumSize = labelWidth;
            plot.Add.VerticalLine(0).LineStyle.Width = 1;
            plot.Title($"{group.Key}: B - A in each measure's unit, 95% intervals");
            plot.Axes.Title.Label.FontSize = 14;
            ChartFonts.Apply(plot);
            panels.Add(plot);
        }
        return panels;
    }

    /// <summary>Writes the panels stacked into one PNG; returns (file name, caption).</summary>
    public static (string File, string Caption) Save(string directory, string file, IReadOnlyList<MeasureComparison> measures)
    {
        var panels = Panels(measures);
        var heights = Groups(measures).Select(g => g.Count() * RowPixels + PanelPixels).ToList();
        var multiplot = new Multiplot();
        if (panels.Count > 0)
        {
            // A new multiplot holds one empty plot: start from the first panel instead.
            multiplot.Reset(panels[0]);
        }
        foreach (var panel in panels.Skip(1))
        {
            multiplot.AddPlot(panel);
        }
        var total = Math.Max(200, heights.Sum());
        var path = Path.Combine(directory, file);
        var temporary = path + ".partial.png";
        multiplot.Layout = new ScottPlot.MultiplotLayouts.DraggableRows();
        if (multiplot.Layout is ScottPlot.MultiplotLayouts.DraggableRows rows && heights.Count > 0)
        {
            rows.SetHeights(heights.Select(h => (float)h));
        }
        PngFile.Save(multiplot, temporary, Width, total);
        File.Move(temporary, path, overwrite: true);
        return (file, "Paired differences B - A by group, in each measure's own unit (minutes, rate points, incidents, hours), with 95% intervals: green better, red worse, blue a neutral measure changed, grey no significant difference");
    }
}
