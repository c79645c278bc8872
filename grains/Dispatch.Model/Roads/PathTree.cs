namespace Dispatch.Model.Roads;

/// <summary>
/// Shortest times to one target node for one mode, from every node, worked out lazily: a Dijkstra
/// search backwards from the target (a binary heap over the incoming arcs) settles nodes in order of
/// their time only as far as a question needs, and resumes from there for the next question. The
/// order in which nodes are settled does not depend on where the search paused, so answers are the
/// same however the questions come.
/// </summary>
public sealed class PathTree
{
    private ModeArcs _arcs;
    private readonly double[] _minutes;
    private readonly int[] _next;
    private readonly int[] _via;
    private readonly bool[] _settled;
    private readonly MinHeap _heap = new();

    public PathTree(ModeArcs arcs, int nodeCount)
    {
        _arcs = arcs;
        Mode = -1;
        _minutes = new double[nodeCount];
        _next = new int[nodeCount];
        _via = new int[nodeCount];
        _settled = new bool[nodeCount];
        Target = -1;
    }

    /// <summary>The node every time is measured to (-1 before <see cref="Reset"/>).</summary>
    public int Target { get; private set; }

    /// <summary>Nodes settled so far.</summary>
    public int Settled { get; private set; }

    /// <summary>Bytes held by one tree of <paramref name="nodeCount"/> nodes (its heap aside).</summary>
    public static long BytesFor(int nodeCount) => nodeCount * 17L;

    /// <summary>The mode index of the arcs searched (-1 before <see cref="Reset"/>).</summary>
    public int Mode { get; private set; }

    /// <summary>Starts afresh towards <paramref name="target"/> over <paramref name="arcs"/> of mode <paramref name="mode"/> (the arrays are reused).</summary>
    public void Reset(ModeArcs arcs, int mode, int target)
    {
        _arcs = arcs;
        Mode = mode;
        Array.Fill(_minutes, double.PositiveInfinity);
        Array.Clear(_settled);
        _heap.Clear();
        Target = target;
        Settled = 0;
        _minutes[target] = 0;
        _next[target] = -1;
        _via[target] = -1;
        _heap.Push(0, target);
    }

    /// <summary>
    /// Minutes from <paramref name="node"/> to the target: exact when at most <paramref name="limit"/>;
    /// infinity when more (<paramref name="unreachable"/> false) or when there is no path (true).
    /// </summary>
    public double MinutesFrom(int node, double limit, out bool unreachable)
    {
        unreachable = false;
        while (!_settled[node])
        {
            if (_heap.Count == 0)
            {
                unreachable = true;
                return double.PositiveInfinity;
            }
            if (_heap.MinKey > limit)
            {
                return double.PositiveInfinity;
            }
            SettleNext();
        }
        return _minutes[node] <= limit ? _minutes[node] : double.PositiveInfinity;
    }

    /// <summary>Minutes from a settled <paramref name="node"/> to the target.</summary>
    public double MinutesAt(int node) => _minutes[node];

    /// <summary>The node after <paramref name="node"/> on its shortest path to the target (-1 at the target); <paramref name="node"/> must be settled.</summary>
    public int Next(int node, out int via)
    {
        via = _via[node];
        return _next[node];
    }

    private void SettleNext()
    {
        var v = _heap.Pop(out var key);
        if (_settled[v] || key > _minutes[v])
        {
            return; // a stale entry
        }
        _settled[v] = true;
        Settled++;
        var start = _arcs.InStart;
        var from = _arcs.InFrom;
        var minutes = _arcs.InMinutes;
        for (var a = start[v]; a < start[v + 1]; a++)
        {
            var u = from[a];
            var t = key + minutes[a];
            if (t < _minutes[u])
            {
                _minutes[u] = t;
                _next[u] = v;
                _via[u] = _arcs.InEdge[a];
                _heap.Push(t, u);
            }
        }
    }
}
