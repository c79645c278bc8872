using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Dispatch.Model.Geometry;

/// <summary>An STR-tree over zone bounding boxes: which zones a point or a segment may touch.</summary>
public sealed class ZoneIndex
{
    private readonly STRtree<int> _tree = new();

    public ZoneIndex(IEnumerable<(int Index, ZoneShape Shape)> zones)
    {
        foreach (var (index, shape) in zones)
        {
            _tree.Insert(shape.Polygon.EnvelopeInternal, index);
        }
        _tree.Build();
    }

    public IList<int> Near(Point2 p) => _tree.Query(new Envelope(p.X, p.X, p.Y, p.Y));

    public IList<int> Near(Point2 a, Point2 b) => _tree.Query(new Envelope(a.X, b.X, a.Y, b.Y));

    public IList<int> Within(Point2 p, double radius) =>
        _tree.Query(new Envelope(p.X - radius, p.X + radius, p.Y - radius, p.Y + radius));
}
