using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;

namespace Dispatch.Cli.Output;

/// <summary>The maps of a run's folder: response and visibility by zone, drawn from the scenario that was run.</summary>
public static class ZoneMaps
{
    /// <summary>Zones by mean response, the map report.md opens with.</summary>
    public const string ResponseFile = "map-response.png";

    /// <summary>Zones by visibility rate.</summary>
    public const string VisibilityFile = "map-visibility.png";

    private const int Width = 1000;
    private const int Height = 900;

    /// <summary>Writes both maps; returns (file, caption) pairs, the response map first (none when the scenario cannot be read back).</summary>
    public static List<(string File, string Caption)> Write(string directory, string scenarioJson, Report report) =>
        Write(directory, ScenarioValidator.ValidateText(scenarioJson, "scenario.json").Scenario, report);

    /// <summary>Writes both maps of the scenario that was run (already built: not read back from its text); none when it is null or has no zones.</summary>
    public static List<(string File, string Caption)> Write(string directory, Scenario? scenario, Report report)
    {
        if (scenario is null || scenario.Zones.Count == 0)
        {
            return [];
        }
        // The two maps at once: drawing a large city's map is most of the time its outputs take.
        (string File, string Caption) response = default, visibility = default;
        Parallel.Invoke(
            () => response = Save(directory, ResponseFile, ZoneMap.Draw(scenario, report, MapMeasure.ResponseMean),
                "Map: mean response by zone (grey: no attended incident), stations and fixed posts"),
            () => visibility = Save(directory, VisibilityFile, ZoneMap.Draw(scenario, report, MapMeasure.Visibility),
                "Map: visibility rate (见警率) by hotspot zone (grey: not a hotspot)"));
        return [response, visibility];
    }

    /// <summary>compare's difference map: B - A of each zone's mean response (zones of A's scenario); null when A cannot be read back.</summary>
    public static (string File, string Caption)? WriteDifference(string directory, Scenario? scenario, Report a, Report b)
    {
        if (scenario is null || scenario.Zones.Count == 0)
        {
            return null;
        }
        var rowsA = a.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        var rowsB = b.Zones.ToDictionary(z => z.Id, StringComparer.Ordinal);
        var values = scenario.Zones.Select(z => rowsA.TryGetValue(z.Id, out var ra) && rowsB.TryGetValue(z.Id, out var rb)
            && ra.ResponseMinutesMean is { } va && rb.ResponseMinutesMean is { } vb ? vb - va : (double?)null).ToList();
        var plot = ZoneMap.Draw(scenario, values, $"{b.Scenario} - {a.Scenario}: change in mean response by zone (min)",
            v => v.ToString("+0.0;-0.0;0.0", System.Globalization.CultureInfo.InvariantCulture), diverging: true);
        return Save(directory, DifferenceFile, plot,
            "Map: B - A of the mean response by zone in minutes (negative: faster in B; grey: no attended incident on a side)");
    }

    /// <summary>compare's difference map.</summary>
    public const string DifferenceFile = "map-difference.png";

    /// <summary>Saves a map as a PNG in <paramref name="directory"/> (through a temporary file); returns (file, caption).</summary>
    public static (string File, string Caption) Save(string directory, string file, ScottPlot.Plot plot, string caption)
    {
        var path = Path.Combine(directory, file);
        var temporary = path + ".partial.png";
        PngFile.Save(plot, temporary, Width, Height);
        File.Move(temporary, path, overwrite: true);
        Running.PhaseTrace.Mark(file);
        return (file, caption);
    }
}
