using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

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

    /// <summary>
    /// Parses a document; throws <see cref="ScenarioException"/> listing every syntax or type error
    /// (with file:line:column and the JSON path). Unknown fields are ignored here (they are warnings
    /// of <see cref="ScenarioValidator"/>).
    /// </summary>
    public static ScenarioDocument Parse(string json, string source)
    {
        var (document, problems) = ScenarioValidator.ReadDocument(json, source);
        return document is not null && !problems.Any(p => p.IsError) ? document : throw new ScenarioException(problems.Where(p => p.IsError).ToList());
    }

    public static string Serialize(ScenarioDocument document) => JsonSerializer.Serialize(document, Options);
}
