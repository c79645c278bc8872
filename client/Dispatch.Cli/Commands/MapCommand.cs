using System.CommandLine;
using Dispatch.Cli.Output;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>map &lt;run-folder&gt; --measure response|p90|visibility|incidents|handling</c>: draws the map of a finished
/// run's zones coloured by the chosen measure, from the folder's <c>report.json</c> and <c>scenario.json</c>.
/// </summary>
public static class MapCommand
{
    private const string Usage = "dispatch map <run-folder> [--measure response|p90|visibility|incidents|handling] [--overwrite]";

    /// <summary>The measures a map can show, by the name the option takes.</summary>
    public static readonly IReadOnlyDictionary<string, MapMeasure> Names = new Dictionary<string, MapMeasure>(StringComparer.OrdinalIgnoreCase)
    {
        ["response"] = MapMeasure.ResponseMean,
        ["p90"] = MapMeasure.ResponseP90,
        ["visibility"] = MapMeasure.Visibility,
        ["incidents"] = MapMeasure.Incidents,
        ["handling"] = MapMeasure.HandlingRate,
    };

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var folder = new Argument<string>("run-folder") { Description = "A run's output folder (with report.json and scenario.json)." };
        var measure = new Option<string>("--measure") { Description = "The zones' colour: response (mean), p90 (response), visibility, incidents or handling (rate).", DefaultValueFactory = _ => "response" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an earlier map of the same measure in the folder." };
        var command = new Command("map", "Draw a finished run's map with the zones coloured by a chosen measure (map-by-<measure>.png in the run's folder).")
        {
            folder, measure, overwrite,
        };
        command.SetAction(parse => Execute(console, error, parse.GetValue(folder)!, parse.GetValue(measure)!, parse.GetValue(overwrite)));
        return command;
    }

    private static int Execute(IAnsiConsole console, TextWriter error, string folder, string measureName, bool overwrite)
    {
        if (!Names.TryGetValue(measureName, out var measure))
        {
            return CommonOptions.Usage(error, $"--measure {measureName}: expected one of {string.Join(", ", Names.Keys)}", Usage);
        }
        var reportPath = Path.Combine(folder, "report.json");
        var scenarioPath = Path.Combine(folder, RunOutputWriter.ScenarioFile);
        if (!File.Exists(reportPath) || !File.Exists(scenarioPath))
        {
            return CommonOptions.Usage(error, $"{folder}: not a run's output folder (it needs report.json and {RunOutputWriter.ScenarioFile}, as 'dispatch run' writes them)", Usage);
        }
        Report report;
        try
        {
            report = ReportJson.Deserialize(File.ReadAllText(reportPath));
        }
        catch (System.Text.Json.JsonException e)
        {
            error.WriteLine($"error: {reportPath}: not a report ({e.Message})");
            return ExitCodes.InvalidInput;
        }
        var validated = ScenarioValidator.ValidateText(File.ReadAllText(scenarioPath), scenarioPath);
        if (validated.Scenario is not { } scenario)
        {
            error.WriteLine($"error: {scenarioPath}: the scenario does not load; run 'dispatch validate {scenarioPath}'");
            return ExitCodes.InvalidInput;
        }
        var file = $"map-by-{measureName.ToLowerInvariant()}.png";
        if (File.Exists(Path.Combine(folder, file)) && !overwrite)
        {
            return CommonOptions.Usage(error, $"{Path.Combine(folder, file)} exists; give --overwrite to replace it", Usage);
        }
        ZoneMaps.Save(folder, file, ZoneMap.Draw(scenario, report, measure), "");
        console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(folder, file))}[/]: {Markup.Escape(ZoneMap.Describe(measure).Title)} by zone, stations and fixed posts");
        return ExitCodes.Success;
    }
}
