using Dispatch.Model.Geometry;

namespace Dispatch.Model.Loading;

/// <summary>Says where the outline of a polygon that is not simple crosses itself.</summary>
internal static class PolygonCrossing
{
    /// <summary>Names the edges of an invalid ring that meet at <paramref name="at"/>.</summary>
    public static (string Location, string Message) Describe(List<Point2> points, NetTopologySuite.Geometries.Coordinate? at, string path)
    {
        var n = points.Count;
        if (n > 3 && points[0] == points[^1])
        {
            n--; // the closing point repeats the first
        }
        var where = at is null ? "" : $" at ({ProblemSink.Num(at.X)}, {ProblemSink.Num(at.Y)})";
        if (at is null)
        {
            return (path, "is not a simple polygon (its edges cross); expected an outline whose edges do not cross");
        }
        var scale = points.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y)));
        var tolerance = Math.Max(1e-9, scale * 1e-9);
        var near = new List<int>();
        for (var k = 0; k < n; k++)
        {
            if (DistanceToSegment(at, points[k], points[(k + 1) % n]) <= tolerance)
            {
                near.Add(k);
            }
        }
        // Two edges that are not neighbours along the ring (neighbours always share a point).
        foreach (var a in near)
        {
            foreach (var b in near)
            {
                if (b > a && b != a + 1 && !(a == 0 && b == n - 1))
                {
                    return ($"{path}[{a}]",
                        $"is not a simple polygon: the edge from point {a} to point {(a + 1) % n} and the edge from point {b} to point {(b + 1) % n} cross{where}; " +
                        "expected an outline whose edges do not cross (points in order around the area)");
                }
            }
        }
        var first = near.Count > 0 ? near[0] : 0;
        return ($"{path}[{first}]", $"is not a simple polygon: its outline touches or crosses itself{where}, near point {first}; expected an outline whose edges do not cross");
    }

    private static double DistanceToSegment(NetTopologySuite.Geometries.Coordinate c, Point2 a, Point2 b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = dx * dx + dy * dy;
        var t = length == 0 ? 0 : Math.Clamp(((c.X - a.X) * dx + (c.Y - a.Y) * dy) / length, 0, 1);
        var (px, py) = (a.X + t * dx - c.X, a.Y + t * dy - c.Y);
        return Math.Sqrt(px * px + py * py);
    }
}
