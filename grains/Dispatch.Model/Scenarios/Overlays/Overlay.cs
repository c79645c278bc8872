using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>What an overlay operation does; within one overlay they apply in this order.</summary>
public enum OverlayOperationKind
{
    /// <summary>Removes a field or a list entry.</summary>
    Remove,

    /// <summary>Appends entries to a list.</summary>
    Add,

    /// <summary>Sets a field, replaces a list entry, or removes a field when the value is null.</summary>
    Set,
}

/// <summary>
/// Where an overlay operation was written, for messages: in an overlay file (<see cref="File"/>, and
/// <see cref="Path"/> its JSON path there such as <c>set.units[id=car-north].count</c>, located to a
/// line and column in <see cref="Text"/>), or in a command-line argument (<see cref="File"/> is then
/// <c>--set PATH=VALUE</c>, <see cref="Text"/> null).
/// </summary>
public sealed record OverlayOrigin(string File, string Path, JsonText? Text)
{
    /// <summary>True for a <c>--set</c> argument or another setting given in memory (no file to point into).</summary>
    public bool IsArgument => Text is null;
}

/// <summary>One change: <paramref name="Value"/> is the value to set (null removes), or a list of entries to add.</summary>
public sealed record OverlayOperation(OverlayOperationKind Kind, OverlayPath Path, JsonNode? Value, OverlayOrigin Origin);

/// <summary>
/// A set of changes to a scenario document (docs/scenario-format.md section 8): read from an overlay
/// file (<see cref="OverlayReader"/>), from a <c>--set PATH=VALUE</c> argument
/// (<see cref="FromAssignment"/>), or made in code (<see cref="FromSettings"/>, as a sweep does for
/// each point). Applied by <see cref="ScenarioOverlays"/>.
/// </summary>
public sealed class Overlay
{
    public Overlay(string source, IEnumerable<OverlayOperation> operations)
    {
        Source = source;
        Operations = operations.OrderBy(o => o.Kind).ToList();
    }

    /// <summary>Where the overlay comes from: its file, or the <c>--set</c> argument.</summary>
    public string Source { get; }

    /// <summary>The operations in the order they apply: removes, then adds, then sets (each in the order written).</summary>
    public IReadOnlyList<OverlayOperation> Operations { get; }

    /// <summary>
    /// The overlay of one <c>--set PATH=VALUE</c> argument, or null after adding a problem naming
    /// the argument. VALUE is read as JSON when it is valid JSON (<c>8</c>, <c>[1200,3400]</c>,
    /// <c>true</c>, <c>null</c>, <c>"8"</c>), else taken as text (<c>20:00</c>, <c>car-north</c>).
    /// </summary>
    public static Overlay? FromAssignment(string argument, List<ScenarioProblem> problems)
    {
        var source = $"--set {argument}";
        var equals = AssignmentEquals(argument);
        if (equals < 0)
        {
            problems.Add(new ScenarioProblem(ProblemSeverity.Error, "", "expected PATH=VALUE, such as units[id=car-north].count=8 or surge.from=20:00") { File = source });
            return null;
        }
        var pathText = argument[..equals];
        if (OverlayPath.TryParse(pathText, out var error) is not { } path)
        {
            problems.Add(new ScenarioProblem(ProblemSeverity.Error, "", error) { File = source });
            return null;
        }
        var value = ParseValue(argument[(equals + 1)..]);
        return new Overlay(source, [new OverlayOperation(OverlayOperationKind.Set, path, value, new OverlayOrigin(source, pathText, null))]);
    }

    /// <summary>
    /// An overlay setting each path to its value (null removes the field), made in code; problems
    /// with it are reported as coming from <paramref name="source"/> (for example <c>sweep point 3</c>).
    /// Throws <see cref="ScenarioException"/> if a path is not well-formed.
    /// </summary>
    public static Overlay FromSettings(IEnumerable<KeyValuePair<string, JsonNode?>> settings, string source)
    {
        var operations = new List<OverlayOperation>();
        var problems = new List<ScenarioProblem>();
        foreach (var (text, value) in settings)
        {
            if (OverlayPath.TryParse(text, out var error) is { } path)
            {
                operations.Add(new OverlayOperation(OverlayOperationKind.Set, path, value?.DeepClone(), new OverlayOrigin(source, text, null)));
            }
            else
            {
                problems.Add(new ScenarioProblem(ProblemSeverity.Error, text, error) { File = source });
            }
        }
        return problems.Count == 0 ? new Overlay(source, operations) : throw new ScenarioException(problems);
    }

    /// <summary>A command-line value: JSON when it parses as JSON, else the text itself.</summary>
    public static JsonNode? ParseValue(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return JsonTree.FromElement(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>The '=' between PATH and VALUE: the first one outside brackets, or -1.</summary>
    private static int AssignmentEquals(string argument)
    {
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < argument.Length; i++)
        {
            var c = argument[i];
            if (quoted)
            {
                quoted = c != '"' || argument[i - 1] == '\\';
                continue;
            }
            switch (c)
            {
                case '"' when depth > 0:
                    quoted = true;
                    break;
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '=' when depth == 0:
                    return i;
            }
        }
        return -1;
    }
}
