using Dispatch.Model.Geometry;

namespace Dispatch.Model.Roads;

/// <summary>
/// The road network as a graph: nodes (where lines share endpoints or vertices, and optionally where
/// they cross), edges (the road pieces between two nodes, with their geometry and length), and per
/// mode the arcs a unit of that mode may travel with their minutes, in flat arrays (compressed rows
/// of incoming arcs, for searches towards a target). Immutable once built; shared by every run of a
/// scenario. Built by <see cref="RoadGraphBuilder"/>.
/// </summary>
public sealed class RoadGraph
{
    internal RoadGraph(Point2[] nodes, RoadEdge[] edges, Point2[] geometry, RoadLineSpec[] lines, ModeArcs?[] modes)
    {
        Nodes = nodes;
        Edges = edges;
        Geometry = geometry;
        Lines = lines;
        Modes = modes;
    }

    /// <summary>Node positions, by node index.</summary>
    public Point2[] Nodes { get; }

    /// <summary>The road pieces between two nodes.</summary>
    public RoadEdge[] Edges { get; }

    /// <summary>The points of every edge, edge after edge (see <see cref="RoadEdge.GeometryStart"/>).</summary>
    public Point2[] Geometry { get; }

    /// <summary>The lines the graph was built from.</summary>
    public RoadLineSpec[] Lines { get; }

    /// <summary>The arcs of each mode by mode index; null where the mode may use no road.</summary>
    public ModeArcs?[] Modes { get; }

    /// <summary>Bytes held by the graph's arrays (for the documented memory bound).</summary>
    public long Bytes => Nodes.Length * 16L + Edges.Length * 32L + Geometry.Length * 16L
        + Modes.Sum(m => m is null ? 0 : m.Bytes);
}

/// <summary>A road piece between two nodes: its line, its end nodes, length and points (from <see cref="From"/> to <see cref="To"/>).</summary>
public readonly record struct RoadEdge(int Line, int From, int To, double Metres, int GeometryStart, int GeometryCount);

/// <summary>
/// The arcs one mode may travel, as incoming rows: the arcs into node v are
/// <c>InStart[v] .. InStart[v + 1] - 1</c>, each from <see cref="InFrom"/> taking <see cref="InMinutes"/>,
/// along edge <c>InEdge &gt;&gt; 1</c> (forwards when <c>InEdge &amp; 1</c> is 0).
/// </summary>
public sealed class ModeArcs
{
    internal ModeArcs(int[] inStart, int[] inFrom, double[] inMinutes, int[] inEdge, bool[] hasArc, double maxMetresPerMinute)
    {
        InStart = inStart;
        InFrom = inFrom;
        InMinutes = inMinutes;
        InEdge = inEdge;
        HasArc = hasArc;
        MaxMetresPerMinute = maxMetresPerMinute;
        In = new InArc[inFrom.Length];
        for (var a = 0; a < inFrom.Length; a++)
        {
            In[a] = new InArc(inFrom[a], inEdge[a], inMinutes[a]);
        }
    }

    /// <summary>The same arcs as <see cref="InFrom"/>, <see cref="InEdge"/> and <see cref="InMinutes"/>, side by side (one memory read an arc in the searches).</summary>
    public InArc[] In { get; }

    public int[] InStart { get; }

    public int[] InFrom { get; }

    public double[] InMinutes { get; }

    public int[] InEdge { get; }

    /// <summary>Whether a node has an arc of this mode (the nodes a trip may start or end at).</summary>
    public bool[] HasArc { get; }

    /// <summary>The fastest road speed of the mode, metres per minute (for lower bounds).</summary>
    public double MaxMetresPerMinute { get; }

    internal long Bytes => InStart.Length * 4L + InFrom.Length * 32L + HasArc.Length;
}

/// <summary>One incoming arc: from node <see cref="From"/> along edge <c>Edge &gt;&gt; 1</c> (forwards when <c>Edge &amp; 1</c> is 0) in <see cref="Minutes"/>.</summary>
public readonly record struct InArc(int From, int Edge, double Minutes);
