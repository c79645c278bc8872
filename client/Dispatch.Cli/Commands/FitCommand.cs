using System.CommandLine;
using Dispatch.Model.Fitting;
using Dispatch.Model.Scenarios;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>fit &lt;incidents.csv&gt; --zones &lt;zones.geojson&gt; [--out FILE] [--shrinkage S] [--mix-shrinkage S] [--overwrite]</c>:
/// estimates each zone's base rate, 24 x 7 profile and type mix, and each type's on-scene time, from
/// an incident history (docs/demand.md); writes them as an overlay and a fit report beside it.
/// </summary>
public static class FitCommand
{
    private const string Usage = "dispatch fit <incidents.csv> --zones <zones.geojson> [--out FILE] [--shrinkage S] [--mix-shrinkage S] [--overwrite]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var history = new Argument<string>("incidents") { Description = "Incident history (CSV: time, x, y or zone, type, priority, optional duration; docs/demand.md)." };
        var zones = new Option<string>("--zones") { Description = "GeoJSON file of the zones to fit (as a scenario's zonesGeoJson).", Required = true };
        var output = new Option<string>("--out") { Description = "The overlay to write; the fit report goes beside it (FILE.report.md, FILE.report.json).", DefaultValueFactory = _ => "scenario-demand.json" };
        var shrinkage = new Option<double>("--shrinkage") { Description = "Strength of the pull of sparse zones' profiles toward the district's, in expected incidents per hour-of-week cell.", DefaultValueFactory = _ => 5 };
        var mixShrinkage = new Option<double>("--mix-shrinkage") { Description = "Strength of the pull of sparse zones' type mixes toward the district's, in incidents.", DefaultValueFactory = _ => 5 };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace existing output files." };
        var command = new Command("fit", "Fit zone demand (base rates, 24 x 7 profiles, type mixes, on-scene times) from an incident history and write it as an overlay with a fit report.")
        {
            history, zones, output, shrinkage, mixShrinkage, overwrite,
        };
        command.SetAction(parse => Execute(console, error, parse.GetValue(history)!, parse.GetValue(zones)!, parse.GetValue(output)!,
            parse.GetValue(shrinkage), parse.GetValue(mixShrinkage), parse.GetValue(overwrite)));
        return command;
    }

    private static int Execute(IAnsiConsole console, TextWriter error, string historyPath, string zonesPath, string outPath, double shrinkage, double mixShrinkage, bool overwrite)
    {
        if (!(shrinkage >= 0 && double.IsFinite(shrinkage)) || !(mixShrinkage >= 0 && double.IsFinite(mixShrinkage)))
        {
            return CommonOptions.Usage(error, "--shrinkage and --mix-shrinkage: expected 0 or more", Usage);
        }
        var reportPath = Path.ChangeExtension(outPath, null) + ".report";
        var targets = new[] { outPath, reportPath + ".md", reportPath + ".json" };
        if (!overwrite && targets.FirstOrDefault(File.Exists) is { } existing)
        {
            return CommonOptions.Usage(error, $"{existing} exists; give --overwrite to replace it, or another --out", Usage);
        }
        var (fitZones, zoneProblems) = FitZones.Read(zonesPath);
        var (records, problems) = HistoryCsv.Read(historyPath);
        problems.AddRange(zoneProblems);
        if (fitZones is not null && problems.Count == 0)
        {
            problems.AddRange(Check(records, fitZones, historyPath, out var zoneOf));
            if (problems.Count == 0)
            {
                return Write(console, error, records, zoneOf, fitZones, historyPath, outPath, reportPath, shrinkage, mixShrinkage);
            }
        }
        ScenarioInput.Print(ScenarioProblem.InReadingOrder(problems, historyPath), historyPath, error);
        return ExitCodes.InvalidInput;
    }

    /// <summary>Zone ids that the zones file does not have, and a history shorter than a week, are errors.</summary>
    private static IEnumerable<ScenarioProblem> Check(List<HistoryRecord> records, FitZones zones, string path, out int[] zoneOf)
    {
        zoneOf = [.. records.Select(zones.Assign)];
        var problems = new List<ScenarioProblem>();
        for (var i = 0; i < records.Count; i++)
        {
            if (zoneOf[i] < 0 && records[i].Zone is { } id)
            {
                problems.Add(new ScenarioProblem(ProblemSeverity.Error, "column 'zone'",
                    $"unknown zone '{id}'{NameSuggestions.DidYouMean(id, zones.Zones.Select(z => z.Id))}") { File = path, Line = records[i].Line });
            }
        }
        if (records.Count == 0)
        {
            problems.Add(new ScenarioProblem(ProblemSeverity.Error, "", "has no incidents; expected a header and one line per incident") { File = path });
        }
        else if ((records.Max(r => r.Time).Date - records.Min(r => r.Time).Date).TotalDays < 6)
        {
            problems.Add(new ScenarioProblem(ProblemSeverity.Error, "", "covers less than a week; a 24 x 7 profile needs at least 7 days of history (several weeks for a useful fit)") { File = path });
        }
        return problems;
    }

    private static int Write(
        IAnsiConsole console, TextWriter error, List<HistoryRecord> records, int[] zoneOf, FitZones zones, string historyPath, string outPath,
        string reportPath, double shrinkage, double mixShrinkage)
    {
        var fit = DemandFit.Fit(records, zoneOf, zones.Zones, shrinkage, mixShrinkage);
        var stats = FitStatistics.Of(fit);
        if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllText(outPath, FitOutput.Overlay(fit, zones, historyPath));
        File.WriteAllText(reportPath + ".md", FitOutput.ReportMarkdown(fit, stats, historyPath));
        File.WriteAllText(reportPath + ".json", FitOutput.ReportJson(fit, stats, historyPath));
        if (fit.Unassigned > 0)
        {
            error.WriteLine($"warning: {historyPath}: {fit.Unassigned} incident(s) outside every one of the {zones.Zones.Count} zones were left out of the fit");
        }
        console.MarkupLine(Markup.Escape($"fitted {records.Count - fit.Unassigned} incidents, {fit.From:yyyy-MM-dd} to {fit.To.AddDays(-1):yyyy-MM-dd}, " +
            $"{fit.Zones.Count} zones, {fit.Types.Count} types; deviance {stats.Deviance:0.0} (district pattern alone {stats.DistrictDeviance:0.0}, df {stats.DistrictDegreesOfFreedom})"));
        console.MarkupLine(Markup.Escape($"wrote {outPath} (apply with --overlay), {reportPath}.md, {reportPath}.json"));
        return ExitCodes.Success;
    }
}
