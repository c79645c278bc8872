using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;
using NetTopologySuite.Operation.Valid;

namespace Dispatch.Model.Loading;

/// <summary>Zone outlines: the plain ones built directly, the others checked one by one with a plain message.</summary>
internal sealed class ZoneShapes(ProblemSink sink) : SectionBuilder(sink)
{
    /// <summary>
    /// The shapes of the zones whose polygons are plain (see <see cref="PlainShape"/>), one by one
    /// on the caller's thread (a silo builds scenarios inside grain turns, which start no threads).
    /// Null where a polygon is not plain; <see cref="Build"/> then goes through it in order and says
    /// what is wrong.
    /// </summary>
    public static ZoneShape?[] PlainShapes(List<ZoneDocument> zones)
    {
        var shapes = new ZoneShape?[zones.Count];
        for (var i = 0; i < zones.Count; i++)
        {
            shapes[i] = PlainShape(zones[i]?.Polygon);
        }
        return shapes;
    }

    /// <summary>
    /// The shape of a polygon that passes every check of <see cref="Build"/> (at least 3
    /// different points, each two finite numbers within the coordinate limit, not all on one line,
    /// a simple ring, a positive area), else null. Pure, so it can run on any thread.
    /// </summary>
    private static ZoneShape? PlainShape(List<double[]>? polygon)
    {
        if (polygon is not { Count: >= 3 })
        {
            return null;
        }
        var points = new List<Point2>(polygon.Count);
        foreach (var xy in polygon)
        {
            if (!IsPlainPoint(xy))
            {
                return null;
            }
            points.Add(new Point2(xy[0], xy[1]));
        }
        if (DifferentPoints(points) < 3 || Collinear(points))
        {
            return null;
        }
        ZoneShape shape;
        try
        {
            shape = new ZoneShape(points);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var simple = shape.IsCertainlySimple() || new IsValidOp(shape.Polygon).ValidationError is null;
        return simple && shape.Area > 0 ? shape : null;
    }

    /// <summary>The shape of a polygon, or null after reporting what is wrong with it (in the order a reader would fix it).</summary>
    public ZoneShape? Build(List<double[]>? polygon, string path)
    {
        if (polygon is null)
        {
            Error(path, "missing; expected at least 3 points [x, y] in metres");
            return null;
        }
        if (polygon.Count < 3)
        {
            Error(path, $"has {polygon.Count} point(s); a polygon needs at least 3 points [x, y] in metres");
            return null;
        }
        var points = new List<Point2>();
        var ok = true;
        for (var k = 0; k < polygon.Count; k++)
        {
            var point = ParsePoint(polygon[k], path, k);
            ok &= point is not null;
            points.Add(point ?? default);
        }
        if (!ok)
        {
            return null;
        }
        if (DifferentPoints(points) < 3)
        {
            Error(path, $"has only {DifferentPoints(points)} different point(s); a polygon needs at least 3");
            return null;
        }
        ZoneShape shape;
        try
        {
            shape = new ZoneShape(points);
        }
        catch (ArgumentException e)
        {
            Error(path, $"is not a valid polygon ({e.Message})");
            return null;
        }
        if (Collinear(points))
        {
            Error(path, "has zero area (all its points lie on one line); expected the outline of an area");
            return null;
        }
        // A small ring that is certainly simple needs no IsValidOp (about a third of the build).
        var validity = shape.IsCertainlySimple() ? null : new IsValidOp(shape.Polygon).ValidationError;
        if (validity is not null)
        {
            var (where, message) = PolygonCrossing.Describe(points, validity.Coordinate, path);
            Error(where, message);
            return null;
        }
        if (!(shape.Area > 0))
        {
            Error(path, "has zero area; expected the outline of an area");
            return null;
        }
        return shape;
    }

    /// <summary>How many different points there are (as <c>points.Distinct().Count()</c>), but at most 3: enough to tell a polygon.</summary>
    private static int DifferentPoints(List<Point2> points)
    {
        Span<Point2> seen = stackalloc Point2[3];
        var count = 0;
        foreach (var p in points)
        {
            if (!seen[..count].Contains(p))
            {
                seen[count++] = p;
                if (count == 3)
                {
                    break;
                }
            }
        }
        return count;
    }

    private static bool Collinear(List<Point2> points)
    {
        var a = points[0];
        var b = default(Point2);
        foreach (var p in points)
        {
            if (p != a)
            {
                b = p;
                break;
            }
        }
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        foreach (var p in points)
        {
            var (ex, ey) = (p.X - a.X, p.Y - a.Y);
            var other = Math.Sqrt(ex * ex + ey * ey);
            if (!(other == 0 || Math.Abs(dx * ey - dy * ex) <= 1e-12 * length * other))
            {
                return false;
            }
        }
        return true;
    }

}
