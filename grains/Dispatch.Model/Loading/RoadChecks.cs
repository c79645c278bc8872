using Dispatch.Model.Geometry;
using Dispatch.Model.Roads;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// Checks of a road network against itself and the rest of the scenario: parts not connected to the
/// rest (an error naming the part's lines), zones, stations and posts far from every road (a
/// warning), and zones that no unit able to attend one of their incident types can reach on the
/// roads (an error: such calls would never be answered by road).
/// </summary>
internal sealed class RoadChecks(ProblemSink sink) : SectionBuilder(sink)
{
    /// <summary>The parts of the network (ignoring direction and modes) other than the largest: each is an error naming its lines.</summary>
    public void CheckConnected(RoadGraph graph)
    {
        var parent = Enumerable.Range(0, graph.Nodes.Length).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }
            return x;
        }
        foreach (var e in graph.Edges)
        {
            parent[Find(e.From)] = Find(e.To);
        }
        var parts = graph.Edges.Select((e, i) => (Root: Find(e.From), e.Line)).GroupBy(x => x.Root)
            .Select(g => g.Select(x => x.Line).Distinct().Order().ToList())
            .OrderByDescending(p => p.Count).ThenBy(p => p[0]).ToList();
        for (var k = 1; k < parts.Count; k++)
        {
            var lines = parts[k];
            var first = graph.Lines[lines[0]];
            var names = string.Join(", ", lines.Take(5).Select(l => $"'{graph.Lines[l].Id}'")) + (lines.Count > 5 ? $" and {lines.Count - 5} more" : "");
            Sink.File = first.File;
            Error(first.Path, $"road part {k + 1} of {parts.Count} ({lines.Count} line(s): {names}) is not connected to the rest of the network " +
                $"(the largest part has {parts[0].Count} lines); join it by a shared endpoint or vertex, or set roads.noding to \"crossings\" if the lines cross");
            Sink.File = null;
        }
    }

    /// <summary>Zones, stations and posts far from every road; zones no capable unit can reach.</summary>
    public void CheckPlaces(RoadNetwork network, List<(string Path, string? File, string PolygonPath)> origins, List<Zone> zones,
        List<Station> stations, List<UnitSpec> units, List<IncidentType> types)
    {
        double Gap(Point2 p) => Enumerable.Range(0, network.Graph.Modes.Length)
            .Where(network.Serves).Select(m => { network.NearestNode(m, p, out var d); return d; }).DefaultIfEmpty(double.PositiveInfinity).Min();
        var limit = network.MaxSnapMetres;
        foreach (var z in zones)
        {
            if (Gap(z.Shape.Centroid) is var gap && gap > limit)
            {
                Sink.File = origins[z.Index].File;
                Warning(origins[z.Index].Path, $"zone '{z.Id}' is {Num(Math.Round(gap))} m from the nearest road (more than roads.maxSnapMetres, {Num(limit)} m); its trips go that far off road");
                Sink.File = null;
            }
        }
        foreach (var s in stations)
        {
            if (Gap(s.Location) is var gap && gap > limit)
            {
                Warning($"stations[{s.Index}].location", $"station '{s.Id}' is {Num(Math.Round(gap))} m from the nearest road (more than roads.maxSnapMetres, {Num(limit)} m)");
            }
        }
        foreach (var u in units.Where(u => u.HasPost).GroupBy(u => u.Base).Select(g => g.First()))
        {
            if (Gap(u.Base) is var gap && gap > limit)
            {
                Warning($"units[id={u.Id.Split('#')[0]}].post", $"the post of unit '{u.Id}' is {Num(Math.Round(gap))} m from the nearest road (more than roads.maxSnapMetres, {Num(limit)} m)");
            }
        }
        CheckReachable(network, origins, zones, units, types);
    }

    private void CheckReachable(RoadNetwork network, List<(string Path, string? File, string PolygonPath)> origins, List<Zone> zones, List<UnitSpec> units, List<IncidentType> types)
    {
        var graph = network.Graph;
        // Per mode: the nodes reached from the bases of that mode's units (a search along the arcs).
        var reached = new Dictionary<UnitMode, bool[]>();
        foreach (var group in units.GroupBy(u => u.Mode))
        {
            var mode = (int)group.Key;
            if (!network.Serves(mode))
            {
                continue;
            }
            var starts = group.Select(u => network.NearestNode(mode, u.Base, out _)).Distinct();
            reached[group.Key] = Reach(graph, graph.Modes[mode]!, starts);
        }
        foreach (var z in zones)
        {
            foreach (var t in z.MixTypes.Select(k => types[k]))
            {
                var capable = t.CapableModes.Where(m => units.Any(u => u.Mode == m)).ToList();
                if (capable.Count == 0 || capable.Any(m => !reached.ContainsKey(m)))
                {
                    continue; // no capable unit at all is reported elsewhere; a mode off the roads travels straight
                }
                if (!capable.Any(m => reached[m][network.NearestNode((int)m, z.Shape.Centroid, out _)]))
                {
                    Sink.File = origins[z.Index].File;
                    Error(origins[z.Index].Path, $"zone '{z.Id}' cannot be reached on the roads by any unit able to attend '{t.Id}' " +
                        $"({string.Join(", ", capable.Select(m => m.ToString().ToLowerInvariant()))} units, from their stations and posts); check one-way roads and the modes allowed");
                    Sink.File = null;
                    break;
                }
            }
        }
    }

    /// <summary>The nodes reachable from <paramref name="starts"/> along the mode's arcs (forward: the arcs are stored incoming, so they are turned round first).</summary>
    private static bool[] Reach(RoadGraph graph, ModeArcs arcs, IEnumerable<int> starts)
    {
        var n = graph.Nodes.Length;
        var outStart = new int[n + 1];
        foreach (var u in arcs.InFrom)
        {
            outStart[u + 1]++;
        }
        for (var v = 0; v < n; v++)
        {
            outStart[v + 1] += outStart[v];
        }
        var fill = (int[])outStart.Clone();
        var outTo = new int[arcs.InFrom.Length];
        for (var v = 0; v < n; v++)
        {
            for (var a = arcs.InStart[v]; a < arcs.InStart[v + 1]; a++)
            {
                outTo[fill[arcs.InFrom[a]]++] = v;
            }
        }
        var seen = new bool[n];
        var stack = new Stack<int>();
        foreach (var s in starts.Where(s => s >= 0 && !seen[s]))
        {
            seen[s] = true;
            stack.Push(s);
        }
        while (stack.Count > 0)
        {
            var u = stack.Pop();
            for (var a = outStart[u]; a < outStart[u + 1]; a++)
            {
                if (!seen[outTo[a]])
                {
                    seen[outTo[a]] = true;
                    stack.Push(outTo[a]);
                }
            }
        }
        return seen;
    }
}
