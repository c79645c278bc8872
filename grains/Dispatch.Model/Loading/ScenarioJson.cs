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

    /// <summary>The document as JSON with <see cref="Options"/>, through the source-generated writer (<see cref="ScenarioJsonContext"/>).</summary>
    public static string Serialize(ScenarioDocument document) => JsonSerializer.Serialize(document, ScenarioJsonContext.Default.ScenarioDocument);

    /// <summary>The document of canonical JSON (as <see cref="Serialize"/> writes it), read without validation; null for the JSON literal null.</summary>
    public static ScenarioDocument? Deserialize(string json) => JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.ScenarioDocument);
}

/// <summary>
/// Source-generated reader and writer of <see cref="ScenarioDocument"/> with the options of
/// <see cref="ScenarioJson.Options"/>: the same text as the reflection-based serializer, without
/// building its contracts by reflection on first use (a run writes its scenario's JSON, a silo reads it).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = false,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScenarioDocument))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
