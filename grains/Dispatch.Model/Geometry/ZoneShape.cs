using System.Runtime.CompilerServices;
using Dispatch.Model.Randomness;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace Dispatch.Model.Geometry;

/// <summary>
/// A zone's polygon (NetTopologySuite) with the operations the model needs: area, containment and
/// uniform random points inside it.
/// </summary>
public sealed class ZoneShape
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>Rings up to this many corners are tested segment by segment; bigger ones through an interval index.</summary>
    internal const int DirectTestCorners = 32;

    private readonly Point2[] _closed;
    private readonly Point2[] _ring;
    private IndexedPointInAreaLocator? _locator;
    private readonly Envelope _envelope;
    // The envelope's sides again, inline in the shape, for the tests on the hot path.
    private readonly double _minX, _maxX, _minY, _maxY;

    public ZoneShape(IReadOnlyList<Point2> ring)
    {
        // The ring closed (the first point repeated at the end unless it already is), as
        // coordinates for NetTopologySuite and as points for the model's own tests.
        var count = ring.Count;
        var close = !(ring[0].X == ring[count - 1].X && ring[0].Y == ring[count - 1].Y); // Coordinate.Equals2D
        var closedRing = new Coordinate[close ? count + 1 : count];
        _closed = new Point2[closedRing.Length];
        for (var i = 0; i < count; i++)
        {
            closedRing[i] = new Coordinate(ring[i].X, ring[i].Y);
            _closed[i] = new Point2(ring[i].X, ring[i].Y);
        }
        if (close)
        {
            closedRing[count] = closedRing[0].Copy();
            _closed[count] = _closed[0];
        }
        Polygon = Factory.CreatePolygon(closedRing);
        _ring = _closed[..^1];
        Ring = _ring;
        _envelope = Polygon.EnvelopeInternal;
        (_minX, _maxX, _minY, _maxY) = (_envelope.MinX, _envelope.MaxX, _envelope.MinY, _envelope.MaxY);
        var centroid = Polygon.Centroid;
        Centroid = new Point2(centroid.X, centroid.Y);
        Area = Polygon.Area;
    }

    public Polygon Polygon { get; }

    /// <summary>The outer ring without the closing point.</summary>
    public IReadOnlyList<Point2> Ring { get; }

    /// <summary>Intervals (fractions 0..1 of the segment a->b) that lie inside the zone.</summary>
    public List<(double From, double To)> InsideIntervals(Point2 a, Point2 b)
    {
        var result = new List<(double From, double To)>(2);
        SegmentClipper.InsideIntervals(a, b, _ring, Box, this, result);
        return result;
    }

    /// <summary><see cref="InsideIntervals(Point2, Point2)"/> into a caller's list (cleared first), without allocating.</summary>
    internal void InsideIntervals(Point2 a, Point2 b, List<(double From, double To)> result) =>
        SegmentClipper.InsideIntervals(a, b, _ring, Box, this, result);

    /// <summary>Area in square metres (computed once: NetTopologySuite recomputes it on every call).</summary>
    public double Area { get; }

    /// <summary>
    /// False when the segment a->b certainly misses the zone: it does not touch the zone's bounding
    /// box grown by a millimetre. Conservative (true does not mean it touches), so a caller can
    /// skip <see cref="InsideIntervals(Point2, Point2)"/>, which would return nothing, without changing any result.
    /// </summary>
    public bool SegmentMayTouch(Point2 a, Point2 b) =>
        SegmentMayTouch(_minX, _maxX, _minY, _maxY, a, b);

    /// <summary><see cref="SegmentMayTouch(Point2, Point2)"/> for a bounding box given by its sides.</summary>
    internal static bool SegmentMayTouch(double boxMinX, double boxMaxX, double boxMinY, double boxMaxY, Point2 a, Point2 b)
    {
        const double margin = 1e-3;
        var minX = boxMinX - margin;
        var maxX = boxMaxX + margin;
        var minY = boxMinY - margin;
        var maxY = boxMaxY + margin;
        // Liang-Barsky clipping of the parameter range [0, 1] against the four sides.
        var t0 = 0.0;
        var t1 = 1.0;
        return Clip(a.X - b.X, a.X - minX, ref t0, ref t1) && Clip(b.X - a.X, maxX - a.X, ref t0, ref t1)
            && Clip(a.Y - b.Y, a.Y - minY, ref t0, ref t1) && Clip(b.Y - a.Y, maxY - a.Y, ref t0, ref t1);

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // four times per zone box a patrol leg's grid query meets
        static bool Clip(double p, double q, ref double t0, ref double t1)
        {
            if (p == 0)
            {
                return q >= 0;
            }
            var r = q / p;
            if (p < 0)
            {
                if (r > t1)
                {
                    return false;
                }
                t0 = Math.Max(t0, r);
            }
            else
            {
                if (r < t0)
                {
                    return false;
                }
                t1 = Math.Min(t1, r);
            }
            return true;
        }
    }

    /// <summary>The zone's bounding box (the polygon's envelope).</summary>
    internal BoundingBox Box => new(_minX, _maxX, _minY, _maxY);

    /// <summary>The outer ring without the closing point, as the model's own points.</summary>
    internal ReadOnlySpan<Point2> RingPoints => _ring;

    public Point2 Centroid { get; }

    /// <summary>A point guaranteed inside the polygon (the centroid of a concave zone may lie outside it).</summary>
    /// <remarks>Worked out on first use: only zones that get checks or school posts need it, and it is costly.</remarks>
    public Point2 InteriorPoint
    {
        get
        {
            // Published as one reference, so threads sharing the scenario see a whole point (at
            // worst two of them compute the same point).
            if (_interiorPoint is not { } known)
            {
                var interior = Polygon.InteriorPoint;
                known = new StrongBox<Point2>(new Point2(interior.X, interior.Y));
                _interiorPoint = known;
            }
            return known.Value;
        }
    }

    private StrongBox<Point2>? _interiorPoint;

    /// <summary>
    /// Inside or on the boundary. Small rings count ray crossings segment by segment as
    /// NetTopologySuite's <see cref="RayCrossingCounter"/> does (<see cref="CountsCrossing"/>), in
    /// the same order and with the same exact orientation test as its
    /// <see cref="IndexedPointInAreaLocator"/> (which only skips segments whose y-range misses the
    /// point, and those count nothing), so the answer is the same without the index's set-up,
    /// locking and allocations. Bigger rings use the indexed locator.
    /// </summary>
    public bool Contains(Point2 p)
    {
        if (_ring.Length <= DirectTestCorners)
        {
            return RingContains(_ring, p);
        }
        _locator ??= new IndexedPointInAreaLocator(Polygon);
        return _locator.Locate(new Coordinate(p.X, p.Y)) != Location.Exterior;
    }

    /// <summary>
    /// Point in a small ring (without its closing point) by counting ray crossings edge by edge,
    /// the closing edge last; a point on the boundary is inside.
    /// </summary>
    internal static bool RingContains(ReadOnlySpan<Point2> ring, Point2 p)
    {
        var crossings = 0;
        for (var i = 0; i < ring.Length; i++)
        {
            switch (CountsCrossing(ring[i], ring[i + 1 == ring.Length ? 0 : i + 1], p))
            {
                case Crossing.OnSegment:
                    return true; // the boundary
                case Crossing.Crosses:
                    crossings++;
                    break;
            }
        }
        return crossings % 2 == 1;
    }

    /// <summary>
    /// True only when the ring is certainly a simple polygon that NetTopologySuite's IsValidOp
    /// accepts: at most <see cref="DirectTestCorners"/> corners, a real turn at every corner (no
    /// repeated point, no spike back along an edge) and every two edges that are not neighbours
    /// strictly apart (one lies entirely on one side of the other's line), all with the exact
    /// orientation test NetTopologySuite's line intersector uses. False means "not known": ask
    /// IsValidOp, which also names the problem.
    /// </summary>
    internal bool IsCertainlySimple()
    {
        var closed = _closed;
        var n = closed.Length - 1; // edges; the last point repeats the first
        if (n < 3 || n > DirectTestCorners)
        {
            return false;
        }
        for (var i = 0; i < n; i++)
        {
            var a = closed[i == 0 ? n - 1 : i - 1];
            var b = closed[i];
            var c = closed[i + 1];
            if (Orientation(a, b, c) == 0)
            {
                return false;
            }
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 2; j < n; j++)
            {
                if (i == 0 && j == n - 1)
                {
                    continue; // neighbours through the closing point
                }
                if (!StrictlyApart(closed[i], closed[i + 1], closed[j], closed[j + 1]))
                {
                    return false;
                }
            }
        }
        return true;

        static bool StrictlyApart(Point2 p1, Point2 p2, Point2 q1, Point2 q2) =>
            Orientation(p1, p2, q1) * Orientation(p1, p2, q2) > 0 || Orientation(q1, q2, p1) * Orientation(q1, q2, p2) > 0;

        static int Orientation(Point2 p1, Point2 p2, Point2 q) => CGAlgorithmsDD.OrientationIndex(p1.X, p1.Y, p2.X, p2.Y, q.X, q.Y);
    }

    private enum Crossing
    {
        None,
        Crosses,
        OnSegment,
    }

    /// <summary>
    /// What the segment p1->p2 does to a horizontal ray from <paramref name="p"/> to the right: the
    /// arithmetic and tests of <see cref="RayCrossingCounter.CountSegment"/>, with the same exact
    /// orientation test (<see cref="CGAlgorithmsDD.OrientationIndex(double, double, double, double, double, double)"/>),
    /// on plain doubles instead of coordinate objects.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per edge in Contains
    private static Crossing CountsCrossing(Point2 p1, Point2 p2, Point2 p)
    {
        // The segment lies strictly to the left of the point.
        if (p1.X < p.X && p2.X < p.X)
        {
            return Crossing.None;
        }
        // The point is the segment's end vertex.
        if (p.X == p2.X && p.Y == p2.Y)
        {
            return Crossing.OnSegment;
        }
        // A horizontal segment counts only when the point lies on it.
        if (p1.Y == p.Y && p2.Y == p.Y)
        {
            var minX = p1.X;
            var maxX = p2.X;
            if (minX > maxX)
            {
                minX = p2.X;
                maxX = p1.X;
            }
            return p.X >= minX && p.X <= maxX ? Crossing.OnSegment : Crossing.None;
        }
        // Upward edges include their start and exclude their end; downward edges the reverse.
        if ((p1.Y > p.Y && p2.Y <= p.Y) || (p2.Y > p.Y && p1.Y <= p.Y))
        {
            var orientation = CGAlgorithmsDD.OrientationIndex(p1.X, p1.Y, p2.X, p2.Y, p.X, p.Y);
            if (orientation == 0)
            {
                return Crossing.OnSegment;
            }
            if (p2.Y < p1.Y)
            {
                orientation = -orientation;
            }
            // The upward segment crosses the ray if the point lies to its left.
            return orientation == 1 ? Crossing.Crosses : Crossing.None;
        }
        return Crossing.None;
    }

    /// <summary>A uniform random point inside the polygon, by rejection from its bounding box.</summary>
    public Point2 SamplePoint(IRandom random)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var p = Box.RandomPoint(random);
            if (Contains(p))
            {
                return p;
            }
        }
        return Centroid;
    }
}
