using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Model.Loading;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>The document after overlays (compact JSON, null when an overlay could not be applied) and the problems with the overlays.</summary>
public sealed record OverlayResult(string? Json, IReadOnlyList<ScenarioProblem> Problems)
{
    public bool IsApplied => Json is not null;
}

/// <summary>
/// Applies overlays to a scenario document and checks the result like a scenario file: overlays in
/// the order given, each operation at the place its path names (docs/scenario-format.md section 8).
/// Problems with an overlay are located in it (file:line:column and its JSON path, or the
/// <c>--set</c> argument); problems of the resulting scenario are located where the value came from:
/// the base file, or the overlay that set or added it.
/// </summary>
/// <example>
/// A sweep point in memory:
/// <code>
/// var point = Overlay.FromSettings([new("units[id=car-north].count", JsonValue.Create(8))], "sweep point 3");
/// var result = ScenarioOverlays.Apply(baseJson, "pengjiang.json", [point]);      // effective JSON text
/// var check = ScenarioOverlays.ValidateText(baseJson, "pengjiang.json", null, [point]); // or checked and built
/// </code>
/// </example>
public static class ScenarioOverlays
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = ScenarioLimits.MaxJsonDepth,
    };

    /// <summary>
    /// The scenario JSON <paramref name="baseJson"/> with the overlays applied, as compact JSON text (zones
    /// of a <c>zonesGeoJson</c> file are not part of it). Problems name the overlays; the base is not checked here.
    /// </summary>
    public static OverlayResult Apply(string baseJson, string source, IReadOnlyList<Overlay> overlays)
    {
        var problems = new List<ScenarioProblem>();
        var applied = Apply(JsonText.FromString(baseJson), source, overlays, problems);
        return new OverlayResult(applied is null || problems.Any(p => p.IsError) ? null : JsonTree.Compact(applied.Value.Root), problems);
    }

    /// <summary>Checks the scenario file at <paramref name="path"/> with the overlays applied (without overlays: exactly <see cref="ScenarioValidator.ValidateFile"/>).</summary>
    public static ScenarioValidation ValidateFile(string path, IReadOnlyList<Overlay> overlays)
    {
        if (overlays.Count == 0)
        {
            return ScenarioValidator.ValidateFile(path);
        }
        var problems = new List<ScenarioProblem>();
        var text = ScenarioValidator.ReadFile(path, problems, message => new ScenarioProblem(ProblemSeverity.Error, "", message) { File = path });
        return text is null ? new ScenarioValidation(path, problems, null, null) : Validate(text, path, Path.GetDirectoryName(path), overlays);
    }

    /// <summary>Checks scenario JSON held in memory with the overlays applied; a <c>zonesGeoJson</c> path is taken relative to <paramref name="baseDirectory"/>.</summary>
    public static ScenarioValidation ValidateText(string json, string source, string? baseDirectory, IReadOnlyList<Overlay> overlays) =>
        overlays.Count == 0 ? ScenarioValidator.ValidateText(json, source, baseDirectory) : Validate(JsonText.FromString(json), source, baseDirectory, overlays);

    private static ScenarioValidation Validate(JsonText text, string source, string? baseDirectory, IReadOnlyList<Overlay> overlays)
    {
        var problems = new List<ScenarioProblem>();
        if (Apply(text, source, overlays, problems) is not { } applied)
        {
            // The base cannot be read as a JSON object: its own check says where.
            return ScenarioValidator.ValidateText(Encoding.UTF8.GetString(text.Utf8), source, baseDirectory);
        }
        var texts = new Dictionary<string, JsonText> { [source] = text };
        foreach (var origin in overlays.SelectMany(o => o.Operations).Select(o => o.Origin).Where(o => o.Text is not null))
        {
            texts[origin.File] = origin.Text!;
        }
        if (problems.Any(p => p.IsError))
        {
            ScenarioValidator.Locate(problems, texts);
            return new ScenarioValidation(source, ScenarioProblem.InReadingOrder(problems, source), null, null);
        }
        var checkedResult = ScenarioValidator.ValidateText(applied.Root.ToJsonString(), source, baseDirectory);
        var moved = checkedResult.Problems.Select(p => p.File == source ? applied.Origins.Remap(p, applied.Root) : p).ToList();
        problems.AddRange(moved);
        ScenarioValidator.Locate(problems, texts);
        var sorted = ScenarioProblem.InReadingOrder(problems, source);
        return new ScenarioValidation(source, sorted, checkedResult.Document, sorted.Any(p => p.IsError) ? null : checkedResult.Scenario);
    }

    /// <summary>The base as a tree with the overlays applied, or null when the base is not a JSON object.</summary>
    private static (JsonObject Root, NodeOrigins Origins)? Apply(JsonText text, string source, IReadOnlyList<Overlay> overlays, List<ScenarioProblem> problems)
    {
        JsonObject root;
        try
        {
            using var document = JsonDocument.Parse(text.Utf8, ParseOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            root = (JsonObject)JsonTree.FromElement(document.RootElement.Clone(), "", (name, at) =>
                problems.Add(new ScenarioProblem(ProblemSeverity.Warning, at, $"'{name}' appears more than once in this object; the last value is used") { File = source }))!;
        }
        catch (JsonException)
        {
            return null;
        }
        var origins = new NodeOrigins(source);
        origins.RegisterBase(root);
        var applier = new OverlayApplier(root, origins, problems);
        foreach (var overlay in overlays)
        {
            applier.Apply(overlay);
        }
        return (root, origins);
    }
}
