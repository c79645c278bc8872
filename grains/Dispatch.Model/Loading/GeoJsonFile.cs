using System.Text.Json;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// A GeoJSON file referred to by a scenario (zones, roads), read and parsed, with its problems
/// located in it: a missing file at the scenario's field, malformed JSON at its line and column.
/// </summary>
public sealed class GeoJsonFile
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = ScenarioLimits.MaxJsonDepth,
    };

    private readonly string _path;
    private readonly List<ScenarioProblem> _problems;

    private GeoJsonFile(string path, List<ScenarioProblem> problems)
    {
        _path = path;
        _problems = problems;
    }

    /// <summary>The file's text (null when it could not be read).</summary>
    public JsonText? Text { get; private set; }

    /// <summary>The parsed document (null when the file could not be read or parsed); the caller disposes it.</summary>
    public JsonDocument? Json { get; private set; }

    /// <summary>Paths inside the file that have an error.</summary>
    public HashSet<string> BadPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads and parses <paramref name="path"/>; a missing file is reported at <paramref name="field"/> of <paramref name="scenarioFile"/>.</summary>
    public static GeoJsonFile Open(string path, string scenarioFile, string field, List<ScenarioProblem> problems)
    {
        var file = new GeoJsonFile(path, problems);
        file.Text = ScenarioValidator.ReadFile(path, problems, message =>
            new ScenarioProblem(ProblemSeverity.Error, field, $"GeoJSON file '{path}': {message}") { File = scenarioFile });
        if (file.Text is null)
        {
            return file;
        }
        try
        {
            file.Json = JsonDocument.Parse(file.Text.Utf8, ParseOptions);
        }
        catch (JsonException e)
        {
            var (line, column) = file.Text.Position(e);
            file.Error("", $"malformed GeoJSON: {ScenarioValidator.SyntaxMessage(e, file.Text)}", line, column);
        }
        return file;
    }

    /// <summary>Adds an error located in this file at <paramref name="location"/> (and marks that path bad).</summary>
    public void Error(string location, string message, int? line = null, int? column = null)
    {
        _problems.Add(new ScenarioProblem(ProblemSeverity.Error, location, message) { File = _path, Line = line, Column = column });
        BadPaths.Add(location);
    }
}
