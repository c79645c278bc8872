using System.Runtime.InteropServices;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Dispatch.Model.Geometry;

/// <summary>
/// Which zones a point, a square or a segment may touch, by zone bounding boxes. Answers are the
/// zones of an STR-tree query (bounding box intersects the query box), in the tree's own order;
/// they are found through a uniform grid over the boxes, which is much cheaper per query than
/// walking the tree, and then put in the tree's order (the order in which a depth-first query
/// visits the leaves is the same for every query), so callers see exactly what the tree gives.
/// </summary>
public sealed class ZoneIndex
{
    /// <summary>Boxes are grown by this much (metres) in the grid, so that "may touch" tests with the same margin are never missed.</summary>
    private const double Margin = 1e-3;

    private readonly STRtree<int> _tree = new();
    private readonly int[] _zones = [];
    private readonly Box[] _boxes = [];
    private readonly ZoneShape[] _shapes = [];
    private readonly Dictionary<int, ZoneShape> _shapeOf = [];
    private readonly int[] _cellStart = [];
    private readonly int[] _cellItems = [];
    private readonly int[] _stamp = [];
    private readonly double _minX, _minY, _maxX, _maxY, _cellWidth, _cellHeight;
    private readonly int _columns, _rows;
    private readonly bool _gridded;
    private int _query;

    public ZoneIndex(IEnumerable<(int Index, ZoneShape Shape)> zones)
    {
        var list = zones.ToList();
        foreach (var (index, shape) in list)
        {
            _tree.Insert(shape.Polygon.EnvelopeInternal, index);
            _shapeOf.TryAdd(index, shape);
        }
        _tree.Build();
        if (list.Count == 0)
        {
            return;
        }
        // Items in the tree's order: a query over everything lists every leaf once, depth first.
        var byZone = list.GroupBy(z => z.Index).ToDictionary(g => g.Key, g => new Queue<ZoneShape>(g.Select(z => z.Shape)));
        var all = new Envelope();
        foreach (var (_, shape) in list)
        {
            all.ExpandToInclude(shape.Polygon.EnvelopeInternal);
        }
        var order = _tree.Query(all);
        if (order.Count != list.Count)
        {
            return; // not expected; the tree answers every query
        }
        _zones = order.ToArray();
        _shapes = _zones.Select(z => byZone[z].Dequeue()).ToArray();
        _boxes = [.. _shapes.Select(s => new Box(s.Polygon.EnvelopeInternal))];
        _stamp = new int[_zones.Length];

        _minX = all.MinX - Margin;
        _minY = all.MinY - Margin;
        _maxX = all.MaxX + Margin;
        _maxY = all.MaxY + Margin;
        var width = _maxX - _minX;
        var height = _maxY - _minY;
        var cell = Math.Sqrt(width * height / _zones.Length);
        _columns = Math.Clamp((int)Math.Ceiling(width / cell), 1, 1024);
        _rows = Math.Clamp((int)Math.Ceiling(height / cell), 1, 1024);
        _cellWidth = width / _columns;
        _cellHeight = height / _rows;
        if (!(_cellWidth > 0 && _cellHeight > 0))
        {
            return;
        }
        var counts = new int[_columns * _rows + 1];
        var registrations = 0L;
        foreach (var box in _boxes)
        {
            var (c0, c1, r0, r1) = Cells(box.MinX - Margin, box.MaxX + Margin, box.MinY - Margin, box.MaxY + Margin);
            registrations += (long)(c1 - c0 + 1) * (r1 - r0 + 1);
        }
        if (registrations > 16L * _zones.Length + 4096)
        {
            return; // a few huge boxes would fill the grid: the tree is the better index then
        }
        for (var k = 0; k < _boxes.Length; k++)
        {
            var box = _boxes[k];
            var (c0, c1, r0, r1) = Cells(box.MinX - Margin, box.MaxX + Margin, box.MinY - Margin, box.MaxY + Margin);
            for (var r = r0; r <= r1; r++)
            {
                for (var c = c0; c <= c1; c++)
                {
                    counts[r * _columns + c + 1]++;
                }
            }
        }
        _cellStart = new int[counts.Length];
        for (var i = 1; i < counts.Length; i++)
        {
            _cellStart[i] = _cellStart[i - 1] + counts[i];
        }
        _cellItems = new int[_cellStart[^1]];
        var fill = (int[])_cellStart.Clone();
        for (var k = 0; k < _boxes.Length; k++)
        {
            var box = _boxes[k];
            var (c0, c1, r0, r1) = Cells(box.MinX - Margin, box.MaxX + Margin, box.MinY - Margin, box.MaxY + Margin);
            for (var r = r0; r <= r1; r++)
            {
                for (var c = c0; c <= c1; c++)
                {
                    _cellItems[fill[r * _columns + c]++] = k;
                }
            }
        }
        _gridded = true;
    }

    /// <summary>
    /// An index over the same zones that shares this one's tree, boxes and grid (never changed
    /// after construction) and has its own scratch for queries, so each simulator of a shared
    /// scenario can query without building the index again.
    /// </summary>
    internal ZoneIndex Share() => new(this);

    private ZoneIndex(ZoneIndex other)
    {
        _tree = other._tree;
        _zones = other._zones;
        _boxes = other._boxes;
        _shapes = other._shapes;
        _shapeOf = other._shapeOf;
        _cellStart = other._cellStart;
        _cellItems = other._cellItems;
        _stamp = new int[other._stamp.Length];
        (_minX, _minY, _maxX, _maxY, _cellWidth, _cellHeight) = (other._minX, other._minY, other._maxX, other._maxY, other._cellWidth, other._cellHeight);
        (_columns, _rows, _gridded) = (other._columns, other._rows, other._gridded);
    }

    /// <summary>Zones whose bounding box contains the point.</summary>
    public IList<int> Near(Point2 p) => Query(p.X, p.X, p.Y, p.Y, null, []);

    /// <summary><see cref="Near(Point2)"/> into a caller's list (cleared first), without allocating.</summary>
    public void Near(Point2 p, List<int> result) => Query(p.X, p.X, p.Y, p.Y, null, result);

    /// <summary>Zones whose bounding box intersects the bounding box of the segment a->b.</summary>
    public IList<int> Near(Point2 a, Point2 b) => Query(Math.Min(a.X, b.X), Math.Max(a.X, b.X), Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y), null, []);

    /// <summary>
    /// The zones of <see cref="Near(Point2, Point2)"/> (in the same order) less those that the
    /// segment certainly misses (<see cref="ZoneShape.SegmentMayTouch(Point2, Point2)"/>).
    /// </summary>
    public IList<int> NearSegment(Point2 a, Point2 b) => NearSegment(a, b, []);

    /// <summary><see cref="NearSegment(Point2, Point2)"/> into a caller's list (cleared first), without allocating.</summary>
    public List<int> NearSegment(Point2 a, Point2 b, List<int> result) =>
        Query(Math.Min(a.X, b.X), Math.Max(a.X, b.X), Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y), (a, b), result);

    /// <summary>Zones whose bounding box intersects the square of half-side <paramref name="radius"/> around the point.</summary>
    public IList<int> Within(Point2 p, double radius) => Query(p.X - radius, p.X + radius, p.Y - radius, p.Y + radius, null, []);

    /// <summary><see cref="Within(Point2, double)"/> into a caller's list (cleared first), without allocating.</summary>
    public void Within(Point2 p, double radius, List<int> result) => Query(p.X - radius, p.X + radius, p.Y - radius, p.Y + radius, null, result);

    private List<int> Query(double minX, double maxX, double minY, double maxY, (Point2 A, Point2 B)? segment, List<int> result)
    {
        result.Clear();
        if (!_gridded)
        {
            var found = _tree.Query(new Envelope(minX, maxX, minY, maxY));
            foreach (var zone in found)
            {
                if (segment is not { } s || ShapeOf(zone).SegmentMayTouch(s.A, s.B))
                {
                    result.Add(zone);
                }
            }
            return result;
        }
        var hits = result;
        if (maxX < _minX || minX > _maxX || maxY < _minY || minY > _maxY)
        {
            return hits;
        }
        var (c0, c1, r0, r1) = Cells(minX, maxX, minY, maxY);
        if (++_query == int.MaxValue)
        {
            Array.Clear(_stamp);
            _query = 1;
        }
        for (var c = c0; c <= c1; c++)
        {
            var (rowFrom, rowTo) = segment is { } line ? RowsAlong(line.A, line.B, c, minX, maxX, minY, maxY) : (r0, r1);
            for (var r = rowFrom; r <= rowTo; r++)
            {
                var cell = r * _columns + c;
                for (var i = _cellStart[cell]; i < _cellStart[cell + 1]; i++)
                {
                    var k = _cellItems[i];
                    if (_stamp[k] == _query)
                    {
                        continue;
                    }
                    _stamp[k] = _query;
                    ref readonly var box = ref _boxes[k];
                    // The tree's test (closed boxes intersect), then the optional segment test.
                    if (box.MinX > maxX || box.MaxX < minX || box.MinY > maxY || box.MaxY < minY)
                    {
                        continue;
                    }
                    if (segment is { } s && !ZoneShape.SegmentMayTouch(box.MinX, box.MaxX, box.MinY, box.MaxY, s.A, s.B))
                    {
                        continue;
                    }
                    hits.Add(k);
                }
            }
        }
        // Into the tree's order. Positions are unique, so any sort gives the same list: a few (a
        // patrol leg's handful) by insertion sort on the list's span, more by Sort.
        var span = CollectionsMarshal.AsSpan(hits);
        if (span.Length > 16)
        {
            span.Sort();
        }
        else
        {
            SmallSort.Insertion(span);
        }
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = _zones[span[i]];
        }
        return hits;
    }

    private ZoneShape ShapeOf(int zone) => _shapeOf[zone];

    /// <summary>A zone's bounding box (the polygon's envelope), kept inline in an array for the grid scan.</summary>
    private readonly record struct Box(double MinX, double MaxX, double MinY, double MaxY)
    {
        public Box(Envelope e)
            : this(e.MinX, e.MaxX, e.MinY, e.MaxY)
        {
        }
    }

    /// <summary>
    /// The rows of column <paramref name="column"/> that the segment a->b passes within a margin:
    /// the y-range of the segment over the column's x-range, grown by the margin. A zone whose
    /// (grown) box the segment touches is registered in a cell of these rows, so a segment query
    /// visits only the cells along the line instead of every cell of its bounding box.
    /// </summary>
    private (int From, int To) RowsAlong(Point2 a, Point2 b, int column, double minX, double maxX, double minY, double maxY)
    {
        var dx = b.X - a.X;
        var left = Math.Max(minX, _minX + column * _cellWidth);
        var right = Math.Min(maxX, _minX + (column + 1) * _cellWidth);
        double low, high;
        if (Math.Abs(dx) < 1e-9 || right < left)
        {
            (low, high) = (minY, maxY);
        }
        else
        {
            var yLeft = a.Y + (left - a.X) / dx * (b.Y - a.Y);
            var yRight = a.Y + (right - a.X) / dx * (b.Y - a.Y);
            low = Math.Max(minY, Math.Min(yLeft, yRight));
            high = Math.Min(maxY, Math.Max(yLeft, yRight));
        }
        return (Row(low - 2 * Margin), Row(high + 2 * Margin));
    }

    private (int C0, int C1, int R0, int R1) Cells(double minX, double maxX, double minY, double maxY) =>
        (Column(minX), Column(maxX), Row(minY), Row(maxY));

    private int Column(double x) => Math.Clamp((int)Math.Floor((x - _minX) / _cellWidth), 0, _columns - 1);

    private int Row(double y) => Math.Clamp((int)Math.Floor((y - _minY) / _cellHeight), 0, _rows - 1);
}
