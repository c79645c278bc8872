using Dispatch.Model.Randomness;
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
    private readonly IndexedPointInAreaLocator _locator;
    private readonly Envelope _envelope;

    public ZoneShape(IReadOnlyList<Point2> ring)
    {
        var coordinates = ring.Select(p => new Coordinate(p.X, p.Y)).ToList();
        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            coordinates.Add(coordinates[0].Copy());
        }
        Polygon = Factory.CreatePolygon(coordinates.ToArray());
        Ring = coordinates.Take(coordinates.Count - 1).Select(c => new Point2(c.X, c.Y)).ToArray();
        _locator = new IndexedPointInAreaLocator(Polygon);
        _envelope = Polygon.EnvelopeInternal;
        var centroid = Polygon.Centroid;
        Centroid = new Point2(centroid.X, centroid.Y);
    }

    public Polygon Polygon { get; }

    /// <summary>The outer ring without the closing point.</summary>
    public IReadOnlyList<Point2> Ring { get; }

    /// <summary>Intervals (fractions 0..1 of the segment a->b) that lie inside the zone.</summary>
    public List<(double From, double To)> InsideIntervals(Point2 a, Point2 b) => SegmentClipper.InsideIntervals(a, b, Ring, Contains);

    /// <summary>Area in square metres.</summary>
    public double Area => Polygon.Area;

    public Point2 Centroid { get; }

    public bool Contains(Point2 p) => _locator.Locate(new Coordinate(p.X, p.Y)) != Location.Exterior;

    /// <summary>A uniform random point inside the polygon, by rejection from its bounding box.</summary>
    public Point2 SamplePoint(IRandom random)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var p = new Point2(
                _envelope.MinX + random.NextDouble() * _envelope.Width,
                _envelope.MinY + random.NextDouble() * _envelope.Height);
            if (Contains(p))
            {
                return p;
            }
        }
        return Centroid;
    }
}
