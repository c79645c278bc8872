using Dispatch.Cli.Running;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Output;

/// <summary>Writes a run's files into its output folder; each file is written whole, then renamed into place.</summary>
public static class RunOutputWriter
{
    public static readonly string[] FileNames = ["report.json", "report.md", "incidents.csv", "units.csv"];

    public static void Write(string directory, RunOutcome outcome)
    {
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, "report.json"), ReportJson.Serialize(outcome.Report));
        var charts = Charts.WriteRunCharts(directory, outcome.Report, Charts.ResponseMinutesFromCsv(outcome.IncidentsCsv));
        WriteAtomically(Path.Combine(directory, "report.md"), ReportMarkdown.Render(outcome.Report, charts));
        WriteAtomically(Path.Combine(directory, "incidents.csv"), outcome.IncidentsCsv);
        WriteAtomically(Path.Combine(directory, "units.csv"), outcome.UnitsCsv);
    }

    /// <summary>Writes to a temporary file beside the target, then renames it over the target.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".partial";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
