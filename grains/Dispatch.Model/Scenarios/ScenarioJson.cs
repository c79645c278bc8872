using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatch.Model.Scenarios;

/// <summary>Reads and writes scenario documents as JSON (comments and trailing commas allowed).</summary>
public static class ScenarioJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Parses a document; a syntax or type error becomes a problem with line and column.</summary>
    public static ScenarioDocument Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<ScenarioDocument>(json, Options)
                ?? throw Problem(source, "the file is empty or 'null'; expected a JSON object");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $"{source}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}"
                : source;
            var what = e.Path is { Length: > 1 } path ? $"at {path}: " : "";
            throw Problem(where, what + Plain(e.Message));
        }
    }

    public static string Serialize(ScenarioDocument document) => JsonSerializer.Serialize(document, Options);

    private static ScenarioException Problem(string location, string message) =>
        new([new ScenarioProblem(ProblemSeverity.Error, location, message)]);

    private static string Plain(string message)
    {
        // System.Text.Json appends "Path: $.x | LineNumber: 3 | BytePositionInLine: 4." which we report separately.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
