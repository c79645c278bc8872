using Dispatch.Model.Geometry;

namespace Dispatch.Model.Roads;

/// <summary>
/// A scenario's road network ready to travel on: the <see cref="RoadGraph"/> and, per mode, the
/// grid that finds the nearest node a unit of that mode can use. Built once when the scenario is
/// loaded and shared, read-only, by all its runs.
/// </summary>
public sealed class RoadNetwork
{
    private readonly NodeGrid?[] _grids;
    private readonly Lazy<Landmarks> _landmarks;

    public RoadNetwork(RoadGraph graph)
    {
        Graph = graph;
        _grids = graph.Modes.Select(m => m is null ? null : new NodeGrid(graph.Nodes, m.HasArc)).ToArray();
        _landmarks = new(() => new Landmarks(graph), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The landmark times for lower bounds (worked out on first use, then shared by every run).</summary>
    public Landmarks Landmarks => _landmarks.Value;

    public RoadGraph Graph { get; }

    /// <summary>The default of <see cref="MaxSnapMetres"/>.</summary>
    public const double DefaultMaxSnapMetres = 500;

    /// <summary>Zones, stations and posts farther than this from every road are reported.</summary>
    public double MaxSnapMetres { get; init; } = DefaultMaxSnapMetres;

    /// <summary>Whether units of mode index <paramref name="mode"/> may use any road.</summary>
    public bool Serves(int mode) => _grids[mode] is { Count: > 0 };

    /// <summary>The nearest node usable by the mode, and how far it is; -1 when the mode uses no road.</summary>
    public int NearestNode(int mode, Point2 p, out double metres)
    {
        metres = double.PositiveInfinity;
        return _grids[mode]?.Nearest(p, out metres) ?? -1;
    }
}
