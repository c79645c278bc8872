using System.Collections.Concurrent;
using System.Globalization;
using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using NetTopologySuite.Operation.Valid;

namespace Dispatch.Model.Scenarios;

/// <summary>Zones: profiles, polygons and incident-type mixes.</summary>
public sealed partial class ScenarioBuilder
{
    // Called once per run, so tiered compilation would leave it unoptimised for a process's first
    // 30 runs: optimised at once instead (docs/performance.md).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private List<Zone> BuildZones(ScenarioDocument d, List<IncidentType> types)
    {
        var zones = new List<Zone>();
        var ids = new Dictionary<string, string>();
        if (d.Zones is null || d.Zones.Count == 0)
        {
            Error("zones", "missing; at least one zone is needed (inline or through zonesGeoJson)");
            return zones;
        }
        var typeIndex = new Dictionary<string, int>();
        foreach (var t in types)
        {
            typeIndex.TryAdd(t.Id, t.Index);
        }
        var plainShapes = PlainShapes(d.Zones);
        for (var i = 0; i < d.Zones.Count; i++)
        {
            var z = d.Zones[i];
            if (z is null)
            {
                Error($"zones[{i}]", "expected a zone object");
                continue;
            }
            _file = z.OriginFile;
            var path = z.Origin ?? $"zones[{i}]";
            var where = _file is null ? "" : $"{_file}: ";
            var id = RequireId(z.Id, path, ids, where);
            var rate = z.RatePerHour ?? -1;
            if (rate is not (>= 0 and <= ScenarioLimits.MaxRatePerHour))
            {
                // Messages are formatted only for an error (numbers are costly to format, zone by zone).
                Error($"{path}.ratePerHour",
                    z.RatePerHour is null ? "missing; expected the base incident rate in incidents per hour (0 or more)"
                    : rate < 0 ? $"is {Num(rate)}; expected incidents per hour, 0 or more"
                    : $"is {Num(rate)} incidents per hour; the limit is {Num(ScenarioLimits.MaxRatePerHour)} per zone (see the limits in the scenario format, section 6)");
            }
            var hour = Profile(z.HourProfile, d, z.Profile, p => p.Hour, 24, $"{path}.hourProfile", $"{path}.profile");
            var day = Profile(z.DayProfile, d, z.Profile, p => p.Day, 7, $"{path}.dayProfile", $"{path}.profile");
            var shape = plainShapes[i] ?? BuildShape(z.Polygon, z.PolygonOrigin ?? $"{path}.polygon");
            var (mixTypes, mixCumulative) = BuildMix(z.TypeMix, typeIndex, types.Count, $"{path}.typeMix");
            if (z.PostOfficers is not (null or (>= 0 and <= 20)))
            {
                Error($"{path}.postOfficers", $"is {z.PostOfficers}; expected a whole number from 0 to 20");
            }
            CheckKind(z.Kind, $"{path}.kind");
            if (shape is not null)
            {
                zones.Add(new Zone(zones.Count, id, z.Name ?? id, z.Kind ?? ZoneKinds.District, shape, Math.Clamp(rate, 0, ScenarioLimits.MaxRatePerHour), hour, day, mixTypes, mixCumulative)
                {
                    PostOfficers = z.PostOfficers,
                });
                _zoneOrigins.Add((path, _file, z.PolygonOrigin ?? $"{path}.polygon"));
            }
            _file = null;
        }
        return zones;
    }

    /// <summary>A kind that differs from a known kind only by case or a letter or two is probably a typo.</summary>
    private void CheckKind(string? kind, string path)
    {
        if (kind is null || ZoneKinds.All.Contains(kind))
        {
            return;
        }
        if (NameSuggestions.Nearest(kind, ZoneKinds.All) is { } known)
        {
            var effect = kind.Equals(ZoneKinds.District, StringComparison.OrdinalIgnoreCase) || known == ZoneKinds.District
                ? "as written it is not the background kind, so this zone is a hotspot"
                : "as written it is a hotspot kind with no special treatment";
            Warning(path, $"'{kind}' is not a known kind{NameSuggestions.DidYouMean(kind, ZoneKinds.All)} ({effect})");
        }
    }

    /// <summary>Named profiles' lists, checked once each (problems reported at the profile, not at every zone using it).</summary>
    private readonly Dictionary<(string Name, int Length), double[]> _namedProfiles = [];

    private double[] Profile(double[]? inline, ScenarioDocument d, string? named, Func<ProfileDocument, double[]?> pick, int length, string path, string profilePath)
    {
        if (inline is null && named is not null && d.Profiles?.TryGetValue(named, out var profile) == true)
        {
            if (!_namedProfiles.TryGetValue((named, length), out var checkedValues))
            {
                var file = _file;
                _file = null; // profiles are in the scenario file, whichever file the zone came from
                checkedValues = Values(profile is null ? null : pick(profile), length, $"profiles.{named}.{(length == 24 ? "hour" : "day")}");
                _file = file;
                _namedProfiles[(named, length)] = checkedValues;
            }
            return (double[])checkedValues.Clone(); // each zone its own array, as for an inline profile
        }
        var values = inline;
        if (values is null && named is not null)
        {
            if (path.EndsWith(".hourProfile", StringComparison.Ordinal))
            {
                // Reported once per zone (the day profile comes from the same name).
                Error(profilePath, $"unknown profile '{named}'{(d.Profiles is { Count: > 0 } ? NameSuggestions.DidYouMean(named, d.Profiles.Keys) : "; the scenario defines no profiles")}");
            }
        }
        return Values(values, length, path);
    }

    /// <summary>A profile's multipliers (all 1 when absent or of the wrong length), problems reported at <paramref name="path"/>.</summary>
    private double[] Values(double[]? values, int length, string path)
    {
        if (values is null)
        {
            return Enumerable.Repeat(1.0, length).ToArray();
        }
        if (values.Length != length)
        {
            Error(path, $"has {values.Length} values; expected {length} ({(length == 24 ? "one per hour, 00:00-01:00 first" : "one per day, Monday first")})");
            return Enumerable.Repeat(1.0, length).ToArray();
        }
        for (var k = 0; k < values.Length; k++)
        {
            if (values[k] is not (>= 0 and <= ScenarioLimits.MaxMultiplier))
            {
                Error($"{path}[{k}]",
                    values[k] < 0 ? $"is {Num(values[k])}; multipliers must be 0 or more" : $"is {Num(values[k])}; the largest multiplier allowed is {Num(ScenarioLimits.MaxMultiplier)}");
            }
        }
        return values.Select(v => Math.Clamp(v, 0, ScenarioLimits.MaxMultiplier)).ToArray();
    }

    /// <summary>Below this many zones the shapes are built on one core (starting the others would cost more).</summary>
    private const int ParallelShapesFrom = 256;

    /// <summary>
    /// The shapes of the zones whose polygons are plain (see <see cref="PlainShape"/>), built on
    /// every core at once: outlines are most of the work of building a big scenario, and each is
    /// independent of the others. Null where a polygon is not plain; <see cref="BuildShape"/> then
    /// goes through it in order and says what is wrong.
    /// </summary>
    private static ZoneShape?[] PlainShapes(List<ZoneDocument> zones)
    {
        var shapes = new ZoneShape?[zones.Count];
        if (zones.Count < ParallelShapesFrom)
        {
            for (var i = 0; i < zones.Count; i++)
            {
                shapes[i] = PlainShape(zones[i]?.Polygon);
            }
            return shapes;
        }
        var chunk = Math.Max(64, zones.Count / (4 * Environment.ProcessorCount));
        Parallel.ForEach(Partitioner.Create(0, zones.Count, chunk), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                shapes[i] = PlainShape(zones[i]?.Polygon);
            }
        });
        return shapes;
    }

    /// <summary>
    /// The shape of a polygon that passes every check of <see cref="BuildShape"/> (at least 3
    /// different points, each two finite numbers within the coordinate limit, not all on one line,
    /// a simple ring, a positive area), else null. Pure, so it can run on any thread.
    /// </summary>
    private static ZoneShape? PlainShape(List<double[]>? polygon)
    {
        if (polygon is not { Count: >= 3 })
        {
            return null;
        }
        var points = new List<Point2>(polygon.Count);
        foreach (var xy in polygon)
        {
            if (!IsPlainPoint(xy))
            {
                return null;
            }
            points.Add(new Point2(xy[0], xy[1]));
        }
        if (DifferentPoints(points) < 3 || Collinear(points))
        {
            return null;
        }
        ZoneShape shape;
        try
        {
            shape = new ZoneShape(points);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var simple = shape.IsCertainlySimple() || new IsValidOp(shape.Polygon).ValidationError is null;
        return simple && shape.Area > 0 ? shape : null;
    }

    /// <summary>The shape of a polygon, or null after reporting what is wrong with it (in the order a reader would fix it).</summary>
    private ZoneShape? BuildShape(List<double[]>? polygon, string path)
    {
        if (polygon is null)
        {
            Error(path, "missing; expected at least 3 points [x, y] in metres");
            return null;
        }
        if (polygon.Count < 3)
        {
            Error(path, $"has {polygon.Count} point(s); a polygon needs at least 3 points [x, y] in metres");
            return null;
        }
        var points = new List<Point2>();
        var ok = true;
        for (var k = 0; k < polygon.Count; k++)
        {
            var point = ParsePoint(polygon[k], path, k);
            ok &= point is not null;
            points.Add(point ?? default);
        }
        if (!ok)
        {
            return null;
        }
        if (DifferentPoints(points) < 3)
        {
            Error(path, $"has only {DifferentPoints(points)} different point(s); a polygon needs at least 3");
            return null;
        }
        ZoneShape shape;
        try
        {
            shape = new ZoneShape(points);
        }
        catch (ArgumentException e)
        {
            Error(path, $"is not a valid polygon ({e.Message})");
            return null;
        }
        if (Collinear(points))
        {
            Error(path, "has zero area (all its points lie on one line); expected the outline of an area");
            return null;
        }
        // A small ring that is certainly simple needs no IsValidOp (about a third of the build).
        var validity = shape.IsCertainlySimple() ? null : new IsValidOp(shape.Polygon).ValidationError;
        if (validity is not null)
        {
            var (where, message) = DescribeCrossing(points, validity.Coordinate, path);
            Error(where, message);
            return null;
        }
        if (!(shape.Area > 0))
        {
            Error(path, "has zero area; expected the outline of an area");
            return null;
        }
        return shape;
    }

    /// <summary>How many different points there are (as <c>points.Distinct().Count()</c>), but at most 3: enough to tell a polygon.</summary>
    private static int DifferentPoints(List<Point2> points)
    {
        Span<Point2> seen = stackalloc Point2[3];
        var count = 0;
        foreach (var p in points)
        {
            if (!seen[..count].Contains(p))
            {
                seen[count++] = p;
                if (count == 3)
                {
                    break;
                }
            }
        }
        return count;
    }

    private static bool Collinear(List<Point2> points)
    {
        var a = points[0];
        var b = default(Point2);
        foreach (var p in points)
        {
            if (p != a)
            {
                b = p;
                break;
            }
        }
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        foreach (var p in points)
        {
            var (ex, ey) = (p.X - a.X, p.Y - a.Y);
            var other = Math.Sqrt(ex * ex + ey * ey);
            if (!(other == 0 || Math.Abs(dx * ey - dy * ex) <= 1e-12 * length * other))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Names the edges of an invalid ring that meet at <paramref name="at"/>.</summary>
    private static (string Location, string Message) DescribeCrossing(List<Point2> points, NetTopologySuite.Geometries.Coordinate? at, string path)
    {
        var n = points.Count;
        if (n > 3 && points[0] == points[^1])
        {
            n--; // the closing point repeats the first
        }
        var where = at is null ? "" : $" at ({Num(at.X)}, {Num(at.Y)})";
        if (at is null)
        {
            return (path, "is not a simple polygon (its edges cross); expected an outline whose edges do not cross");
        }
        var scale = points.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y)));
        var tolerance = Math.Max(1e-9, scale * 1e-9);
        var near = new List<int>();
        for (var k = 0; k < n; k++)
        {
            if (DistanceToSegment(at, points[k], points[(k + 1) % n]) <= tolerance)
            {
                near.Add(k);
            }
        }
        // Two edges that are not neighbours along the ring (neighbours always share a point).
        foreach (var a in near)
        {
            foreach (var b in near)
            {
                if (b > a && b != a + 1 && !(a == 0 && b == n - 1))
                {
                    return ($"{path}[{a}]",
                        $"is not a simple polygon: the edge from point {a} to point {(a + 1) % n} and the edge from point {b} to point {(b + 1) % n} cross{where}; " +
                        "expected an outline whose edges do not cross (points in order around the area)");
                }
            }
        }
        var first = near.Count > 0 ? near[0] : 0;
        return ($"{path}[{first}]", $"is not a simple polygon: its outline touches or crosses itself{where}, near point {first}; expected an outline whose edges do not cross");
    }

    private static double DistanceToSegment(NetTopologySuite.Geometries.Coordinate c, Point2 a, Point2 b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = dx * dx + dy * dy;
        var t = length == 0 ? 0 : Math.Clamp(((c.X - a.X) * dx + (c.Y - a.Y) * dy) / length, 0, 1);
        var (px, py) = (a.X + t * dx - c.X, a.Y + t * dy - c.Y);
        return Math.Sqrt(px * px + py * py);
    }

    private (int[] Types, double[] Cumulative) BuildMix(Dictionary<string, double>? mix, Dictionary<string, int> typeIndex, int typeCount, string path)
    {
        if (mix is null || mix.Count == 0)
        {
            // No mix given: all types equally likely.
            var all = Enumerable.Range(0, typeCount).ToArray();
            return (all, all.Select(k => (k + 1.0) / typeCount).ToArray());
        }
        var ids = new List<int>();
        var cumulative = new List<double>();
        var sum = 0.0;
        var ok = true;
        foreach (var (name, share) in mix)
        {
            if (!typeIndex.TryGetValue(name, out var index))
            {
                Error($"{path}.{name}", $"unknown incident type '{name}'{(typeCount > 0 ? NameSuggestions.DidYouMean(name, typeIndex.Keys) : "")}");
                ok = false;
                continue;
            }
            if (share is < 0 or > 1)
            {
                Error($"{path}.{name}", $"is {Num(share)}; expected a share between 0 and 1");
                ok = false;
            }
            sum += share;
            ids.Add(index);
            cumulative.Add(sum);
        }
        if (ok && Math.Abs(sum - 1) >= 1e-6)
        {
            Error(path, $"shares sum to {Num(sum)}; expected 1 (within 0.000001)");
        }
        if (cumulative.Count > 0)
        {
            cumulative[^1] = 1.0;
        }
        return (ids.ToArray(), cumulative.ToArray());
    }
}
