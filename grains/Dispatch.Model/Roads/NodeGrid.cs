using Dispatch.Model.Geometry;

namespace Dispatch.Model.Roads;

/// <summary>
/// The nearest of a set of road nodes to a point: a uniform grid of square cells (about two nodes a
/// cell) searched ring by ring outwards, stopping once no nearer node can lie in a further ring. Ties
/// go to the lower node index, so the answer never depends on the order of the search.
/// </summary>
public sealed class NodeGrid
{
    private readonly Point2[] _nodes;
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _cell;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellStart;
    private readonly int[] _cellNodes;

    public NodeGrid(Point2[] nodes, bool[] include)
    {
        _nodes = nodes;
        var used = Enumerable.Range(0, nodes.Length).Where(i => include[i]).ToArray();
        Count = used.Length;
        if (used.Length == 0)
        {
            _cell = 1;
            _columns = _rows = 1;
            _cellStart = new int[2];
            _cellNodes = [];
            return;
        }
        _minX = used.Min(i => nodes[i].X);
        _minY = used.Min(i => nodes[i].Y);
        var width = Math.Max(1, used.Max(i => nodes[i].X) - _minX);
        var height = Math.Max(1, used.Max(i => nodes[i].Y) - _minY);
        _cell = Math.Max(1, Math.Sqrt(width * height * 2 / used.Length));
        _columns = (int)(width / _cell) + 1;
        _rows = (int)(height / _cell) + 1;
        _cellStart = new int[_columns * _rows + 1];
        foreach (var i in used)
        {
            _cellStart[CellOf(nodes[i]) + 1]++;
        }
        for (var c = 0; c < _columns * _rows; c++)
        {
            _cellStart[c + 1] += _cellStart[c];
        }
        var fill = (int[])_cellStart.Clone();
        _cellNodes = new int[used.Length];
        foreach (var i in used)
        {
            _cellNodes[fill[CellOf(nodes[i])]++] = i;
        }
    }

    /// <summary>How many nodes the grid holds.</summary>
    public int Count { get; }

    private int CellOf(Point2 p) =>
        Math.Clamp((int)((p.Y - _minY) / _cell), 0, _rows - 1) * _columns + Math.Clamp((int)((p.X - _minX) / _cell), 0, _columns - 1);

    /// <summary>The nearest node to <paramref name="p"/> and its distance; -1 when the grid is empty.</summary>
    public int Nearest(Point2 p, out double metres)
    {
        metres = double.PositiveInfinity;
        if (Count == 0)
        {
            return -1;
        }
        var cx = Math.Clamp((int)Math.Floor((p.X - _minX) / _cell), 0, _columns - 1);
        var cy = Math.Clamp((int)Math.Floor((p.Y - _minY) / _cell), 0, _rows - 1);
        // Distance from p to the edge of the clamped cell block (p may lie outside the grid).
        var outside = Math.Max(0, Math.Max(Math.Max(_minX - p.X, p.X - (_minX + _columns * _cell)), Math.Max(_minY - p.Y, p.Y - (_minY + _rows * _cell))));
        var best = -1;
        var bestSquared = double.PositiveInfinity;
        var maxRing = Math.Max(_columns, _rows);
        for (var ring = 0; ring <= maxRing; ring++)
        {
            // Every node of ring r is at least (r - 1) cells away from p (and at least as far as the grid is).
            var reach = Math.Max(outside, (ring - 1) * _cell);
            if (best >= 0 && ring > 0 && reach > 0 && reach * reach > bestSquared)
            {
                break;
            }
            for (var y = cy - ring; y <= cy + ring; y++)
            {
                if (y < 0 || y >= _rows)
                {
                    continue;
                }
                var onEdge = y == cy - ring || y == cy + ring;
                for (var x = cx - ring; x <= cx + ring; x += onEdge ? 1 : 2 * ring)
                {
                    if (x >= 0 && x < _columns)
                    {
                        Visit(y * _columns + x, p, ref best, ref bestSquared);
                    }
                    if (ring == 0)
                    {
                        break;
                    }
                }
            }
        }
        metres = Math.Sqrt(bestSquared);
        return best;
    }

    private void Visit(int cell, Point2 p, ref int best, ref double bestSquared)
    {
        for (var k = _cellStart[cell]; k < _cellStart[cell + 1]; k++)
        {
            var n = _cellNodes[k];
            var dx = _nodes[n].X - p.X;
            var dy = _nodes[n].Y - p.Y;
            var d = dx * dx + dy * dy;
            if (d < bestSquared || (d == bestSquared && n < best))
            {
                best = n;
                bestSquared = d;
            }
        }
    }
}
