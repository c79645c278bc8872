using System.Text;
using Dispatch.Cli.Running;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scenarios.Overlays;

namespace Dispatch.Cli.Output;

/// <summary>
/// Writes a run's files so that no work is lost and no reader sees a half-written output: all files
/// go to a staging folder beside the output folder (<c>&lt;out&gt;.partial-&lt;pid&gt;</c>), which then
/// replaces the output folder in one rename (the old one, if any, is first renamed to
/// <c>&lt;out&gt;.old-&lt;pid&gt;</c> and deleted afterwards). Only the entries the verb writes
/// (its <see cref="OutputLayout"/>) are ever replaced: when the output folder also holds anything
/// else (a state database, notes, folders of the user), that is kept and the new files are moved in
/// one by one while a marker file <see cref="IncompleteMarker"/> says the folder is incomplete.
/// </summary>
public static partial class RunOutputWriter
{
    public static readonly string[] FileNames = ["report.json", "report.md", "incidents.csv", "units.csv"];

    /// <summary>The scenario that was run (base and overlays, zones inline), readable JSON: <c>dispatch run DIR/scenario.json</c> repeats the run.</summary>
    public const string ScenarioFile = "scenario.json";

    /// <summary>Present in an output folder only while its files are being replaced one by one.</summary>
    public const string IncompleteMarker = "OUTPUT-INCOMPLETE.txt";

    /// <summary>What <c>run</c> and <c>watch</c> write: the report files and the charts.</summary>
    public static readonly OutputLayout RunLayout = new(
        [.. FileNames, ScenarioFile, CommandLogFile.FileName, "response-cdf.png", "visibility-by-hour.png", "visibility-by-zone.png", "unit-time-by-status.png",
            ZoneMaps.ResponseFile, ZoneMaps.VisibilityFile, .. Commands.MapCommand.Names.Keys.Select(m => $"map-by-{m}.png")], "report.json");

    /// <summary>What <c>compare</c> writes: its own files and each side's report in <c>a/</c> and <c>b/</c>.</summary>
    public static readonly OutputLayout CompareLayout = new(["compare.json", "compare.md", "differences.png", ZoneMaps.DifferenceFile, "a", "b"], "compare.json");

    /// <summary>The absolute path of a folder, without a trailing separator.</summary>
    public static string FullPath(string directory) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));

    public static string StagingPath(string directory) => $"{FullPath(directory)}.partial-{Environment.ProcessId}";

    /// <summary>
    /// Where a run that will be written into <paramref name="directory"/> takes its incidents.csv files
    /// before the output is written (<see cref="RunOutcome.TakeIncidentRowsAsync"/>): beside the
    /// staging folder, so that the move into it is a rename. <paramref name="side"/> tells apart the
    /// runs of one output (compare's <c>a</c> and <c>b</c>).
    /// </summary>
    public static string IncidentsTakePrefix(string directory, string? side = null) =>
        $"{StagingPath(directory)}{(side is null ? "" : "-" + side)}-incidents";

    /// <summary>
    /// The first entry of <paramref name="directory"/> that writing <paramref name="layout"/> would
    /// replace (its completion file first, then the incomplete marker, then its other names), or null.
    /// </summary>
    public static string? FirstEntryReplaced(string directory, OutputLayout layout) =>
        new[] { layout.CompletionFile, IncompleteMarker }.Concat(layout.Names)
            .FirstOrDefault(name => Path.Exists(Path.Combine(directory, name)));

    /// <summary>
    /// Writes the run's files into <paramref name="directory"/> as one unit (see the class summary).
    /// <paramref name="scenarioText"/>: scenario.json's text laid out ahead (<see cref="LayOutScenario"/>), if the caller started it.
    /// </summary>
    public static void Write(string directory, RunOutcome outcome, string? scenarioJson, CancellationToken cancellationToken = default, Scenario? scenario = null,
        Task<string>? scenarioText = null) =>
        Publish(directory, RunLayout, staging => WriteFiles(staging, outcome, scenarioJson, scenario, scenarioText), cancellationToken);

    /// <summary>
    /// Lays out scenario.json's readable text on the thread pool: a run starts it when it is
    /// submitted, so that the text (about 20 ms for a 2,500-zone city) is ready by the end.
    /// </summary>
    public static Task<string> LayOutScenario(string scenarioJson) => Task.Run(() => JsonTree.Readable(scenarioJson));

    /// <summary>
    /// Writes the run's files into a folder directly (used inside <see cref="Publish"/>), with the
    /// scenario that was run as <see cref="ScenarioFile"/> when <paramref name="scenarioJson"/> is given.
    /// The maps take their geometry from <paramref name="scenario"/> (that text, already built) when
    /// the caller has it, else they build it from the text again.
    /// </summary>
    public static void WriteFiles(string directory, RunOutcome outcome, string? scenarioJson = null, Scenario? scenario = null, Task<string>? scenarioText = null)
    {
        Directory.CreateDirectory(directory);
        if (scenarioJson is not null)
        {
            WriteAtomically(Path.Combine(directory, ScenarioFile), scenarioText?.GetAwaiter().GetResult() ?? JsonTree.Readable(scenarioJson));
        }
        // The charts and the maps (ScottPlot, each its own plot) are drawn on the thread pool while
        // this thread writes the text files: on two cores the files cost about the time of one chart.
        // The response distribution is read from the taken incidents.csv files, opened here (a file
        // open is read to its end even once it has been moved or deleted, and only to its own length).
        var rows = !outcome.IncidentRowsLeftOut;
        var taken = outcome.TakenIncidentRows ?? [];
        if (rows && outcome.IncidentRows.Any(file => file is not null) && outcome.TakenIncidentRows is null)
        {
            throw new InvalidOperationException("the run's incidents.csv files were not taken before writing its outputs");
        }
        var opened = new List<(FileStream Stream, long Bytes)>();
        Task<List<(string File, string Caption)>> charts;
        try
        {
            if (rows)
            {
                opened.AddRange(taken.Select(file => (new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16), file.Bytes)));
            }
            var sources = opened.ToList();
            opened.Clear(); // the chart task closes them
            charts = Task.Run(() =>
            {
                List<List<double>> byReplication;
                try
                {
                    // One list per replication (an empty one for a replication without a file).
                    var next = 0;
                    byReplication = outcome.IncidentRows
                        .Select(file => file is null || next >= sources.Count ? [] : Charts.ResponseMinutes(sources[next].Stream, sources[next++].Bytes))
                        .ToList();
                }
                finally
                {
                    sources.ForEach(source => source.Stream.Dispose());
                }
                var responseByReplication = rows && outcome.IncidentRows.Count > 1
                    ? byReplication.Select(values => (IReadOnlyList<double>)values).ToList() : null;
                return Charts.WriteRunCharts(directory, outcome.Report, rows ? byReplication.SelectMany(values => values).ToList() : null,
                    outcome.Replications, responseByReplication);
            });
        }
        catch
        {
            opened.ForEach(source => source.Stream.Dispose());
            DeleteTaken(taken);
            throw;
        }
        var maps = Task.Run(() => scenario is not null ? ZoneMaps.Write(directory, scenario, outcome.Report)
            : scenarioJson is null ? new List<(string File, string Caption)>() : ZoneMaps.Write(directory, scenarioJson, outcome.Report));
        try
        {
            WriteAtomically(Path.Combine(directory, "report.json"), outcome.ReportText ?? ReportJson.Serialize(outcome.Report));
            if (rows)
            {
                WriteIncidentsCsv(Path.Combine(directory, "incidents.csv"), taken);
            }
            WriteAtomically(Path.Combine(directory, "units.csv"), outcome.UnitsCsv);
            if (outcome.CommandLog is not null)
            {
                WriteAtomically(Path.Combine(directory, CommandLogFile.FileName), outcome.CommandLog);
            }
        }
        catch
        {
            // The drawing ends before the caller deletes the staging folder.
            Task.WhenAll(charts, maps).ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
            throw;
        }
        finally
        {
            DeleteTaken(taken);
        }
        PhaseTrace.Mark("report.json, incidents.csv, units.csv");
        var chartFiles = charts.GetAwaiter().GetResult();
        var mapFiles = maps.GetAwaiter().GetResult();
        PhaseTrace.Mark("charts and maps");
        WriteAtomically(Path.Combine(directory, "report.md"), ReportMarkdown.Render(outcome.Report, chartFiles, mapFiles));
    }

    /// <summary>
    /// incidents.csv from the replications' taken files: the first one moved into place (a rename
    /// on one file system), each other's rows (after its header line) appended to it, a piece at a
    /// time. With no file (a run of no incidents whose rows were left out) the header line alone.
    /// </summary>
    private static void WriteIncidentsCsv(string path, IReadOnlyList<Dispatch.Abstractions.IncidentRowsFile> taken)
    {
        if (taken.Count == 0)
        {
            WriteAtomically(path, CsvWriters.IncidentsHeader + "\n");
            return;
        }
        var temporary = path + ".partial";
        try
        {
            File.Move(taken[0].Path, temporary, overwrite: true);
            if (taken.Count > 1)
            {
                // Shared: the chart's reader still has the first file open (only to its own length).
                using var output = new FileStream(temporary, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
                foreach (var file in taken.Skip(1))
                {
                    using var input = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
                    int b;
                    while ((b = input.ReadByte()) is not '\n' and not -1)
                    {
                        // the header line, written once
                    }
                    input.CopyTo(output, 1 << 20);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDeleteFile(temporary);
            throw;
        }
    }

    private static void DeleteTaken(IEnumerable<Dispatch.Abstractions.IncidentRowsFile> taken)
    {
        foreach (var file in taken)
        {
            TryDeleteFile(file.Path);
        }
    }

    /// <summary>Writes to a temporary file beside the target, then renames it over the target.</summary>
    public static void WriteAtomically(string path, string content) => WriteAtomically(path, [content.AsMemory()]);

    /// <summary>Writes a file's text, given piece by piece (UTF-8 without a byte order mark), under a temporary name and then moves it into place.</summary>
    public static void WriteAtomically(string path, IEnumerable<ReadOnlyMemory<char>> pieces)
    {
        var temporary = path + ".partial";
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                foreach (var piece in pieces)
                {
                    writer.Write(piece.Span);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDeleteFile(temporary);
            throw;
        }
    }

    /// <summary>
    /// Creates an empty folder at <paramref name="path"/>, first removing whatever is there without
    /// following it: a symbolic link planted at a staging path is removed itself, never written
    /// through or emptied.
    /// </summary>
    public static void CreateFreshDirectory(string path)
    {
        RemoveEntry(path);
        Directory.CreateDirectory(path);
        if (new DirectoryInfo(path).LinkTarget is not null)
        {
            throw new IOException($"{path} was replaced by a symbolic link while being created");
        }
    }

    /// <summary>Removes a file, a folder with its contents, or a symbolic link itself (never what it points to).</summary>
    public static void RemoveEntry(string path)
    {
        if (new FileInfo(path).LinkTarget is not null || File.Exists(path))
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static void DeleteEntry(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path); // a link is removed itself, never emptied
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            DeleteDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind with a name that says what it is (.partial- or .old-); nothing else depends on it.
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
