using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Travel;
using static Dispatch.Model.Tests.Roads.RoadKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Roads;

/// <summary>Road distance against straight-line distance, where theory gives the ratio.</summary>
public class RoadDistanceTests
{
    /// <summary>A car at 60 km/h (1000 m/min) with detour factor 1, so that minutes x 1000 are metres on and off road.</summary>
    private static (Scenario Scenario, UnitSpec Car) OnRoads(RoadsDocument roads, double cx, double cy)
    {
        var document = Document(
            zones: [Zone("Z", cx, cy, 100, 1)],
            units: [Unit("car", "car")],
            stations: [Station("S", cx, cy)],
            modes: new() { ["car"] = new ModeDocument { SpeedKmh = 60, DetourFactor = 1 } });
        document.Roads = roads;
        var scenario = Build(document);
        return (scenario, scenario.Units[0]);
    }

    /// <summary>
    /// On a square grid the road distance between two nodes is the Manhattan distance, and for a
    /// direction uniform on the circle E[|cos t| + |sin t|] = 4/pi = 1.2732. Pairs at 2 km in
    /// stratified directions (sampling error O(1/n), far below the tolerance) on a 25 m grid: the
    /// trips add the walk to and from the nearest node (0.38 h on average at each end, h the
    /// spacing: 0.77 h = 19 m, ratio +0.0096), and rounding the ends to nodes moves the Manhattan
    /// distance by less than h with mean zero; so |mean - 4/pi| &lt;= h / 2 km = 0.0125. A 100 m
    /// grid must be further off than the 25 m one in the same way (+0.038 expected): it converges.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void On_a_fine_square_grid_the_mean_ratio_of_road_to_straight_distance_tends_to_4_over_pi()
    {
        var fine = MeanRatio(25);
        var coarse = MeanRatio(100);
        Assert.InRange(fine, 4 / Math.PI, 4 / Math.PI + 25 / 2000.0);
        Assert.True(coarse - 4 / Math.PI > fine - 4 / Math.PI, $"coarse {coarse}, fine {fine}");
    }

    private static double MeanRatio(double spacing)
    {
        var (scenario, car) = OnRoads(new RoadsDocument { Lines = Grid(5000, spacing) }, 2500, 2500);
        var travel = new RoadTravel(scenario.Roads!);
        var random = new Random(2026);
        const int n = 400;
        const double r = 2000;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var rho = 200 * Math.Sqrt(random.NextDouble());
            var phi = 2 * Math.PI * random.NextDouble();
            var a = new Point2(2500 + rho * Math.Cos(phi), 2500 + rho * Math.Sin(phi));
            var theta = 2 * Math.PI * (i + random.NextDouble()) / n;
            var b = new Point2(a.X + r * Math.Cos(theta), a.Y + r * Math.Sin(theta));
            sum += travel.Minutes(car, a, b) * 1000 / r;
        }
        return sum / n;
    }

    /// <summary>
    /// On one straight road (a vertex every 10 m) the trip between two points on it is the
    /// distance between them, up to the walks to the nearest vertices (at most 5 m each, walked
    /// there and, in the worst case, back along the road): never below 1 (the triangle inequality),
    /// at most 1 + 20 m / the distance, and exactly 1 between vertices.
    /// </summary>
    [Fact]
    public void On_a_single_straight_road_the_ratio_is_one()
    {
        var (scenario, car) = OnRoads(RoadsOf(Line("road", 0, 0, 10_000, 0, step: 10)), 0, 0);
        var travel = new RoadTravel(scenario.Roads!);
        Assert.Equal(7_000, travel.Minutes(car, new Point2(1_000, 0), new Point2(8_000, 0)) * 1000, 6);
        Assert.Equal(7_000, travel.Minutes(car, new Point2(8_000, 0), new Point2(1_000, 0)) * 1000, 6);
        var random = new Random(7);
        var sum = 0.0;
        const int n = 200;
        for (var i = 0; i < n; i++)
        {
            var x = 10_000 * random.NextDouble();
            var y = 10_000 * random.NextDouble();
            if (Math.Abs(x - y) < 1_000)
            {
                i--;
                continue;
            }
            var ratio = travel.Minutes(car, new Point2(x, 0), new Point2(y, 0)) * 1000 / Math.Abs(x - y);
            Assert.InRange(ratio, 1 - 1e-12, 1 + 20 / Math.Abs(x - y) + 1e-12);
            sum += ratio;
        }
        Assert.InRange(sum / n, 1 - 1e-12, 1.02);
    }

    [Fact]
    public void A_route_follows_the_roads_and_ends_at_the_trip_s_minutes()
    {
        // An L: east 1000 m, then north 1000 m. From (0, 0) to (1000, 1000): 2000 m at 1000 m/min.
        var (scenario, car) = OnRoads(RoadsOf(Line("east", 0, 0, 1000, 0), Line("north", 1000, 0, 1000, 1000)), 0, 0);
        var travel = new RoadTravel(scenario.Roads!);
        var route = travel.Route(car, new Point2(0, 0), new Point2(1000, 1000))!;
        Assert.Equal(2.0, route.TotalMinutes, 9);
        Assert.Equal(travel.Minutes(car, new Point2(0, 0), new Point2(1000, 1000)), route.TotalMinutes);
        Assert.Equal(1000, route.At(1.0).X, 9);
        Assert.Equal(0, route.At(1.0).Y, 9);
        Assert.Equal(500, route.At(0.5).X, 9);
        Assert.Equal(0, route.At(0.5).Y, 9);
        Assert.Equal(500, route.At(1.5).Y, 9);
        Assert.Null(StraightLineTravel.Instance.Route(car, new Point2(0, 0), new Point2(1000, 1000)));
    }
}
