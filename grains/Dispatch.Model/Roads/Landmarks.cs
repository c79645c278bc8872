using Dispatch.Model.Geometry;

namespace Dispatch.Model.Roads;

/// <summary>
/// Lower bounds of road times from landmark distances (ALT): for a few landmark nodes per mode the
/// exact times from every node to the landmark and from the landmark to every node, so that by the
/// triangle inequality a trip from a to b takes at least <c>time(a, L) - time(b, L)</c> and
/// <c>time(L, b) - time(L, a)</c>. On a street network these bounds are far tighter than the
/// straight distance at the top speed, so the dispatch scan rules out most far units without a
/// search. A bound only prunes: every time reported is still the exact one of a search.
/// Memory: 16 bytes a node per landmark and mode (<see cref="Bytes"/>); built once per network.
/// </summary>
public sealed class Landmarks
{
    /// <summary>Landmarks per mode: the nodes nearest the corners and the middles of the sides of the network's bounding box.</summary>
    public const int PerMode = 8;

    // Minutes taken off every bound so that rounding in the differences can never make it exceed
    // the exact time (times of hundreds of minutes carry rounding errors below 1e-10 minutes).
    private const double Slack = 1e-6;

    private readonly double[]?[] _to;
    private readonly double[]?[] _from;

    /// <summary>Computes the landmark times of every mode of <paramref name="graph"/> (two full searches per landmark and mode).</summary>
    public Landmarks(RoadGraph graph)
    {
        var n = graph.Nodes.Length;
        _to = new double[]?[graph.Modes.Length];
        _from = new double[]?[graph.Modes.Length];
        var jobs = new List<Action>();
        for (var mode = 0; mode < graph.Modes.Length; mode++)
        {
            if (graph.Modes[mode] is not { } arcs || !arcs.HasArc.Any(x => x))
            {
                continue;
            }
            var chosen = Choose(graph.Nodes, arcs.HasArc);
            var outArcs = Reverse(arcs, n);
            var to = _to[mode] = new double[chosen.Length * n];
            var from = _from[mode] = new double[chosen.Length * n];
            for (var k = 0; k < chosen.Length; k++)
            {
                var (root, at) = (chosen[k], k * n);
                jobs.Add(() => Search(arcs.InStart, arcs.In, root, to.AsSpan(at, n)));
                jobs.Add(() => Search(outArcs.Start, outArcs.Arcs, root, from.AsSpan(at, n)));
            }
            Count = chosen.Length;
        }
        // Each search fills its own slice: the tables are the same however the searches are spread over the cores.
        Parallel.For(0, jobs.Count, j => jobs[j]());
        NodeCount = n;
    }

    /// <summary>Landmarks of a mode.</summary>
    public int Count { get; }

    /// <summary>Nodes of the graph.</summary>
    public int NodeCount { get; }

    /// <summary>Bytes held by the tables.</summary>
    public long Bytes => _to.Sum(t => t?.LongLength ?? 0) * 8 + _from.Sum(t => t?.LongLength ?? 0) * 8;

    /// <summary>
    /// A lower bound of the road minutes from node <paramref name="a"/> to node <paramref name="b"/> for
    /// the mode; <paramref name="connected"/> is true when the landmarks prove that a path exists
    /// (some landmark is reachable from a and reaches b).
    /// </summary>
    public double Bound(int mode, int a, int b, out bool connected)
    {
        connected = false;
        if (_to[mode] is not { } to || _from[mode] is not { } from)
        {
            return 0;
        }
        var n = NodeCount;
        var bound = 0.0;
        for (var k = 0; k < Count; k++)
        {
            var aTo = to[k * n + a];
            var bTo = to[k * n + b];
            var toA = from[k * n + a];
            var toB = from[k * n + b];
            if (double.IsFinite(aTo) && double.IsFinite(toB))
            {
                connected = true;
            }
            if (double.IsFinite(aTo) && double.IsFinite(bTo))
            {
                bound = Math.Max(bound, aTo - bTo);
            }
            if (double.IsFinite(toA) && double.IsFinite(toB))
            {
                bound = Math.Max(bound, toB - toA);
            }
        }
        return Math.Max(0, bound - Slack);
    }

    private static int[] Choose(Point2[] nodes, bool[] usable)
    {
        var (minX, minY, maxX, maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        for (var v = 0; v < nodes.Length; v++)
        {
            if (usable[v])
            {
                (minX, minY) = (Math.Min(minX, nodes[v].X), Math.Min(minY, nodes[v].Y));
                (maxX, maxY) = (Math.Max(maxX, nodes[v].X), Math.Max(maxY, nodes[v].Y));
            }
        }
        var (midX, midY) = ((minX + maxX) / 2, (minY + maxY) / 2);
        Point2[] spots = [new(minX, minY), new(midX, minY), new(maxX, minY), new(maxX, midY), new(maxX, maxY), new(midX, maxY), new(minX, maxY), new(minX, midY)];
        return spots.Select(p =>
        {
            var (best, bestMetres) = (-1, double.PositiveInfinity);
            for (var v = 0; v < nodes.Length; v++)
            {
                if (usable[v] && nodes[v].DistanceTo(p) < bestMetres)
                {
                    (best, bestMetres) = (v, nodes[v].DistanceTo(p));
                }
            }
            return best;
        }).ToArray();
    }

    /// <summary>The outgoing arcs as rows of "incoming" arcs of the reversed graph (a search over them runs forwards).</summary>
    private static (int[] Start, InArc[] Arcs) Reverse(ModeArcs arcs, int n)
    {
        var start = new int[n + 1];
        foreach (var arc in arcs.In)
        {
            start[arc.From + 1]++;
        }
        for (var v = 0; v < n; v++)
        {
            start[v + 1] += start[v];
        }
        var fill = start[..n];
        var reversed = new InArc[arcs.In.Length];
        for (var v = 0; v < n; v++)
        {
            for (var a = arcs.InStart[v]; a < arcs.InStart[v + 1]; a++)
            {
                reversed[fill[arcs.In[a].From]++] = arcs.In[a] with { From = v };
            }
        }
        return (start, reversed);
    }

    /// <summary>A full Dijkstra search over incoming rows from <paramref name="root"/>: the minutes from every node to it (infinity where none).</summary>
    private static void Search(int[] start, InArc[] arcs, int root, Span<double> minutes)
    {
        minutes.Fill(double.PositiveInfinity);
        var heap = new MinHeap();
        minutes[root] = 0;
        heap.Push(0, root);
        while (heap.Count > 0)
        {
            var v = heap.Pop(out var key);
            if (key > minutes[v])
            {
                continue;
            }
            for (var a = start[v]; a < start[v + 1]; a++)
            {
                var t = key + arcs[a].Minutes;
                if (t < minutes[arcs[a].From])
                {
                    minutes[arcs[a].From] = t;
                    heap.Push(t, arcs[a].From);
                }
            }
        }
    }
}
