using Dispatch.Bench;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Tests;

/// <summary>Big scenarios build their zone outlines on every core; problems are still found and reported in order.</summary>
public sealed class ScenarioBuildParallelTests
{
    [Fact]
    public void A_big_scenario_builds_the_same_shapes_as_zone_by_zone()
    {
        var document = SyntheticCity.Create(600, 40, 2, 3);
        var scenario = ScenarioBuilder.Build(document);
        Assert.Equal(600, scenario.Zones.Count);
        foreach (var zone in scenario.Zones)
        {
            var polygon = document.Zones![zone.Index].Polygon!;
            var alone = new Geometry.ZoneShape(polygon.Select(p => new Geometry.Point2(p[0], p[1])).ToList());
            Assert.Equal(alone.Area, zone.Shape.Area);
            Assert.Equal(alone.Centroid, zone.Shape.Centroid);
            Assert.Equal(alone.Ring, zone.Shape.Ring);
        }
    }

    [Fact]
    public void Bad_outlines_among_hundreds_of_good_ones_are_reported_with_their_paths_in_order()
    {
        var document = SyntheticCity.Create(600, 40, 2, 3);
        var zones = document.Zones!;
        zones[17].Polygon = [[0, 0], [2000, 2000], [2000, 0], [0, 2000]]; // edges cross
        zones[301].Polygon = [[0, 0], [1000, 0], [2000, 0]]; // on one line
        zones[598].Polygon = [[0, 0], [double.NaN, 0], [10, 10]];

        var problems = ScenarioBuilder.Check(document).Problems.Where(p => p.IsError && p.Location.StartsWith("zones[", StringComparison.Ordinal)).ToList();

        Assert.Equal(["zones[17].polygon[0]", "zones[301].polygon", "zones[598].polygon[1]"], problems.Select(p => p.Location).ToArray());
        Assert.Contains("not a simple polygon", problems[0].Message);
        Assert.Contains("zero area", problems[1].Message);
    }
}
