using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using static Dispatch.Model.Tests.ValidationTestKit;

namespace Dispatch.Model.Tests;

/// <summary>A GeoJSON zones file that is missing, unreadable or wrong never crashes; its problems come with the scenario's.</summary>
public sealed class ValidationGeoJsonTests
{
    private static (string Scenario, string GeoJson) Write(string geoJson, string? scenario = null)
    {
        var dir = TempDir();
        var scenarioPath = Path.Combine(dir, "s.json");
        var geoPath = Path.Combine(dir, "zones.geojson");
        File.WriteAllText(scenarioPath, scenario ?? With("\"days\": 2,", "\"days\": 2, \"zonesGeoJson\": \"zones.geojson\","));
        File.WriteAllText(geoPath, geoJson);
        return (scenarioPath, geoPath);
    }

    private static string Feature(string properties, string geometry) =>
        $$"""{ "type": "Feature", "properties": {{properties}}, "geometry": {{geometry}} }""";

    private const string Square = """{ "type": "Polygon", "coordinates": [[[100, 100], [200, 100], [200, 200], [100, 200], [100, 100]]] }""";

    private static string Collection(params string[] features) =>
        "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    " + string.Join(",\n    ", features) + "\n  ]\n}\n";

    [Fact]
    public void A_valid_GeoJSON_file_adds_its_zones()
    {
        var (scenario, _) = Write(Collection(Feature("""{ "id": "park", "kind": "residential", "ratePerHour": 0.1 }""", Square)));
        var v = ScenarioValidator.ValidateFile(scenario);
        Assert.True(v.IsValid, string.Join("\n", v.Problems));
        Assert.Equal(["town", "park"], v.Scenario!.Zones.Select(z => z.Id));
    }

    [Fact]
    public void A_missing_GeoJSON_file_is_reported_in_the_scenario_file_at_zonesGeoJson()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "s.json");
        File.WriteAllText(path, With("\"days\": 2,", "\"days\": 2, \"zonesGeoJson\": \"nowhere.geojson\",").Replace("\"mean\": 30", "\"mean\": 0"));
        var v = ScenarioValidator.ValidateFile(path);
        var p = Error(v, "zonesGeoJson", "GeoJSON file", "nowhere.geojson", "file not found");
        Assert.Equal((path, 4), (p.File, p.Line));
        Error(v, "incidentTypes[0].onScene.mean", "is 0"); // reported together with the scenario's own problems
    }

    [Fact]
    public void A_GeoJSON_path_that_is_a_folder_is_reported()
    {
        var dir = TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "zones.geojson"));
        var path = Path.Combine(dir, "s.json");
        File.WriteAllText(path, With("\"days\": 2,", "\"days\": 2, \"zonesGeoJson\": \"zones.geojson\","));
        Error(ScenarioValidator.ValidateFile(path), "zonesGeoJson", "is a folder; expected a file");
    }

    [Fact]
    public void Malformed_GeoJSON_gives_its_file_line_and_column()
    {
        var (scenario, geo) = Write("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [ { \"type\": \"Feature\" ]\n}\n");
        var v = ScenarioValidator.ValidateFile(scenario);
        var p = Assert.Single(v.Problems);
        Assert.Equal((geo, 3), (p.File, p.Line));
        Assert.Contains("malformed GeoJSON", p.Message);
        AssertPlain(p);
    }

    [Fact]
    public void Wrong_types_and_malformed_coordinates_in_features_are_reported_together_without_crashing()
    {
        var (scenario, geo) = Write(Collection(
                Feature("""{ "id": "a", "ratePerHour": "lots", "typeMix": { "call": "all" } }""", Square),
                Feature("""{ "id": "b", "ratePerHour": 0.1 }""", """{ "type": "Polygon", "coordinates": [[[0, 0], [100], [100, "x"], [0, 100]]] }"""),
                Feature("""{ "id": "c", "ratePerHour": 0.1 }""", """{ "type": "MultiPolygon", "coordinates": [] }"""),
                Feature("""{ "id": "d", "ratePerHour": 0.1 }""", """{ "type": "Polygon", "coordinates": "none" }"""),
                Feature("""["not", "an", "object"]""", Square),
                "42"),
            With("\"days\": 2,", "\"days\": \"x\", \"zonesGeoJson\": \"zones.geojson\","));
        var v = ScenarioValidator.ValidateFile(scenario);
        Error(v, "days", "expected a whole number"); // the scenario file's own problem, in the same list
        var inGeo = v.Problems.Where(p => p.File == geo).ToList();
        Assert.Contains(inGeo, p => p.Location == "features[0].properties.ratePerHour" && p.Message.Contains("expected a number, found the text \"lots\"") && p.Line == 4);
        Assert.Contains(inGeo, p => p.Location == "features[0].properties.typeMix.call" && p.Message.Contains("expected a number"));
        Assert.Contains(inGeo, p => p.Location == "features[1].geometry.coordinates[0][1]" && p.Message.Contains("expected a position [x, y]") && p.Line == 5);
        Assert.Contains(inGeo, p => p.Location == "features[1].geometry.coordinates[0][2]");
        Assert.Contains(inGeo, p => p.Location == "features[2].geometry" && p.Message.Contains("MultiPolygon"));
        Assert.Contains(inGeo, p => p.Location == "features[3].geometry.coordinates");
        Assert.Contains(inGeo, p => p.Location == "features[4].properties" && p.Message.Contains("expected an object"));
        Assert.Contains(inGeo, p => p.Location == "features[5]" && p.Message.Contains("expected a Feature object"));
        Assert.All(v.Problems, AssertPlain);
        Assert.False(v.IsValid);
    }

    [Fact]
    public void Content_problems_of_GeoJSON_zones_point_into_the_GeoJSON_file()
    {
        var (scenario, geo) = Write(Collection(
            Feature("""{ "id": "a", "ratePerHour": -1, "rateperhour": 1, "NAME_EN": "Park" }""", Square),
            Feature("""{ "id": "b", "ratePerHour": 0.1 }""", """{ "type": "Polygon", "coordinates": [[[0, 0], [100, 100], [100, 0], [0, 100]]] }""")));
        var v = ScenarioValidator.ValidateFile(scenario);
        var rate = Error(v, "features[0].properties.ratePerHour", "is -1");
        Assert.Equal((geo, 4), (rate.File, rate.Line));
        var crossing = Error(v, "features[1].geometry.coordinates[0][0]", "not a simple polygon");
        Assert.Equal((geo, 5), (crossing.File, crossing.Line));
        // Extra properties from GIS tools are not reported; a likely typo is.
        Warning(v, "features[0].properties.rateperhour", "did you mean 'ratePerHour'?");
        Assert.DoesNotContain(v.Problems, p => p.Location.Contains("NAME_EN"));
    }

    [Fact]
    public void A_FeatureCollection_is_required()
    {
        var (scenario, geo) = Write("""{ "type": "Feature", "properties": {}, "geometry": null }""");
        var p = Error(ScenarioValidator.ValidateFile(scenario), "", "is a GeoJSON Feature; expected a FeatureCollection");
        Assert.Equal(geo, p.File);
    }

    [Fact]
    public void A_crs_in_degrees_is_a_warning_and_degree_coordinates_an_error()
    {
        var collection = """
            { "type": "FeatureCollection",
              "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
              "features": [ { "type": "Feature", "properties": { "id": "p", "ratePerHour": 0.1 },
                "geometry": { "type": "Polygon", "coordinates": [[[113.08, 22.57], [113.09, 22.57], [113.09, 22.58], [113.08, 22.57]]] } } ] }
            """;
        var (scenario, geo) = Write(collection);
        var v = ScenarioValidator.ValidateFile(scenario);
        Assert.Equal((geo, 2), (Warning(v, "crs", "longitude/latitude in degrees", "read as metres").File, Warning(v, "crs").Line));
        var p = Error(v, "features[0].geometry.coordinates[0]", "coordinates look like longitude/latitude");
        Assert.Equal(geo, p.File);
    }
}
