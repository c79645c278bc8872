using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Tests.Roads;

/// <summary>Road lines for the tests: straight polylines with a vertex every <c>step</c> metres.</summary>
internal static class RoadKit
{
    /// <summary>A line from (x0, y0) to (x1, y1) with vertices every <paramref name="step"/> metres (or fewer, evenly spaced).</summary>
    public static RoadLineDocument Line(string id, double x0, double y0, double x1, double y1, double step = 100,
        bool oneWay = false, List<string>? modes = null)
    {
        var length = Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
        var n = Math.Max(1, (int)Math.Ceiling(length / step - 1e-9));
        var points = Enumerable.Range(0, n + 1).Select(k => new[] { x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n }).ToList();
        return new RoadLineDocument { Id = id, Points = points, OneWay = oneWay ? true : null, Modes = modes };
    }

    /// <summary>A square grid of roads over [0, size]^2 with lines every <paramref name="spacing"/> metres (each row and column one line).</summary>
    public static List<RoadLineDocument> Grid(double size, double spacing)
    {
        var n = (int)Math.Round(size / spacing);
        var lines = new List<RoadLineDocument>();
        for (var k = 0; k <= n; k++)
        {
            lines.Add(Line($"row{k}", 0, k * spacing, size, k * spacing, spacing));
            lines.Add(Line($"col{k}", k * spacing, 0, k * spacing, size, spacing));
        }
        return lines;
    }

    /// <summary>The roads section: the lines, with every mode at its own speed (no classes).</summary>
    public static RoadsDocument RoadsOf(params RoadLineDocument[] lines) => new() { Lines = [.. lines] };
}
