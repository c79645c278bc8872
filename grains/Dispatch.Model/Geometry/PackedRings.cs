namespace Dispatch.Model.Geometry;

/// <summary>
/// The rings and bounding boxes of a scenario's hotspot zones packed into flat arrays, zone after
/// zone, so that clipping a patrol leg against the zones it crosses reads a few neighbouring
/// cache lines instead of each zone's shape object and ring array scattered over the heap. Never
/// changed after construction, so simulators of one scenario share it.
/// </summary>
internal sealed class PackedRings
{
    private readonly ZoneShape?[] _shapes;
    private readonly Point2[] _points;
    private readonly int[] _start;
    private readonly BoundingBox[] _boxes;

    /// <summary>Packs the zones with a shape (by zone index); zones given null are left out.</summary>
    public PackedRings(IReadOnlyList<ZoneShape?> shapes)
    {
        _shapes = [.. shapes];
        _start = new int[_shapes.Length + 1];
        _boxes = new BoundingBox[_shapes.Length];
        for (var z = 0; z < _shapes.Length; z++)
        {
            _start[z + 1] = _start[z] + (_shapes[z]?.RingPoints.Length ?? 0);
        }
        _points = new Point2[_start[^1]];
        for (var z = 0; z < _shapes.Length; z++)
        {
            if (_shapes[z] is { } shape)
            {
                shape.RingPoints.CopyTo(_points.AsSpan(_start[z]));
                _boxes[z] = shape.Box;
            }
        }
    }

    /// <summary>
    /// <see cref="ZoneShape.InsideIntervals(Point2, Point2)"/> of zone <paramref name="zone"/>
    /// into the caller's list (cleared first): the same clipping, on the packed ring and box.
    /// </summary>
    public void InsideIntervals(int zone, Point2 a, Point2 b, List<(double From, double To)> result)
    {
        var shape = _shapes[zone] ?? throw new ArgumentOutOfRangeException(nameof(zone), "zone not packed");
        var from = _start[zone];
        SegmentClipper.InsideIntervals(a, b, _points.AsSpan(from, _start[zone + 1] - from), _boxes[zone], shape, result);
    }
}
