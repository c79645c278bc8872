namespace Dispatch.Model.Roads;

/// <summary>
/// The path trees of one run, by (mode, target node), least recently used first out: at most
/// <see cref="Capacity"/> trees, as many as fit in the memory budget (each tree holds 24 bytes a
/// node), so memory stays bounded however many targets a run meets. An evicted tree's arrays are
/// reused for the next target. Not thread-safe: one cache per run.
/// </summary>
public sealed class PathTreeCache
{
    /// <summary>The default memory budget of the trees of one run: 64 MiB.</summary>
    public const long DefaultBudgetBytes = 4L << 20;

    private readonly RoadGraph _graph;
    private readonly Dictionary<long, LinkedListNode<PathTree>> _trees = [];
    private readonly LinkedList<PathTree> _recent = new();

    public PathTreeCache(RoadGraph graph, long budgetBytes = DefaultBudgetBytes)
    {
        _graph = graph;
        Capacity = (int)Math.Clamp(budgetBytes / Math.Max(1, PathTree.BytesFor(graph.Nodes.Length)), 4, 100_000);
    }

    /// <summary>The most trees kept at once.</summary>
    public int Capacity { get; }

    /// <summary>Trees started (misses), for the benchmarks.</summary>
    public long Started { get; private set; }

    /// <summary>The tree towards <paramref name="target"/> for <paramref name="mode"/> when it is kept, else null (nothing is started).</summary>
    public PathTree? Find(int mode, int target) =>
        _trees.TryGetValue(((long)mode << 32) | (uint)target, out var node) ? node.Value : null;

    /// <summary>The tree of shortest times to <paramref name="target"/> for <paramref name="mode"/> (whose arcs exist).</summary>
    public PathTree For(int mode, int target)
    {
        var key = ((long)mode << 32) | (uint)target;
        if (_trees.TryGetValue(key, out var node))
        {
            if (node != _recent.First)
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            return node.Value;
        }
        var arcs = _graph.Modes[mode]!;
        PathTree tree;
        if (_trees.Count >= Capacity)
        {
            var last = _recent.Last!;
            _recent.RemoveLast();
            tree = last.Value;
            _trees.Remove(((long)tree.Mode << 32) | (uint)tree.Target);
        }
        else
        {
            tree = new PathTree(arcs, _graph.Nodes.Length);
        }
        tree.Reset(arcs, mode, target);
        Started++;
        _trees[key] = _recent.AddFirst(tree);
        return tree;
    }
}
