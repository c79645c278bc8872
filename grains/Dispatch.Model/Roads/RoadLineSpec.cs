using Dispatch.Model.Geometry;

namespace Dispatch.Model.Roads;

/// <summary>
/// One road line of a scenario, validated: its points (metres), its speed in km/h for each mode by
/// mode index (0: the mode may not use it) and whether it may be travelled only from its first point
/// towards its last.
/// </summary>
public sealed record RoadLineSpec(string Id, Point2[] Points, double[] SpeedKmh, bool OneWay)
{
    /// <summary>Where the line was written (path, and file when read from GeoJSON), for messages.</summary>
    public string Path { get; init; } = Id;

    /// <summary>The GeoJSON file the line came from (null: the scenario file).</summary>
    public string? File { get; init; }
}
