using System.Text.Json.Serialization;

namespace Dispatch.Model.Scenarios;

/// <summary>The <c>roads</c> section: a road network travelled on instead of straight lines (docs/roads.md).</summary>
public sealed class RoadsDocument
{
    /// <summary>Speeds (km/h) per road class and mode, such as <c>{ "arterial": { "car": 50, "foot": 5 } }</c>.</summary>
    public Dictionary<string, Dictionary<string, double>>? Classes { get; set; }

    /// <summary>Where nodes are formed: <c>vertices</c> (lines meet where they share an endpoint or a vertex, the default) or <c>crossings</c> (also where lines cross).</summary>
    public string? Noding { get; set; }

    /// <summary>A zone, station or post farther than this from every road is reported (default 500 m).</summary>
    public double? MaxSnapMetres { get; set; }

    /// <summary>A GeoJSON FeatureCollection of LineString features in metres, relative to the scenario file; read into <see cref="Lines"/>.</summary>
    public string? GeoJson { get; set; }

    /// <summary>The roads written inline (and those read from <see cref="GeoJson"/>).</summary>
    public List<RoadLineDocument>? Lines { get; set; }
}

/// <summary>One road line: a polyline with a class or speeds, optionally one-way or for some modes only.</summary>
public sealed class RoadLineDocument
{
    public string? Id { get; set; }
    public string? Class { get; set; }
    public List<double[]>? Points { get; set; }
    public Dictionary<string, double>? SpeedKmh { get; set; }
    public bool? OneWay { get; set; }
    public List<string>? Modes { get; set; }

    /// <summary>Where the line came from when read from GeoJSON (for messages), such as <c>features[3].properties</c>.</summary>
    [JsonIgnore]
    public string? Origin { get; set; }

    /// <summary>The GeoJSON file the line was read from (null for an inline line).</summary>
    [JsonIgnore]
    public string? OriginFile { get; set; }

    /// <summary>Path of the line's points in <see cref="OriginFile"/>, such as <c>features[3].geometry.coordinates</c>.</summary>
    [JsonIgnore]
    public string? PointsOrigin { get; set; }
}
