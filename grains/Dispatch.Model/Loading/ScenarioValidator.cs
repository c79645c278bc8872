using System.Text.Json;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>The outcome of checking a scenario: every problem found and, when there is no error, the scenario.</summary>
public sealed record ScenarioValidation(string Source, IReadOnlyList<ScenarioProblem> Problems, ScenarioDocument? Document, Scenario? Scenario)
{
    /// <summary>True when the scenario can run (there may still be warnings).</summary>
    public bool IsValid => Scenario is not null && !Problems.Any(p => p.IsError);

    public IEnumerable<ScenarioProblem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<ScenarioProblem> Warnings => Problems.Where(p => !p.IsError);
}

/// <summary>
/// Checks a scenario file completely and reports every problem at once, each with its file, line and
/// column where known and a JSON path: JSON syntax (which stops reading), wrong types and unknown
/// fields (<see cref="DocumentReader"/>), the GeoJSON zones file, then the content
/// (<see cref="ScenarioBuilder"/>). Never throws for bad input.
/// </summary>
public static class ScenarioValidator
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = ScenarioLimits.MaxJsonDepth,
    };

    /// <summary>Checks the scenario file at <paramref name="path"/> and the GeoJSON file it refers to.</summary>
    public static ScenarioValidation ValidateFile(string path)
    {
        var problems = new List<ScenarioProblem>();
        var text = ReadFile(path, problems, message => new ScenarioProblem(ProblemSeverity.Error, "", message) { File = path });
        if (text is null)
        {
            return new ScenarioValidation(path, problems, null, null);
        }
        return Validate(text, path, Path.GetDirectoryName(path), problems);
    }

    /// <summary>Checks scenario JSON held in memory; a <c>zonesGeoJson</c> path is taken relative to <paramref name="baseDirectory"/>.</summary>
    public static ScenarioValidation ValidateText(string json, string source, string? baseDirectory = null) =>
        Validate(JsonText.FromString(json), source, baseDirectory, []);

    /// <summary>Reads the document only (syntax, types, unknown fields): the document, or null after a syntax error.</summary>
    public static (ScenarioDocument? Document, List<ScenarioProblem> Problems) ReadDocument(string json, string source)
    {
        var problems = new List<ScenarioProblem>();
        var text = JsonText.FromString(json);
        var document = Read(text, source, problems, out _);
        Locate(problems, new Dictionary<string, JsonText> { [source] = text });
        return (document, problems);
    }

    private static ScenarioValidation Validate(JsonText text, string source, string? baseDirectory, List<ScenarioProblem> problems)
    {
        var document = Read(text, source, problems, out var badPaths);
        var texts = new Dictionary<string, JsonText> { [source] = text };
        if (document is null)
        {
            Locate(problems, texts);
            return new ScenarioValidation(source, ScenarioProblem.InReadingOrder(problems, source), null, null);
        }
        var bad = new Dictionary<string, PathSet> { [source] = new PathSet(badPaths) };
        var consequences = new HashSet<string>();
        if (document.ZonesGeoJson is { } geoJson)
        {
            var geoPath = Path.Combine(baseDirectory ?? "", geoJson);
            var geo = GeoJsonZones.Read(geoPath, source, problems);
            if (geo.Text is not null)
            {
                texts[geoPath] = geo.Text;
            }
            bad[geoPath] = new PathSet(geo.BadPaths);
            if (geo.Failed)
            {
                consequences.Add("zones"); // "zones missing" would only repeat that the file could not be read
            }
            document.Zones = [.. document.Zones ?? [], .. geo.Zones];
            document.ZonesGeoJson = null;
        }
        if (document.Roads?.GeoJson is { } roadsGeoJson)
        {
            var roadsPath = Path.Combine(baseDirectory ?? "", roadsGeoJson);
            var roads = GeoJsonRoads.Read(roadsPath, source, problems);
            if (roads.Text is not null)
            {
                texts[roadsPath] = roads.Text;
            }
            bad[roadsPath] = new PathSet(roads.BadPaths);
            if (roads.Failed)
            {
                consequences.Add("roads.lines");
            }
            document.Roads.Lines = [.. document.Roads.Lines ?? [], .. roads.Lines];
            document.Roads.GeoJson = null;
        }
        var (scenario, built) = ScenarioBuilder.Check(document);
        foreach (var problem in built)
        {
            var file = problem.File ?? source;
            if ((file == source && consequences.Contains(problem.Location))
                || (bad.TryGetValue(file, out var paths) && paths.IsRelated(problem.Location)))
            {
                continue; // a consequence of a value already reported as being of the wrong type
            }
            problems.Add(problem with { File = file });
        }
        Locate(problems, texts);
        var sorted = ScenarioProblem.InReadingOrder(problems, source);
        return new ScenarioValidation(source, sorted, document, sorted.Any(p => p.IsError) ? null : scenario);
    }

    private static ScenarioDocument? Read(JsonText text, string source, List<ScenarioProblem> problems, out HashSet<string> badPaths)
    {
        badPaths = [];
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text.Utf8, ParseOptions);
        }
        catch (JsonException e)
        {
            var (line, column) = text.Position(e);
            problems.Add(new ScenarioProblem(ProblemSeverity.Error, "", SyntaxMessage(e, text)) { File = source, Line = line, Column = column });
            return null;
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ScenarioProblem(ProblemSeverity.Error, "",
                    $"expected a JSON object {{ ... }} holding the scenario, found {DocumentReader.Found(json.RootElement)}") { File = source, Line = 1, Column = 1 });
                return null;
            }
            var reader = new DocumentReader(problems, source);
            var document = reader.ReadObject<ScenarioDocument>(json.RootElement, "");
            badPaths = reader.BadPaths;
            return document;
        }
    }

    /// <summary>The reader's message in plain words, without its own position information.</summary>
    internal static string SyntaxMessage(JsonException e, JsonText text)
    {
        if (text.Utf8.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return "the file is empty; expected a JSON object { ... }";
        }
        var message = e.Message;
        foreach (var marker in new[] { " LineNumber:", " Path:", " | " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }
        message = message.Replace(" when isFinalBlock is true", "", StringComparison.Ordinal).TrimEnd();
        var last = text.Utf8.Length - 1;
        while (last >= 0 && text.Utf8[last] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            last--;
        }
        if (text.Offset(e) >= last && !message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"the file ends before the JSON is complete (an object {{ }} or list [ ] is not closed, or a value is cut off); is it truncated? ({message})";
        }
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"objects and lists are nested more than {ScenarioLimits.MaxJsonDepth} deep; no scenario needs that (see the limits in the scenario format, section 6)";
        }
        return message;
    }

    /// <summary>Reads a file for checking; null (after adding a problem made by <paramref name="problem"/>) if it cannot be read.</summary>
    internal static JsonText? ReadFile(string path, List<ScenarioProblem> problems, Func<string, ScenarioProblem> problem)
    {
        try
        {
            if (Directory.Exists(path))
            {
                problems.Add(problem($"'{path}' is a folder; expected a file"));
                return null;
            }
            if (!File.Exists(path))
            {
                problems.Add(problem($"file not found (looked for {Path.GetFullPath(path)})"));
                return null;
            }
            var length = new FileInfo(path).Length;
            if (length > ScenarioLimits.MaxFileBytes)
            {
                problems.Add(problem(FormattableString.Invariant($"the file is {length / (1024.0 * 1024.0):0.#} MB; the limit is {ScenarioLimits.MaxFileBytes / (1024 * 1024)} MB (see the limits in the scenario format, section 6)")));
                return null;
            }
            return JsonText.FromFileBytes(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            problems.Add(problem($"the file cannot be read: {e.Message}"));
            return null;
        }
    }

    /// <summary>Adds line and column to the problems whose path can be found in the text of their file.</summary>
    internal static void Locate(List<ScenarioProblem> problems, IReadOnlyDictionary<string, JsonText> texts)
    {
        foreach (var (file, text) in texts)
        {
            var wanted = problems.Where(p => p.File == file && p.Line is null && p.Location.Length > 0)
                .SelectMany(p => PathSet.Prefixes(p.Location).Append(p.Location)).ToHashSet(StringComparer.Ordinal);
            if (wanted.Count == 0)
            {
                continue;
            }
            var found = text.Locate(wanted);
            for (var i = 0; i < problems.Count; i++)
            {
                var p = problems[i];
                if (p.File != file || p.Line is not null || p.Location.Length == 0)
                {
                    continue;
                }
                // The place itself, or where it should have been: the nearest enclosing object or list.
                foreach (var candidate in PathSet.Prefixes(p.Location).Append(p.Location).Reverse())
                {
                    if (found.TryGetValue(candidate, out var at))
                    {
                        problems[i] = p with { Line = at.Line, Column = at.Column };
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Paths of values left out as being of the wrong type, to recognise the problems that follow from them.</summary>
    private sealed class PathSet
    {
        private readonly HashSet<string> _paths;
        private readonly HashSet<string> _ancestors = new(StringComparer.Ordinal);

        public PathSet(HashSet<string> paths)
        {
            _paths = paths;
            foreach (var path in paths)
            {
                foreach (var prefix in Prefixes(path))
                {
                    _ancestors.Add(prefix);
                }
            }
        }

        /// <summary>The same path, one inside it, or one containing it.</summary>
        public bool IsRelated(string location) =>
            _paths.Count > 0 && (_paths.Contains(location) || _ancestors.Contains(location) || Prefixes(location).Any(_paths.Contains));

        /// <summary>Proper prefixes at segment boundaries: <c>a.b[2].c</c> gives <c>a</c>, <c>a.b</c>, <c>a.b[2]</c>.</summary>
        public static IEnumerable<string> Prefixes(string path)
        {
            for (var i = 1; i < path.Length; i++)
            {
                if (path[i] is '.' or '[')
                {
                    yield return path[..i];
                }
            }
        }
    }
}
