using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using static Dispatch.Model.Tests.Roads.RoadKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Roads;

/// <summary>The checks of the <c>roads</c> section: each names where the problem is.</summary>
public class RoadValidationTests
{
    private static IReadOnlyList<ScenarioProblem> Problems(RoadsDocument roads, List<UnitDocument>? units = null, List<IncidentTypeDocument>? types = null)
    {
        var document = Document(zones: [Zone("Z", 1000, 1000, 50, 1)], units: units ?? [Unit("car", "car")], types: types);
        document.Roads = roads;
        return ScenarioBuilder.Check(document).Problems;
    }

    [Fact]
    public void A_disconnected_island_is_an_error_naming_the_part()
    {
        var problems = Problems(RoadsOf(
            Line("main", 0, 0, 1000, 0), Line("up", 1000, 0, 1000, 1000),
            Line("island-a", 5000, 5000, 5500, 5000), Line("island-b", 5500, 5000, 5500, 5500)));
        var error = Assert.Single(problems, p => p.IsError);
        Assert.Equal("roads.lines[2]", error.Location);
        Assert.Contains("road part 2 of 2", error.Message);
        Assert.Contains("'island-a', 'island-b'", error.Message);
    }

    [Fact]
    public void A_zone_no_capable_unit_can_reach_is_reported()
    {
        // The only road to the zone at (1000, 1000) is one-way out of it: the car from (0, 0) cannot get there.
        var problems = Problems(RoadsOf(Line("main", 0, 0, 1000, 0), Line("exit", 1000, 1000, 1000, 0, oneWay: true)));
        var error = Assert.Single(problems, p => p.IsError);
        Assert.Equal("zones[0]", error.Location);
        Assert.Contains("cannot be reached on the roads by any unit able to attend 'T'", error.Message);
        Assert.DoesNotContain(Problems(RoadsOf(Line("main", 0, 0, 1000, 0), Line("exit", 1000, 0, 1000, 1000, oneWay: true))), p => p.IsError);
    }

    [Fact]
    public void Places_far_from_every_road_are_warned_about()
    {
        var problems = Problems(RoadsOf(Line("far", 3000, 3000, 4000, 3000)));
        Assert.Contains(problems, p => !p.IsError && p.Location == "zones[0]" && p.Message.Contains("m from the nearest road"));
        Assert.Contains(problems, p => !p.IsError && p.Location == "stations[0].location");
    }

    [Fact]
    public void Longitude_and_latitude_are_an_error()
    {
        var problems = Problems(RoadsOf(new RoadLineDocument { Id = "r", Points = [[113.08, 22.58], [113.09, 22.59]] }));
        var error = Assert.Single(problems, p => p.IsError);
        Assert.Equal("roads.lines[0]", error.Location);
        Assert.Contains("longitude/latitude", error.Message);
    }

    [Fact]
    public void Unknown_classes_and_modes_and_short_lines_are_errors_with_their_paths()
    {
        var roads = new RoadsDocument
        {
            Classes = new() { ["street"] = new() { ["car"] = 30, ["bike"] = 12 } },
            Lines =
            [
                new RoadLineDocument { Points = [[0, 0], [100, 0]], Class = "stret" },
                new RoadLineDocument { Points = [[0, 0]] },
                new RoadLineDocument { Points = [[0, 0], [0, 100]], Modes = ["car", "walk"] },
            ],
            Noding = "ends",
        };
        var errors = Problems(roads).Where(p => p.IsError).Select(p => p.Location).ToList();
        Assert.Contains("roads.classes.street.bike", errors);
        Assert.Contains("roads.noding", errors);
        Assert.Contains("roads.lines[0].class", errors);
        Assert.Contains("roads.lines[1].points", errors);
        Assert.Contains("roads.lines[2].modes", errors);
    }

    [Fact]
    public void A_GeoJSON_roads_file_is_read_with_its_locations()
    {
        var dir = Directory.CreateTempSubdirectory("roads-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "roads.geojson"), """
                { "type": "FeatureCollection", "features": [
                  { "type": "Feature", "properties": { "id": "a" }, "geometry": { "type": "LineString", "coordinates": [[0, 0], [1000, 0], [1000, 1000]] } },
                  { "type": "Feature", "properties": { "id": "b" },
                    "geometry": { "type": "LineString", "coordinates": [[5000, 5000], [5100, 5000]] } }
                ] }
                """);
            var document = Document(zones: [Zone("Z", 1000, 1000, 50, 1)], units: [Unit("car", "car")]);
            document.Roads = new RoadsDocument { GeoJson = "roads.geojson" };
            var json = System.Text.Json.JsonSerializer.Serialize(document, ScenarioJson.Options);
            var validation = ScenarioValidator.ValidateText(json, "s.json", dir);
            var error = Assert.Single(validation.Problems, p => p.IsError);
            Assert.Equal(Path.Combine(dir, "roads.geojson"), error.File);
            Assert.Equal("features[1].properties", error.Location);
            Assert.Equal(3, error.Line);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
