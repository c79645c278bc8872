using System.Text.Json;

namespace Dispatch.Model.Scenarios;

/// <summary>
/// Loads a scenario file from disk, resolving a <c>zonesGeoJson</c> reference (relative to the
/// scenario file) into inline zones, so the result is one self-contained document.
/// </summary>
public static class ScenarioLoader
{
    public static ScenarioDocument LoadDocument(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException([new ScenarioProblem(ProblemSeverity.Error, path, "file not found")]);
        }
        var document = ScenarioJson.Parse(File.ReadAllText(path), path);
        if (document.ZonesGeoJson is { } geoJson)
        {
            var geoPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", geoJson);
            document.Zones ??= [];
            document.Zones.AddRange(GeoJsonZones.Read(geoPath, $"{path}: zonesGeoJson"));
            document.ZonesGeoJson = null;
        }
        return document;
    }

    /// <summary>Loads and validates; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public static Scenario Load(string path) => ScenarioBuilder.Build(LoadDocument(path));
}

/// <summary>Reads zones from a GeoJSON FeatureCollection of Polygon features (coordinates in metres).</summary>
public static class GeoJsonZones
{
    public static IEnumerable<ZoneDocument> Read(string path, string referencedFrom)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException([new ScenarioProblem(ProblemSeverity.Error, referencedFrom, $"GeoJSON file '{path}' not found")]);
        }
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new ScenarioException([new ScenarioProblem(ProblemSeverity.Error,
                $"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}", "malformed GeoJSON")]);
        }
        var zones = new List<ZoneDocument>();
        var problems = new List<ScenarioProblem>();
        if (!json.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new ScenarioException([new ScenarioProblem(ProblemSeverity.Error, path, "expected a FeatureCollection with a 'features' array")]);
        }
        var i = 0;
        foreach (var feature in features.EnumerateArray())
        {
            var where = $"{path}: features[{i++}]";
            if (!feature.TryGetProperty("geometry", out var geometry)
                || !geometry.TryGetProperty("type", out var type) || type.GetString() != "Polygon"
                || !geometry.TryGetProperty("coordinates", out var coordinates))
            {
                problems.Add(new ScenarioProblem(ProblemSeverity.Error, where, "expected a Polygon geometry"));
                continue;
            }
            var zone = feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                ? properties.Deserialize<ZoneDocument>(ScenarioJson.Options) ?? new ZoneDocument()
                : new ZoneDocument();
            zone.Polygon = coordinates[0].EnumerateArray()
                .Select(p => p.EnumerateArray().Select(c => c.GetDouble()).ToArray())
                .ToList();
            zone.Origin = where;
            zones.Add(zone);
        }
        if (problems.Count > 0)
        {
            throw new ScenarioException(problems);
        }
        return zones;
    }
}
