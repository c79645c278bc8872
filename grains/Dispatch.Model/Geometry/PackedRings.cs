namespace Dispatch.Model.Geometry;

/// <summary>
/// The rings and bounding boxes of a scenario's hotspot zones packed into flat arrays, zone after
/// zone, so that clipping a patrol leg against the zones it crosses, or testing and sampling points
/// in them, reads a few neighbouring cache lines instead of each zone's shape object and ring array
/// scattered over the heap. Never changed after construction, so simulators of one scenario share it.
/// </summary>
internal sealed class PackedRings
{
    private readonly ZoneShape[] _shapes;
    private readonly Point2[] _points;
    private readonly int[] _start;
    private readonly BoundingBox[] _boxes;

    /// <summary>All zones' shapes (by zone index); only those <paramref name="pack"/> picks are packed, the others are asked directly.</summary>
    public PackedRings(IReadOnlyList<ZoneShape> shapes, Func<int, bool> pack)
    {
        _shapes = [.. shapes];
        _start = new int[_shapes.Length + 1];
        _boxes = new BoundingBox[_shapes.Length];
        for (var z = 0; z < _shapes.Length; z++)
        {
            _start[z + 1] = _start[z] + (pack(z) ? _shapes[z].RingPoints.Length : 0);
        }
        _points = new Point2[_start[^1]];
        for (var z = 0; z < _shapes.Length; z++)
        {
            if (_start[z + 1] > _start[z])
            {
                _shapes[z].RingPoints.CopyTo(_points.AsSpan(_start[z]));
                _boxes[z] = _shapes[z].Box;
            }
        }
    }

    /// <summary>
    /// <see cref="ZoneShape.Contains(Point2)"/> of zone <paramref name="zone"/>: for a small ring
    /// the same ray-crossing count, edge by edge in the same order (the closing edge last), on the
    /// packed ring; other rings and zones not packed ask the shape.
    /// </summary>
    public bool Contains(int zone, Point2 p)
    {
        var from = _start[zone];
        var count = _start[zone + 1] - from;
        if (count == 0 || count > ZoneShape.DirectTestCorners)
        {
            return _shapes[zone].Contains(p);
        }
        return ZoneShape.RingContains(_points.AsSpan(from, count), p);
    }

    /// <summary>
    /// <see cref="ZoneShape.SamplePoint(Randomness.IRandom)"/> of zone <paramref name="zone"/>: the
    /// same draws from the same box and the same test, on the packed ring and box.
    /// </summary>
    public Point2 SamplePoint(int zone, Randomness.IRandom random)
    {
        if (_start[zone + 1] == _start[zone])
        {
            return _shapes[zone].SamplePoint(random);
        }
        var box = _boxes[zone];
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var p = box.RandomPoint(random);
            if (Contains(zone, p))
            {
                return p;
            }
        }
        return _shapes[zone].Centroid;
    }

    /// <summary>
    /// <see cref="ZoneShape.InsideIntervals(Point2, Point2)"/> of zone <paramref name="zone"/>
    /// into the caller's list (cleared first): the same clipping, on the packed ring and box.
    /// </summary>
    public void InsideIntervals(int zone, Point2 a, Point2 b, List<(double From, double To)> result)
    {
        var from = _start[zone];
        if (_start[zone + 1] == from)
        {
            _shapes[zone].InsideIntervals(a, b, result);
            return;
        }
        SegmentClipper.InsideIntervals(a, b, _points.AsSpan(from, _start[zone + 1] - from), _boxes[zone], _shapes[zone], result);
    }
}
