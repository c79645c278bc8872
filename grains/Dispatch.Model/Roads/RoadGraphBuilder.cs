using Dispatch.Model.Geometry;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;
using NetTopologySuite.Noding;

namespace Dispatch.Model.Roads;

/// <summary>
/// Builds a <see cref="RoadGraph"/> from road lines: a node at every vertex of every line, one node
/// where lines share an endpoint or a vertex (coordinates equal to the centimetre) and, with
/// <c>atCrossings</c>, where they cross (NetTopologySuite's noder splits the lines there); an edge
/// per segment, measured by NetTopologySuite.
/// </summary>
public static class RoadGraphBuilder
{
    private static readonly GeometryFactory Factory = new();

    public static RoadGraph Build(IReadOnlyList<RoadLineSpec> lines, int modeCount, bool atCrossings)
    {
        var pieces = atCrossings ? Noded(lines) : lines.Select((l, i) => (i, Clean(l.Points))).ToList();
        var nodeIndex = new Dictionary<(long, long), int>();
        var nodes = new List<Point2>();
        var edges = new List<RoadEdge>();
        var geometry = new List<Point2>();
        int NodeOf(Point2 p)
        {
            var key = Key(p);
            if (!nodeIndex.TryGetValue(key, out var n))
            {
                n = nodes.Count;
                nodeIndex[key] = n;
                nodes.Add(p);
            }
            return n;
        }
        foreach (var (lineIndex, points) in pieces)
        {
            if (points.Length < 2)
            {
                continue;
            }
            // Every vertex is a node (so that a trip joins a long road near where it starts, not at
            // the road's far end); lines sharing a vertex or an endpoint share that node.
            var line = Factory.CreateLineString(points.Select(p => new Coordinate(p.X, p.Y)).ToArray());
            for (var k = 1; k < points.Length; k++)
            {
                var metres = line.GetCoordinateN(k - 1).Distance(line.GetCoordinateN(k));
                edges.Add(new RoadEdge(lineIndex, NodeOf(points[k - 1]), NodeOf(points[k]), metres, geometry.Count, 2));
                geometry.Add(points[k - 1]);
                geometry.Add(points[k]);
            }
        }
        var edgeArray = edges.ToArray();
        var modes = new ModeArcs?[modeCount];
        for (var m = 0; m < modeCount; m++)
        {
            modes[m] = Arcs(lines, edgeArray, nodes.Count, m);
        }
        return new RoadGraph(nodes.ToArray(), edgeArray, geometry.ToArray(), [.. lines], modes);
    }

    /// <summary>A point's key: its coordinates to the centimetre.</summary>
    internal static (long, long) Key(Point2 p) => ((long)Math.Round(p.X * 100), (long)Math.Round(p.Y * 100));

    private static Point2[] Clean(Point2[] points)
    {
        var clean = new List<Point2>(points.Length);
        foreach (var p in points)
        {
            if (clean.Count == 0 || Key(clean[^1]) != Key(p))
            {
                clean.Add(p);
            }
        }
        return clean.ToArray();
    }

    /// <summary>The lines split where they cross one another (NetTopologySuite's monotone-chain noder).</summary>
    private static List<(int Line, Point2[] Points)> Noded(IReadOnlyList<RoadLineSpec> lines)
    {
        var strings = new List<ISegmentString>();
        for (var i = 0; i < lines.Count; i++)
        {
            var clean = Clean(lines[i].Points);
            if (clean.Length >= 2)
            {
                strings.Add(new NodedSegmentString(clean.Select(p => new Coordinate(p.X, p.Y)).ToArray(), i));
            }
        }
        var noder = new MCIndexNoder(new IntersectionAdder(new RobustLineIntersector()));
        noder.ComputeNodes(strings);
        return noder.GetNodedSubstrings()
            .Select(s => ((int)s.Context, Clean(s.Coordinates.Select(c => new Point2(c.X, c.Y)).ToArray())))
            .ToList();
    }

    private static ModeArcs? Arcs(IReadOnlyList<RoadLineSpec> lines, RoadEdge[] edges, int nodeCount, int mode)
    {
        var count = new int[nodeCount + 1];
        var maxSpeed = 0.0;
        foreach (var e in edges)
        {
            var line = lines[e.Line];
            if (line.SpeedKmh[mode] <= 0)
            {
                continue;
            }
            maxSpeed = Math.Max(maxSpeed, line.SpeedKmh[mode]);
            count[e.To + 1]++;
            if (!line.OneWay)
            {
                count[e.From + 1]++;
            }
        }
        if (maxSpeed <= 0)
        {
            return null;
        }
        for (var v = 0; v < nodeCount; v++)
        {
            count[v + 1] += count[v];
        }
        var start = (int[])count.Clone();
        var fill = (int[])count.Clone();
        var total = count[nodeCount];
        var from = new int[total];
        var minutes = new double[total];
        var via = new int[total];
        var hasArc = new bool[nodeCount];
        void Add(int to, int source, double mins, int edge)
        {
            var at = fill[to]++;
            from[at] = source;
            minutes[at] = mins;
            via[at] = edge;
            hasArc[to] = hasArc[source] = true;
        }
        for (var i = 0; i < edges.Length; i++)
        {
            var e = edges[i];
            var line = lines[e.Line];
            var speed = line.SpeedKmh[mode];
            if (speed <= 0)
            {
                continue;
            }
            var mins = e.Metres / (speed * 1000.0 / 60.0);
            Add(e.To, e.From, mins, i << 1);
            if (!line.OneWay)
            {
                Add(e.From, e.To, mins, (i << 1) | 1);
            }
        }
        return new ModeArcs(start, from, minutes, via, hasArc, maxSpeed * 1000.0 / 60.0);
    }
}
