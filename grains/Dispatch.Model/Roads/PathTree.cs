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
    // One record a node, side by side (a relaxation touches one cache line, not five arrays).
    // Stamps instead of clearing: a node's time is valid when Seen == _generation, and it is
    // settled when Settled == _generation, so starting a new target costs nothing per node.
    private readonly NodeState[] _state;
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
        _state = new NodeState[nodeCount];
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
            Array.Clear(_state);
            _generation = 1;
        }
        _heap.Clear();
        Target = target;
        Settled = 0;
        _state[target] = new NodeState { Minutes = 0, Seen = _generation, Next = -1, Via = -1 };
        _heap.Push(0, target);
    }

    /// <summary>
    /// Minutes from <paramref name="node"/> to the target: exact when at most <paramref name="limit"/>;
    /// infinity when more (<paramref name="unreachable"/> false) or when there is no path (true).
    /// </summary>
    public double MinutesFrom(int node, double limit, out bool unreachable)
    {
        unreachable = false;
        while (_state[node].Settled != _generation)
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
        var minutes = _state[node].Minutes;
        return minutes <= limit ? minutes : double.PositiveInfinity;
    }

    /// <summary>Minutes from a settled <paramref name="node"/> to the target.</summary>
    public double MinutesAt(int node) => _state[node].Minutes;

    /// <summary>The node after <paramref name="node"/> on its shortest path to the target (-1 at the target); <paramref name="node"/> must be settled.</summary>
    public int Next(int node, out int via)
    {
        via = _state[node].Via;
        return _state[node].Next;
    }

    private void SettleNext()
    {
        var v = _heap.Pop(out _);
        var state = _state;
        ref var settled = ref state[v];
        if (settled.Settled == _generation)
        {
            return; // a stale entry (the node's first entry out of the heap had its least time)
        }
        var key = settled.Minutes;
        settled.Settled = _generation;
        Settled++;
        var start = _arcs.InStart;
        var arcs = _arcs.In;
        var generation = _generation;
        for (var a = start[v]; a < start[v + 1]; a++)
        {
            ref readonly var arc = ref arcs[a];
            var u = arc.From;
            var t = key + arc.Minutes;
            ref var s = ref state[u];
            if (s.Seen != generation || t < s.Minutes)
            {
                s.Seen = generation;
                s.Minutes = t;
                s.Next = v;
                s.Via = arc.Edge;
                _heap.Push(_slowness > 0 ? t + _nodes[u].DistanceTo(_goal) * _slowness : t, u);
            }
        }
    }

    /// <summary>What a search knows of one node.</summary>
    private struct NodeState
    {
        public double Minutes;
        public int Seen;
        public int Settled;
        public int Next;
        public int Via;
    }
}
