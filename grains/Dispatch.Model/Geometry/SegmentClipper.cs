namespace Dispatch.Model.Geometry;

/// <summary>
/// Where a straight segment runs inside a polygon, as fractions of its length: the exact
/// "segment-in-polygon" of a unit's path, used for presence while moving. Works on the polygon's
/// ring directly (edge crossings, then a midpoint test per piece), which is much faster than a
/// general overlay and exact for simple polygons.
/// </summary>
public static class SegmentClipper
{
    /// <summary>
    /// Crossings are taken as clean, so that the pieces between them alternate in and out, only
    /// when no corner of the ring lies within this many metres of the segment's line and the cuts
    /// (0, 1 and the crossings) are at least <see cref="CleanGapMetres"/> apart: every crossing
    /// is then a transversal one through the inside of an edge, and every piece's midpoint lies
    /// so far from the boundary (at least about 1e-8 m for edges up to 100 km) that the exact
    /// midpoint test, on the rounded midpoint, cannot answer otherwise than the alternation.
    /// </summary>
    private const double CleanCornerMetres = 1e-3;

    /// <summary>The least distance between two cuts for the alternation (see <see cref="CleanCornerMetres"/>).</summary>
    private const double CleanGapMetres = 1;

    /// <summary>
    /// As <see cref="InsideIntervals(Point2, Point2, IReadOnlyList{Point2}, Func{Point2, bool})"/>
    /// for a zone's own ring (the simulation's hot path): the same arithmetic in the same order,
    /// with the cuts on the stack instead of in a list, into the caller's <paramref name="result"/>
    /// (cleared first); <paramref name="box"/> is the ring's bounding box. The midpoint test is made for the first piece only when the crossings are
    /// clean (see <see cref="CleanCornerMetres"/>): each further piece is then the opposite of the
    /// one before, which is exactly what the test would answer; otherwise every piece is tested.
    /// </summary>
    internal static void InsideIntervals(Point2 a, Point2 b, ReadOnlySpan<Point2> ring, in BoundingBox box, ZoneShape shape, List<(double From, double To)> result)
    {
        result.Clear();
        Span<double> cuts = ring.Length <= 62 ? stackalloc double[ring.Length + 2] : new double[ring.Length + 2];
        cuts[0] = 0;
        cuts[1] = 1;
        var count = 2;
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        // A corner p lies within CleanCornerMetres of the line a->b when |(p - a) x (b - a)| is
        // below CleanCornerMetres x |b - a|; compared squared, without the square root.
        var lengthSquared = dx * dx + dy * dy;
        var cornerLimit = CleanCornerMetres * CleanCornerMetres * lengthSquared;
        var clean = true;
        for (var i = 0; i < ring.Length; i++)
        {
            var p = ring[i];
            var side = (p.X - a.X) * dy - (p.Y - a.Y) * dx;
            if (side * side < cornerLimit)
            {
                clean = false;
            }
            var q = ring[i + 1 == ring.Length ? 0 : i + 1];
            var ex = q.X - p.X;
            var ey = q.Y - p.Y;
            var denominator = dx * ey - dy * ex;
            if (Math.Abs(denominator) < 1e-12)
            {
                clean = false;
                continue;
            }
            var along = (p.X - a.X) * ey - (p.Y - a.Y) * ex;
            // t = along / denominator lies in (0, 1) only if along is not 0, has the denominator's
            // sign and is smaller in size (division rounds monotonically): most edges are
            // rejected here without the two divisions.
            if (along == 0 || (along < 0) != (denominator < 0) || Math.Abs(along) >= Math.Abs(denominator))
            {
                continue;
            }
            var t = along / denominator;
            var u = side / denominator; // ((p.X - a.X) * dy - (p.Y - a.Y) * dx) / denominator
            if (t > 0 && t < 1 && u >= 0 && u <= 1)
            {
                cuts[count++] = t;
            }
        }
        cuts = cuts[..count];
        // A handful of cuts (0, 1 and the crossings), none NaN.
        SmallSort.Insertion(cuts);
        if (clean)
        {
            // Gaps compared squared in metres: (gap x length)^2 against CleanGapMetres^2.
            var gapLimit = CleanGapMetres * CleanGapMetres;
            for (var k = 0; k + 1 < cuts.Length; k++)
            {
                var gap = cuts[k + 1] - cuts[k];
                if (gap * gap * lengthSquared < gapLimit)
                {
                    clean = false;
                    break;
                }
            }
        }
        // With clean crossings, an end of the segment more than CleanGapMetres outside the ring's
        // bounding box is outside, and so is the piece next to it (every crossing lies at least
        // that far from it, and is a cut): the first piece is then known without the test, from
        // the alternation when it is the last piece that is known.
        var known = false;
        var inside = false;
        if (clean)
        {
            if (box.IsFarOutside(a, CleanGapMetres))
            {
                known = true;
            }
            else if (box.IsFarOutside(b, CleanGapMetres))
            {
                known = true;
                inside = cuts.Length % 2 == 1; // the last piece, cuts.Length - 2, is outside
            }
        }
        for (var k = 0; k + 1 < cuts.Length; k++)
        {
            var from = cuts[k];
            var to = cuts[k + 1];
            if (to - from < 1e-12)
            {
                continue;
            }
            if (clean && k > 0)
            {
                inside = !inside;
            }
            else if (!known)
            {
                var mid = (from + to) / 2;
                inside = shape.Contains(new Point2(a.X + dx * mid, a.Y + dy * mid));
            }
            if (inside)
            {
                if (result.Count > 0 && Math.Abs(result[^1].Item2 - from) < 1e-12)
                {
                    result[^1] = (result[^1].Item1, to);
                }
                else
                {
                    result.Add((from, to));
                }
            }
        }
    }

    /// <summary>Intervals [from, to] (0..1 along a->b) where the segment is inside the ring.</summary>
    public static List<(double From, double To)> InsideIntervals(Point2 a, Point2 b, IReadOnlyList<Point2> ring, Func<Point2, bool> contains)
    {
        var cuts = new List<double> { 0, 1 };
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        for (var i = 0; i < ring.Count; i++)
        {
            var p = ring[i];
            var q = ring[(i + 1) % ring.Count];
            var ex = q.X - p.X;
            var ey = q.Y - p.Y;
            var denominator = dx * ey - dy * ex;
            if (Math.Abs(denominator) < 1e-12)
            {
                continue; // parallel: touching along an edge adds no crossing
            }
            var t = ((p.X - a.X) * ey - (p.Y - a.Y) * ex) / denominator;
            var u = ((p.X - a.X) * dy - (p.Y - a.Y) * dx) / denominator;
            if (t > 0 && t < 1 && u >= 0 && u <= 1)
            {
                cuts.Add(t);
            }
        }
        cuts.Sort();
        var result = new List<(double, double)>();
        for (var k = 0; k + 1 < cuts.Count; k++)
        {
            var from = cuts[k];
            var to = cuts[k + 1];
            if (to - from < 1e-12)
            {
                continue;
            }
            var mid = (from + to) / 2;
            if (contains(new Point2(a.X + dx * mid, a.Y + dy * mid)))
            {
                if (result.Count > 0 && Math.Abs(result[^1].Item2 - from) < 1e-12)
                {
                    result[^1] = (result[^1].Item1, to);
                }
                else
                {
                    result.Add((from, to));
                }
            }
        }
        return result;
    }
}
