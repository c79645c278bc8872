using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using Xunit.Abstractions;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Theory;

/// <summary>
/// Spatial check of dispatch: with N units placed uniformly at random in an area A, the
/// straight-line distance from a uniformly random incident to the unit the dispatch policy sends
/// (the nearest, all units being free and alike) has mean
/// <c>E[D] = (sqrt(A) / 2) Gamma(N + 1) / Gamma(N + 3/2) = 0.5 sqrt(A / N) (1 - 3/(8N) + ...)</c>,
/// which approaches 0.5 sqrt(A / N) (the Poisson value) as N grows: P(D > r) = (1 - pi r^2 / A)^N.
/// Edge effects: units fill the square, incidents are drawn only in an inner square whose margin
/// is 3.5 sqrt(A / N), so the disc around an incident that holds its nearest unit lies inside the
/// square except with probability exp(-pi 3.5^2) = 2e-17. Units are placed by the model (posts of
/// a scenario), incidents drawn with <see cref="ZoneShape.SamplePoint"/> and its random streams, the
/// unit chosen by <see cref="NearestAvailableDispatch"/>.
/// </summary>
public class SpatialNearestUnitTests(ITestOutputHelper output)
{
    private const double Side = 10_000; // metres: A = 100 km2

    /// <summary>The same with 1,000 units (several seconds, so in the Slow category).</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(1000)]
    public void Mean_distance_to_the_nearest_unit_with_many_units(int units) =>
        Mean_distance_to_the_nearest_unit_is_half_the_root_of_area_per_unit(units);

    [Theory]
    [InlineData(250)]
    public void Mean_distance_to_the_nearest_unit_is_half_the_root_of_area_per_unit(int units)
    {
        var area = Side * Side;
        var margin = 3.5 * Math.Sqrt(area / units);
        var inner = new ZoneShape(Square(Side / 2, Side / 2, Side - 2 * margin).Select(p => new Point2(p[0], p[1])).ToList());
        var means = new List<double>();
        for (var placement = 0; placement < 20; placement++)
        {
            var streams = new StreamFactory(2024, placement);
            var posts = streams.Create("posts");
            var scenario = Build(Document(
                zones: [Zone("city", Side / 2, Side / 2, Side, 0)],
                units: [.. Enumerable.Range(0, units).Select(k => Unit($"u{k}", "car", post: [posts.NextDouble() * Side, posts.NextDouble() * Side]))],
                stations: [Station("S", Side / 2, Side / 2)]));
            var sim = new Simulator(scenario, 1, placement, days: 1); // every unit on duty, free, at its post
            var policy = new NearestAvailableDispatch(scenario.Dispatch);
            var type = scenario.IncidentTypes[0];
            var incidents = streams.Create("incidents");
            var sum = 0.0;
            const int queries = 2000;
            for (var q = 0; q < queries; q++)
            {
                var at = inner.SamplePoint(incidents);
                var incident = new IncidentRecord { Id = q, Zone = 0, Type = 0, Priority = type.Priority, Location = at, CreatedAt = 0, OnSceneDuration = 1 };
                var chosen = policy.ChooseUnit(incident, type, sim.Units, 0);
                var distance = sim.Units[chosen].PositionAt(0).DistanceTo(at);
                if (q < 200)
                {
                    // The policy's choice is the nearest unit.
                    Assert.Equal(sim.Units.Min(u => u.PositionAt(0).DistanceTo(at)), distance);
                }
                sum += distance;
            }
            means.Add(sum / queries);
        }
        // E[D] exactly for N uniform points: (sqrt(A)/2) Gamma(N+1)/Gamma(N+3/2), by the recurrence
        // g(0) = Gamma(1)/Gamma(3/2) = 2/sqrt(pi), g(n) = g(n-1) n / (n + 1/2).
        var g = 2 / Math.Sqrt(Math.PI);
        for (var n = 1; n <= units; n++)
        {
            g *= n / (n + 0.5);
        }
        var exact = Math.Sqrt(area) / 2 * g;
        var limit = 0.5 * Math.Sqrt(area / units);
        output.WriteLine($"N = {units}: exact finite-N mean {exact:0.###} m, 0.5 sqrt(A/N) = {limit:0.###} m (ratio {exact / limit:0.#####}); {means.Count} placements x 2000 incidents");
        TheoryKit.AssertAll(output,
            TheoryKit.Compare($"N = {units} units in 100 km2", "mean distance to nearest (m)", exact, means),
            TheoryKit.Compare($"N = {units} units in 100 km2", "(limit 0.5 sqrt(A/N), m)", limit, means));
    }
}
