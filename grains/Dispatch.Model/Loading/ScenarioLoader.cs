using System.Text.Json;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// Loads a scenario file from disk, resolving a <c>zonesGeoJson</c> reference (relative to the
/// scenario file) into inline zones, so the result is one self-contained document. Every problem is
/// found by <see cref="ScenarioValidator"/>; these methods throw <see cref="ScenarioException"/>
/// listing them all when there is an error.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>The self-contained document of a valid scenario file.</summary>
    public static ScenarioDocument LoadDocument(string path)
    {
        var validation = ScenarioValidator.ValidateFile(path);
        return validation.IsValid && validation.Document is { } document ? document : throw new ScenarioException(validation.Problems);
    }

    /// <summary>Loads and validates; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public static Scenario Load(string path)
    {
        var validation = ScenarioValidator.ValidateFile(path);
        return validation.IsValid ? validation.Scenario! : throw new ScenarioException(validation.Problems);
    }
}

/// <summary>What was read from a GeoJSON zones file.</summary>
public sealed record GeoJsonRead(List<ZoneDocument> Zones, JsonText? Text, HashSet<string> BadPaths, bool Failed);

/// <summary>
/// Reads zones from a GeoJSON FeatureCollection of Polygon features (coordinates in metres). Never
/// throws for bad input: each problem is added to the list with the file and the feature's path.
/// </summary>
public static class GeoJsonZones
{
    /// <summary>Names of geographic coordinate systems (degrees) in a legacy GeoJSON <c>crs</c> member.</summary>
    private static readonly string[] GeographicCrs = ["CRS84", "EPSG::4326", "EPSG:4326", "EPSG::4490", "EPSG:4490", "EPSG::4258", "EPSG:4258", "EPSG::4269", "EPSG:4269"];

    /// <param name="path">The GeoJSON file.</param>
    /// <param name="scenarioFile">The scenario file that refers to it (where a missing file is reported).</param>
    /// <param name="problems">Where problems are added.</param>
    public static GeoJsonRead Read(string path, string scenarioFile, List<ScenarioProblem> problems)
    {
        var zones = new List<ZoneDocument>();
        var file = GeoJsonFile.Open(path, scenarioFile, "zonesGeoJson", problems);
        var bad = file.BadPaths;
        var text = file.Text;
        if (file.Json is not { } json)
        {
            return new GeoJsonRead(zones, text, bad, true);
        }
        void Error(string location, string message, int? line = null, int? column = null) => file.Error(location, message, line, column);
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("", $"expected a GeoJSON FeatureCollection object {{ \"type\": \"FeatureCollection\", \"features\": [ ... ] }}, found {DocumentReader.Found(root)}", 1, 1);
                return new GeoJsonRead(zones, text, bad, true);
            }
            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                Error(root.TryGetProperty("features", out _) ? "features" : "",
                    type is not null && type != "FeatureCollection"
                        ? $"is a GeoJSON {type}; expected a FeatureCollection: {{ \"type\": \"FeatureCollection\", \"features\": [ one Polygon feature per zone ] }}"
                        : "expected a FeatureCollection with a 'features' list of Polygon features");
                return new GeoJsonRead(zones, text, bad, true);
            }
            if (features.GetArrayLength() > ScenarioLimits.MaxZones)
            {
                Error("features", $"has {ScenarioLimits.Count(features.GetArrayLength())} features; the limit is {ScenarioLimits.Count(ScenarioLimits.MaxZones)} zones (see the limits in the scenario format, section 6)");
                return new GeoJsonRead(zones, text, bad, true);
            }
            CheckCrs(root, path, problems);
            var i = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var zone = ReadFeature(feature, $"features[{i++}]", path, problems, bad, Error);
                if (zone is not null)
                {
                    zones.Add(zone);
                }
            }
        }
        return new GeoJsonRead(zones, text, bad, zones.Count == 0 && bad.Count > 0);
    }

    private static ZoneDocument? ReadFeature(
        JsonElement feature, string where, string path, List<ScenarioProblem> problems, HashSet<string> bad, Action<string, string, int?, int?> error)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            error(where, $"expected a Feature object {{ \"type\": \"Feature\", \"properties\": {{ ... }}, \"geometry\": {{ ... }} }}, found {DocumentReader.Found(feature)}", null, null);
            return null;
        }
        var zone = new ZoneDocument();
        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind != JsonValueKind.Null)
        {
            if (properties.ValueKind == JsonValueKind.Object)
            {
                var reader = new DocumentReader(problems, path) { OnlyLikelyTypos = true, Ignored = new HashSet<string> { "polygon" } };
                zone = reader.ReadObject<ZoneDocument>(properties, $"{where}.properties");
                zone.Polygon = null;
                bad.UnionWith(reader.BadPaths);
            }
            else
            {
                error($"{where}.properties", $"expected an object with the zone's fields (id, ratePerHour, ...), found {DocumentReader.Found(properties)}", null, null);
            }
        }
        zone.Origin = $"{where}.properties";
        zone.OriginFile = path;
        zone.PolygonOrigin = $"{where}.geometry.coordinates[0]";
        zone.Polygon = ReadPolygon(feature, where, error);
        return zone;
    }

    private static List<double[]>? ReadPolygon(JsonElement feature, string where, Action<string, string, int?, int?> error)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
        {
            error($"{where}.geometry", "missing; expected a Polygon geometry { \"type\": \"Polygon\", \"coordinates\": [[[x, y], ...]] }", null, null);
            return null;
        }
        if (geometry.ValueKind != JsonValueKind.Object)
        {
            error($"{where}.geometry", $"expected a Polygon geometry object, found {DocumentReader.Found(geometry)}", null, null);
            return null;
        }
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "Polygon")
        {
            error($"{where}.geometry", type switch
            {
                "MultiPolygon" => "is a MultiPolygon; only Polygon geometries are supported: split it into one Polygon feature per part",
                null => "has no geometry type; expected \"type\": \"Polygon\"",
                _ => $"is a {type}; expected a Polygon (a zone is an area)",
            }, null, null);
            return null;
        }
        if (!geometry.TryGetProperty("coordinates", out var rings) || rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            error($"{where}.geometry{(geometry.TryGetProperty("coordinates", out _) ? ".coordinates" : "")}",
                "expected coordinates: a list of rings, the first the outline [[x, y], ...] in metres", null, null);
            return null;
        }
        var ring = rings[0];
        var ringPath = $"{where}.geometry.coordinates[0]";
        if (ring.ValueKind != JsonValueKind.Array)
        {
            error(ringPath, $"expected the outline as a list of positions [[x, y], ...], found {DocumentReader.Found(ring)}", null, null);
            return null;
        }
        if (ring.GetArrayLength() > ScenarioLimits.MaxPolygonPoints)
        {
            error(ringPath, $"has {ScenarioLimits.Count(ring.GetArrayLength())} points; the limit is {ScenarioLimits.Count(ScenarioLimits.MaxPolygonPoints)} per polygon (see the limits in the scenario format, section 6)", null, null);
            return null;
        }
        var points = new List<double[]>();
        var k = 0;
        foreach (var position in ring.EnumerateArray())
        {
            var positionPath = $"{ringPath}[{k++}]";
            // A position is [x, y] or [x, y, altitude]; the altitude is ignored.
            if (position.ValueKind == JsonValueKind.Array && position.GetArrayLength() is 2 or 3
                && position.EnumerateArray().All(c => c.ValueKind == JsonValueKind.Number && c.TryGetDouble(out var v) && double.IsFinite(v)))
            {
                points.Add([position[0].GetDouble(), position[1].GetDouble()]);
            }
            else
            {
                error(positionPath, $"expected a position [x, y] (two numbers, metres east and north), found {DocumentReader.Found(position)}", null, null);
                points.Add([]);
            }
        }
        return points;
    }

    /// <summary>A legacy <c>crs</c> member naming longitude/latitude: the coordinates are read as metres all the same.</summary>
    private static void CheckCrs(JsonElement root, string path, List<ScenarioProblem> problems)
    {
        if (root.TryGetProperty("crs", out var crs) && crs.ValueKind == JsonValueKind.Object
            && crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            && GeographicCrs.Any(g => name.GetString()!.Contains(g, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(new ScenarioProblem(ProblemSeverity.Warning, "crs",
                $"the file declares the coordinate system '{name.GetString()}' (longitude/latitude in degrees), but zone coordinates are read as metres " +
                "on the scenario's local plane; convert them to metres") { File = path });
        }
    }
}
