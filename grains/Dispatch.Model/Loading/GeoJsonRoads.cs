using System.Text.Json;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>What was read from a GeoJSON roads file.</summary>
public sealed record GeoJsonRoadsRead(List<RoadLineDocument> Lines, JsonText? Text, HashSet<string> BadPaths, bool Failed);

/// <summary>
/// Reads road lines from a GeoJSON FeatureCollection of LineString features (coordinates in metres;
/// properties: id, class, speedKmh, oneWay, modes). Never throws for bad input: each problem is
/// added with the file and the feature's path.
/// </summary>
public static class GeoJsonRoads
{
    public static GeoJsonRoadsRead Read(string path, string scenarioFile, List<ScenarioProblem> problems)
    {
        var lines = new List<RoadLineDocument>();
        var file = GeoJsonFile.Open(path, scenarioFile, "roads.geoJson", problems);
        var bad = file.BadPaths;
        var text = file.Text;
        if (file.Json is not { } json)
        {
            return new GeoJsonRoadsRead(lines, text, bad, true);
        }
        void Error(string location, string message, int? line = null, int? column = null) => file.Error(location, message, line, column);
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                Error("", "expected a FeatureCollection { \"type\": \"FeatureCollection\", \"features\": [ one LineString feature per road ] }", 1, 1);
                return new GeoJsonRoadsRead(lines, text, bad, true);
            }
            var i = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var where = $"features[{i++}]";
                if (ReadFeature(feature, where, path, problems, bad, Error) is { } line)
                {
                    lines.Add(line);
                }
            }
        }
        return new GeoJsonRoadsRead(lines, text, bad, lines.Count == 0 && bad.Count > 0);
    }

    private static RoadLineDocument? ReadFeature(JsonElement feature, string where, string path, List<ScenarioProblem> problems, HashSet<string> bad, Action<string, string, int?, int?> error)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            error(where, $"expected a Feature object, found {DocumentReader.Found(feature)}", null, null);
            return null;
        }
        var line = new RoadLineDocument();
        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var reader = new DocumentReader(problems, path) { OnlyLikelyTypos = true, Ignored = new HashSet<string> { "points" } };
            line = reader.ReadObject<RoadLineDocument>(properties, $"{where}.properties");
            line.Points = null;
            bad.UnionWith(reader.BadPaths);
        }
        line.Origin = $"{where}.properties";
        line.OriginFile = path;
        line.PointsOrigin = $"{where}.geometry.coordinates";
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            error($"{where}.geometry", "missing; expected a LineString geometry { \"type\": \"LineString\", \"coordinates\": [[x, y], ...] }", null, null);
            return null;
        }
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "LineString")
        {
            error($"{where}.geometry", type == "MultiLineString"
                ? "is a MultiLineString; only LineString geometries are supported: split it into one LineString feature per part"
                : $"is a {type ?? "geometry without a type"}; expected a LineString (a road is a line)", null, null);
            return null;
        }
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            error($"{where}.geometry", "expected coordinates: a list of positions [[x, y], ...] in metres", null, null);
            return null;
        }
        line.Points = [];
        var k = 0;
        foreach (var position in coordinates.EnumerateArray())
        {
            if (position.ValueKind == JsonValueKind.Array && position.GetArrayLength() is 2 or 3
                && position.EnumerateArray().All(c => c.ValueKind == JsonValueKind.Number && c.TryGetDouble(out var v) && double.IsFinite(v)))
            {
                line.Points.Add([position[0].GetDouble(), position[1].GetDouble()]);
            }
            else
            {
                error($"{where}.geometry.coordinates[{k}]", $"expected a position [x, y] (two numbers, metres east and north), found {DocumentReader.Found(position)}", null, null);
                return null;
            }
            k++;
        }
        return line;
    }
}
