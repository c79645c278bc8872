using Dispatch.Model.Geometry;
using Dispatch.Model.Roads;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// The <c>roads</c> section (inline and from GeoJSON): classes and their speeds per mode, the lines
/// (points, class or speeds, one-way, modes allowed), noding; then the graph, checked for parts not
/// connected to the rest and for coordinates that look like longitude/latitude.
/// </summary>
internal sealed class RoadsSection(ProblemSink sink) : SectionBuilder(sink)
{
    private static readonly int ModeCount = Enum.GetValues<UnitMode>().Length;

    /// <summary>The most road lines a scenario may have.</summary>
    public const int MaxLines = 1_000_000;

    /// <summary>The network, or null when there is no <c>roads</c> section or it has an error.</summary>
    public RoadNetwork? Build(RoadsDocument? d, Dictionary<UnitMode, ModeSpec> modes)
    {
        if (d is null)
        {
            return null;
        }
        var errorsBefore = Sink.Problems.Count(p => p.IsError);
        var classes = Classes(d.Classes);
        Require(d.Noding is null or "vertices" or "crossings", "roads.noding", $"'{d.Noding}' is not a noding; expected \"vertices\" (lines meet where they share an endpoint or a vertex) or \"crossings\" (also where they cross)");
        Require(d.MaxSnapMetres is null or (> 0 and <= 100_000), "roads.maxSnapMetres", $"is {Num(d.MaxSnapMetres ?? 0)}; expected metres, more than 0");
        if (d.Lines is null || d.Lines.Count == 0)
        {
            Error("roads.lines", "missing; expected at least one road line { \"points\": [[x, y], [x, y], ...], \"class\": \"...\" } (inline or through roads.geoJson)");
            return null;
        }
        if (d.Lines.Count > MaxLines)
        {
            Error("roads.lines", $"has {ScenarioLimits.Count(d.Lines.Count)} lines; the limit is {ScenarioLimits.Count(MaxLines)} (docs/roads.md)");
            return null;
        }
        var lines = new List<RoadLineSpec>();
        var ids = new Dictionary<string, string>();
        for (var i = 0; i < d.Lines.Count; i++)
        {
            var line = Line(d.Lines[i], i, classes, modes, ids);
            if (line is not null)
            {
                lines.Add(line);
            }
        }
        if (Sink.Problems.Count(p => p.IsError) > errorsBefore || lines.Count == 0)
        {
            return null;
        }
        if (LooksLikeDegrees(lines))
        {
            var first = lines[0];
            Sink.File = first.File;
            Error(first.Path, $"road coordinates look like longitude/latitude in degrees (first point [{Num(first.Points[0].X)}, {Num(first.Points[0].Y)}]); " +
                "roads are in metres on the scenario's local plane (x east, y north), like the zones; convert them, for example with a local transverse Mercator projection");
            Sink.File = null;
            return null;
        }
        var graph = RoadGraphBuilder.Build(lines, ModeCount, d.Noding == "crossings");
        new RoadChecks(Sink).CheckConnected(graph);
        return new RoadNetwork(graph) { MaxSnapMetres = d.MaxSnapMetres ?? RoadNetwork.DefaultMaxSnapMetres };
    }

    private Dictionary<string, double[]> Classes(Dictionary<string, Dictionary<string, double>>? classes)
    {
        var result = new Dictionary<string, double[]>();
        foreach (var (name, speeds) in classes ?? [])
        {
            var byMode = new double[ModeCount];
            foreach (var (modeName, kmh) in speeds ?? [])
            {
                if (!TryParseMode(modeName, out var mode))
                {
                    Error($"roads.classes.{name}.{modeName}", $"unknown mode '{modeName}'; expected {ModeList}{NameSuggestions.DidYouMean(modeName, ModeNames)}");
                    continue;
                }
                Require(kmh is > 0 and <= 300, $"roads.classes.{name}.{modeName}", $"is {Num(kmh)}; expected a speed in km/h, more than 0 (leave the mode out to keep it off this class)");
                byMode[(int)mode] = Math.Clamp(kmh, 0, 300);
            }
            result[name] = byMode;
        }
        return result;
    }

    private RoadLineSpec? Line(RoadLineDocument? l, int i, Dictionary<string, double[]> classes, Dictionary<UnitMode, ModeSpec> modes, Dictionary<string, string> ids)
    {
        if (l is null)
        {
            Error($"roads.lines[{i}]", "expected a road line object");
            return null;
        }
        Sink.File = l.OriginFile;
        var path = l.Origin ?? $"roads.lines[{i}]";
        var pointsPath = l.PointsOrigin ?? $"{path}.points";
        try
        {
            var id = l.Id ?? path;
            if (l.Id is not null)
            {
                RequireId(l.Id, path, ids, Sink.File is null ? "" : $"{Sink.File}: ");
            }
            var points = new List<Point2>();
            for (var k = 0; k < (l.Points?.Count ?? 0); k++)
            {
                if (ParsePoint(l.Points![k], pointsPath, k) is { } p)
                {
                    points.Add(p);
                }
            }
            if (l.Points is null || l.Points.Count < 2 || points.Distinct().Count() < 2)
            {
                Error(pointsPath, $"{(l.Points is null ? "missing" : $"has {points.Distinct().Count()} different point(s)")}; a road line needs at least two different points [[x, y], [x, y], ...]");
                return null;
            }
            var speeds = new double[ModeCount];
            if (l.Class is not null && !classes.ContainsKey(l.Class))
            {
                Error($"{path}.class", $"unknown road class '{l.Class}'{(classes.Count > 0 ? NameSuggestions.DidYouMean(l.Class, classes.Keys) + $"; the classes are {string.Join(", ", classes.Keys)}" : "; roads.classes defines none")}");
                return null;
            }
            foreach (var (mode, spec) in modes)
            {
                speeds[(int)mode] = l.Class is null ? spec.SpeedKmh : classes[l.Class][(int)mode];
            }
            foreach (var (modeName, kmh) in l.SpeedKmh ?? [])
            {
                if (!TryParseMode(modeName, out var mode))
                {
                    Error($"{path}.speedKmh.{modeName}", $"unknown mode '{modeName}'; expected {ModeList}{NameSuggestions.DidYouMean(modeName, ModeNames)}");
                    continue;
                }
                Require(kmh is > 0 and <= 300, $"{path}.speedKmh.{modeName}", $"is {Num(kmh)}; expected a speed in km/h, more than 0");
                speeds[(int)mode] = Math.Clamp(kmh, 0, 300);
            }
            if (l.Modes is not null)
            {
                var allowed = new bool[ModeCount];
                foreach (var name in l.Modes)
                {
                    if (TryParseMode(name, out var mode))
                    {
                        allowed[(int)mode] = true;
                    }
                    else
                    {
                        Error($"{path}.modes", $"unknown mode '{name}'; expected {ModeList}{NameSuggestions.DidYouMean(name ?? "", ModeNames)}");
                    }
                }
                for (var m = 0; m < ModeCount; m++)
                {
                    speeds[m] = allowed[m] ? speeds[m] : 0;
                }
            }
            if (speeds.All(s => s <= 0))
            {
                Warning(path, "no mode may use this road (its class, speeds and modes leave none); it is left out");
                return null;
            }
            return new RoadLineSpec(id, [.. points], speeds, l.OneWay ?? false) { Path = path, File = Sink.File };
        }
        finally
        {
            Sink.File = null;
        }
    }

    /// <summary>Every point within |x| &lt;= 180 and |y| &lt;= 90 and the whole network less than 1 "metre" across: degrees typed as metres.</summary>
    private static bool LooksLikeDegrees(List<RoadLineSpec> lines)
    {
        var points = lines.SelectMany(l => l.Points).ToList();
        if (points.Any(p => Math.Abs(p.X) > 180 || Math.Abs(p.Y) > 90))
        {
            return false;
        }
        var span = Math.Max(points.Max(p => p.X) - points.Min(p => p.X), points.Max(p => p.Y) - points.Min(p => p.Y));
        return span < 1 && points.Any(p => Math.Abs(p.X) >= 1 || Math.Abs(p.Y) >= 1);
    }
}
