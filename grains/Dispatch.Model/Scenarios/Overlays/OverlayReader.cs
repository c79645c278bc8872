using System.Text.Json;
using Dispatch.Model.Loading;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>
/// Reads an overlay file: a JSON object (comments and trailing commas allowed) with
/// <c>"set": { "PATH": value, ... }</c>, <c>"add": { "LIST PATH": [ entry, ... ] }</c>,
/// <c>"remove": [ "PATH", ... ]</c> and an optional <c>"description"</c>. Every problem is reported
/// with the file, line, column and JSON path in the file (<c>set.units[id=x].count</c>).
/// </summary>
public static class OverlayReader
{
    private static readonly string[] Sections = ["description", "set", "add", "remove"];

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = ScenarioLimits.MaxJsonDepth,
    };

    /// <summary>The overlay in the file at <paramref name="path"/>, or null when it cannot be used (the problems say why).</summary>
    public static Overlay? ReadFile(string path, List<ScenarioProblem> problems)
    {
        var text = ScenarioValidator.ReadFile(path, problems, message => new ScenarioProblem(ProblemSeverity.Error, "", $"overlay: {message}") { File = path });
        return text is null ? null : Read(text, path, problems);
    }

    /// <summary>The overlay written in <paramref name="text"/> (named <paramref name="file"/> in messages), or null when it cannot be used.</summary>
    public static Overlay? Read(JsonText text, string file, List<ScenarioProblem> problems)
    {
        var mine = new List<ScenarioProblem>();
        var overlay = ReadInto(text, file, mine);
        ScenarioValidator.Locate(mine, new Dictionary<string, JsonText> { [file] = text });
        problems.AddRange(mine);
        return mine.Any(p => p.IsError) ? null : overlay;
    }

    private static Overlay? ReadInto(JsonText text, string file, List<ScenarioProblem> problems)
    {
        void Problem(ProblemSeverity severity, string location, string message) =>
            problems.Add(new ScenarioProblem(severity, location, message) { File = file });
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text.Utf8, ParseOptions);
        }
        catch (JsonException e)
        {
            var (line, column) = text.Position(e);
            problems.Add(new ScenarioProblem(ProblemSeverity.Error, "", ScenarioValidator.SyntaxMessage(e, text)) { File = file, Line = line, Column = column });
            return null;
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new ScenarioProblem(ProblemSeverity.Error, "",
                    $"expected an overlay object {{ \"set\": {{ ... }}, \"add\": {{ ... }}, \"remove\": [ ... ] }}, found {DocumentReader.Found(root)}") { File = file, Line = 1, Column = 1 });
                return null;
            }
            var operations = new List<OverlayOperation>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var section in root.EnumerateObject())
            {
                if (!seen.Add(section.Name))
                {
                    Problem(ProblemSeverity.Error, section.Name, $"'{section.Name}' appears more than once; write each section once");
                    continue;
                }
                switch (section.Name)
                {
                    case "description":
                        break;
                    case "set":
                    case "add":
                        ReadMap(section, text, file, operations, Problem);
                        break;
                    case "remove":
                        ReadRemove(section.Value, text, file, operations, Problem);
                        break;
                    default:
                        var guess = NameSuggestions.DidYouMean(section.Name, Sections);
                        Problem(ProblemSeverity.Error, section.Name, $"unknown section '{section.Name}'{(guess.Length > 0 ? guess : "; an overlay has \"set\", \"add\", \"remove\" and \"description\"")}");
                        break;
                }
            }
            if (operations.Count == 0 && !problems.Any(p => p.IsError))
            {
                Problem(ProblemSeverity.Warning, "", "the overlay changes nothing (no \"set\", \"add\" or \"remove\" entries)");
            }
            return new Overlay(file, operations);
        }
    }

    private static void ReadMap(JsonProperty section, JsonText text, string file, List<OverlayOperation> operations, Action<ProblemSeverity, string, string> problem)
    {
        var add = section.Name == "add";
        if (section.Value.ValueKind != JsonValueKind.Object)
        {
            problem(ProblemSeverity.Error, section.Name, add
                ? $"expected an object mapping list paths to the entries to add, such as {{ \"units\": [ {{ \"id\": \"car-extra\", ... }} ] }}, found {DocumentReader.Found(section.Value)}"
                : $"expected an object mapping paths to values, such as {{ \"surge.from\": \"20:00\", \"units[id=car-north].count\": 8 }}, found {DocumentReader.Found(section.Value)}");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in section.Value.EnumerateObject())
        {
            var where = $"{section.Name}.{entry.Name}";
            if (!seen.Add(entry.Name))
            {
                problem(ProblemSeverity.Error, where, $"the path '{entry.Name}' appears more than once in \"{section.Name}\"");
                continue;
            }
            if (OverlayPath.TryParse(entry.Name, out var error) is not { } path)
            {
                problem(ProblemSeverity.Error, where, error);
                continue;
            }
            if (add && entry.Value.ValueKind != JsonValueKind.Array)
            {
                problem(ProblemSeverity.Error, where, $"expected a list [ ... ] of the entries to add, found {DocumentReader.Found(entry.Value)}");
                continue;
            }
            var value = JsonTree.FromElement(entry.Value.Clone(), where,
                (name, at) => problem(ProblemSeverity.Warning, at, $"'{name}' appears more than once in this object; the last value is used"));
            operations.Add(new OverlayOperation(add ? OverlayOperationKind.Add : OverlayOperationKind.Set, path, value, new OverlayOrigin(file, where, text)));
        }
    }

    private static void ReadRemove(JsonElement list, JsonText text, string file, List<OverlayOperation> operations, Action<ProblemSeverity, string, string> problem)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            problem(ProblemSeverity.Error, "remove", $"expected a list of paths to remove, such as [ \"surge\", \"units[id=car-north]\" ], found {DocumentReader.Found(list)}");
            return;
        }
        var k = 0;
        foreach (var item in list.EnumerateArray())
        {
            var where = $"remove[{k++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                problem(ProblemSeverity.Error, where, $"expected a path in quotes such as \"units[id=car-north]\", found {DocumentReader.Found(item)}");
                continue;
            }
            if (OverlayPath.TryParse(item.GetString()!, out var error) is not { } path)
            {
                problem(ProblemSeverity.Error, where, error);
                continue;
            }
            operations.Add(new OverlayOperation(OverlayOperationKind.Remove, path, null, new OverlayOrigin(file, where, text)));
        }
    }

    /// <summary>An overlay written in memory (for tests and tools): <paramref name="json"/> read as the file <paramref name="file"/>.</summary>
    public static Overlay? ReadText(string json, string file, List<ScenarioProblem> problems) => Read(JsonText.FromString(json), file, problems);
}
