using Dispatch.Model.Geometry;

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
    // Stamps instead of clearing: a node's time is valid when _seen[node] == _generation, and it is
    // settled when _settled[node] == _generation, so starting a new target costs nothing per node.
    private readonly int[] _seen;
    private readonly int[] _settled;
    private int _generation;
    // A* towards one source (RoadTravel's routes): the heap is keyed by time + straight distance to
    // the source at the top speed, a lower bound, so the search heads for the source. Unused (0) in
    // the cached trees, which answer every source.
    private Point2[] _nodes = [];
    private Point2 _goal;
    private double _slowness;
    private readonly MinHeap _heap = new();

    public PathTree(ModeArcs arcs, int nodeCount)
    {
        _arcs = arcs;
        Mode = -1;
        _minutes = new double[nodeCount];
        _next = new int[nodeCount];
        _via = new int[nodeCount];
        _seen = new int[nodeCount];
        _settled = new int[nodeCount];
        Target = -1;
    }

    /// <summary>The node every time is measured to (-1 before <c>Reset</c>).</summary>
    public int Target { get; private set; }

    /// <summary>Nodes settled so far.</summary>
    public int Settled { get; private set; }

    /// <summary>Bytes held by one tree of <paramref name="nodeCount"/> nodes (its heap aside).</summary>
    public static long BytesFor(int nodeCount) => nodeCount * 24L;

    /// <summary>The mode index of the arcs searched (-1 before <c>Reset</c>).</summary>
    public int Mode { get; private set; }

    /// <summary>Starts afresh towards <paramref name="target"/> over <paramref name="arcs"/> of mode <paramref name="mode"/> (the arrays are reused).</summary>
    public void Reset(ModeArcs arcs, int mode, int target) => Reset(arcs, mode, target, [], default, 0);

    /// <summary>
    /// Starts afresh towards <paramref name="target"/> for one source at <paramref name="goal"/> only
    /// (A*: the search is guided towards it by the straight distance at the top speed,
    /// <paramref name="slowness"/> minutes a metre, which never overestimates).
    /// </summary>
    public void Reset(ModeArcs arcs, int mode, int target, Point2[] nodes, Point2 goal, double slowness)
    {
        _nodes = nodes;
        _goal = goal;
        _slowness = slowness;
        _arcs = arcs;
        Mode = mode;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_seen);
            Array.Clear(_settled);
            _generation = 1;
        }
        _heap.Clear();
        Target = target;
        Settled = 0;
        _minutes[target] = 0;
        _seen[target] = _generation;
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
        while (_settled[node] != _generation)
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
        var v = _heap.Pop(out _);
        if (_settled[v] == _generation)
        {
            return; // a stale entry (the node's first entry out of the heap had its least time)
        }
        var key = _minutes[v];
        _settled[v] = _generation;
        Settled++;
        var start = _arcs.InStart;
        var from = _arcs.InFrom;
        var minutes = _arcs.InMinutes;
        for (var a = start[v]; a < start[v + 1]; a++)
        {
            var u = from[a];
            var t = key + minutes[a];
            if (_seen[u] != _generation || t < _minutes[u])
            {
                _seen[u] = _generation;
                _minutes[u] = t;
                _next[u] = v;
                _via[u] = _arcs.InEdge[a];
                _heap.Push(_slowness > 0 ? t + _nodes[u].DistanceTo(_goal) * _slowness : t, u);
            }
        }
    }
}
