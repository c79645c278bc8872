using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;

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
    public static List<(string File, string Caption)> Write(string directory, string scenarioJson, Report report)
    {
        var scenario = ScenarioValidator.ValidateText(scenarioJson, "scenario.json").Scenario;
        if (scenario is null || scenario.Zones.Count == 0)
        {
            return [];
        }
        return
        [
            Save(directory, ResponseFile, ZoneMap.Draw(scenario, report, MapMeasure.ResponseMean),
                "Map: mean response by zone (grey: no attended incident), stations and fixed posts"),
            Save(directory, VisibilityFile, ZoneMap.Draw(scenario, report, MapMeasure.Visibility),
                "Map: visibility rate (见警率) by hotspot zone (grey: not a hotspot)"),
        ];
    }

    private static (string File, string Caption) Save(string directory, string file, ScottPlot.Plot plot, string caption)
    {
        var path = Path.Combine(directory, file);
        var temporary = path + ".partial.png";
        plot.SavePng(temporary, Width, Height);
        File.Move(temporary, path, overwrite: true);
        return (file, caption);
    }
}
