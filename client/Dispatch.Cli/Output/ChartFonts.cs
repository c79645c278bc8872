using System.Text.RegularExpressions;
using ScottPlot;

namespace Dispatch.Cli.Output;

/// <summary>
/// Chart titles carry the source document's terms (见警率) beside the English. They need a font with CJK
/// glyphs: the first installed of <see cref="Families"/> (Debian: <c>fonts-wqy-microhei</c> or
/// <c>fonts-noto-cjk</c>). Without one, the terms are left out of the titles rather than drawn as boxes.
/// </summary>
public static partial class ChartFonts
{
    /// <summary>Font families with the glyphs, in order of preference.</summary>
    public static readonly string[] Families = ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback"];

    private static readonly Lazy<string?> Installed = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Families.FirstOrDefault(installed.Contains);
    });

    /// <summary>The CJK font family charts use, or null when none is installed.</summary>
    public static string? Family => Installed.Value;

    /// <summary>
    /// Call after every label is set: uses the CJK font for the whole plot, or drops the terms from the title without one.
    /// </summary>
    /// <remarks>
    /// ScottPlot's <c>Font.Set</c> sets the title and the axes, and makes the family the process-wide default
    /// (<c>Fonts.Default</c>) for what is made afterwards; the legend and the text labels take the default
    /// when they are made. So without the lines after it, the first plot of a process, made before any
    /// <c>Font.Set</c>, drew its legend and labels in another font than every later one: which plot
    /// came first, with charts drawn in parallel, decided how it looked.
    /// </remarks>
    public static void Apply(Plot plot)
    {
        if (Family is { } family)
        {
            plot.Font.Set(family);
            plot.Legend.FontName = family;
            foreach (var text in plot.GetPlottables().OfType<ScottPlot.Plottables.Text>())
            {
                text.LabelFontName = family;
            }
            return;
        }
        var title = plot.Axes.Title.Label;
        title.Text = WithoutTerms(title.Text);
    }

    /// <summary>The text without its CJK terms and the brackets or separators around them.</summary>
    public static string WithoutTerms(string text) => TermPattern().Replace(text, "");

    [GeneratedRegex(@"(\s*\(\s*[\p{IsCJKUnifiedIdeographs}、·]+\s*\))|(,\s*[\p{IsCJKUnifiedIdeographs}、·]+)|(\s*[\p{IsCJKUnifiedIdeographs}、·]+)")]
    private static partial Regex TermPattern();
}
