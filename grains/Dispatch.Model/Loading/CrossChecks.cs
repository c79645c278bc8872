using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// Checks across the sections of a scenario: coordinates that look like longitude/latitude, stations
/// and posts far from every zone, school posts that need more officers than can be drafted, incident
/// types no unit can attend.
/// </summary>
internal sealed class CrossChecks(ProblemSink sink) : SectionBuilder(sink)
{
    /// <summary>
    /// Longitude/latitude typed where metres are expected: every point within |x| &lt;= 180 and
    /// |y| &lt;= 90, the whole zone less than 1 "metre" across (a zone under 111 km across in degrees)
    /// and away from the origin (a local plane's origin is usually at the district's corner).
    /// </summary>
    private static bool LooksLikeDegrees(Zone z)
    {
        var ring = z.Shape.Ring;
        if (ring.Any(p => Math.Abs(p.X) > 180 || Math.Abs(p.Y) > 90))
        {
            return false;
        }
        var span = Math.Max(ring.Max(p => p.X) - ring.Min(p => p.X), ring.Max(p => p.Y) - ring.Min(p => p.Y));
        var c = z.Shape.Centroid;
        return span < 1 && Math.Sqrt(c.X * c.X + c.Y * c.Y) >= 1;
    }

    public void CheckCoordinates(List<(string Path, string? File, string PolygonPath)> origins, List<Zone> zones, List<Station> stations, List<UnitSpec> units, ScenarioDocument d)
    {
        var degrees = zones.Where(LooksLikeDegrees).ToList();
        foreach (var group in degrees.GroupBy(z => origins[z.Index].File))
        {
            var first = group.First();
            var origin = origins[first.Index];
            var p = first.Shape.Ring[0];
            Sink.File = origin.File;
            Error(origin.PolygonPath,
                $"coordinates look like longitude/latitude in degrees (first point [{Num(p.X)}, {Num(p.Y)}]; read as metres the zone would be {Num(Span(first))} m across); " +
                "this format expects metres on a local plane (x east, y north from an origin you choose). " +
                $"{group.Count()} zone(s) in this file look like this; " +
                "convert them to metres, for example with a local transverse Mercator projection");
            Sink.File = null;
        }
        if (degrees.Count > 0 || zones.Count == 0)
        {
            return;
        }
        // Stations and posts far from every zone: most likely a typo or another coordinate system.
        var points = zones.SelectMany(z => z.Shape.Ring).ToList();
        var (minX, maxX, minY, maxY) = (points.Min(q => q.X), points.Max(q => q.X), points.Min(q => q.Y), points.Max(q => q.Y));
        var limit = Math.Max(10_000, Math.Sqrt((maxX - minX) * (maxX - minX) + (maxY - minY) * (maxY - minY)));
        void Far(double x, double y, string path, string what)
        {
            var dx = Math.Max(Math.Max(minX - x, 0), x - maxX);
            var dy = Math.Max(Math.Max(minY - y, 0), y - maxY);
            var distance = Math.Sqrt(dx * dx + dy * dy);
            if (distance > limit)
            {
                Warning(path, $"the {what} is {Num(Math.Round(distance / 1000, 1))} km from the nearest zone (the zones lie within x {Num(minX)} to {Num(maxX)}, " +
                    $"y {Num(minY)} to {Num(maxY)}); check the coordinates (metres on a local plane, x east and y north)");
            }
        }
        for (var i = 0; i < (d.Stations?.Count ?? 0); i++)
        {
            if (d.Stations![i]?.Location is [var x, var y] && double.IsFinite(x) && double.IsFinite(y))
            {
                Far(x, y, $"stations[{i}].location", "station");
            }
        }
        for (var i = 0; i < (d.Units?.Count ?? 0); i++)
        {
            if (d.Units![i]?.Post is [var x, var y] && double.IsFinite(x) && double.IsFinite(y))
            {
                Far(x, y, $"units[{i}].post", "post");
            }
        }
    }

    private static double Span(Zone z)
    {
        var ring = z.Shape.Ring;
        return Math.Max(ring.Max(p => p.X) - ring.Min(p => p.X), ring.Max(p => p.Y) - ring.Min(p => p.Y));
    }

    /// <summary>School posts need (gates x officers) units of the pool modes at once; warn when the pool is smaller.</summary>
    public void CheckSchoolPostDemand(SchoolPostOptions? school, List<Zone> zones, List<UnitSpec> units)
    {
        if (school is null || zones.Count == 0)
        {
            return;
        }
        var gates = zones.Where(z => z.IsHotspot && z.Kind == school.ZoneKind).ToList();
        if (gates.Count == 0)
        {
            var kinds = zones.Where(z => z.IsHotspot).Select(z => z.Kind).Distinct().ToList();
            Warning("schoolPosts.zoneKind",
                $"no hotspot zone has kind '{school.ZoneKind}', so no school post will be staffed{NameSuggestions.DidYouMean(school.ZoneKind, kinds)}");
            return;
        }
        var demand = gates.Sum(z => z.PostOfficers ?? school.OfficersPerPost);
        var pool = units.Count(u => !u.IsSurge && u.Duty != Duty.Post && school.PoolModes.Contains(u.Mode));
        if (pool < demand)
        {
            var modes = string.Join(", ", school.PoolModes.Order().Select(m => m.ToString().ToLowerInvariant()));
            Warning("schoolPosts",
                $"the {gates.Count} school-gate post(s) need {demand} officer(s) at once in each window, but only {pool} unit(s) can ever be drafted " +
                $"(modes {(modes.Length > 0 ? modes : "none")}, not surge units, not on post duty, counting every shift); some gates will stay short");
        }
    }

    public void CheckCapableUnits(List<IncidentType> types, List<UnitSpec> units, List<IncidentTypeDocument>? documents)
    {
        if (units.Count == 0 || documents is null)
        {
            return;
        }
        var present = units.Select(u => u.Mode).ToHashSet();
        foreach (var type in types)
        {
            if (!type.CapableModes.Overlaps(present))
            {
                var index = documents.FindIndex(t => t?.Id == type.Id);
                var modes = string.Join(", ", type.CapableModes.Order().Select(m => m.ToString().ToLowerInvariant()));
                Warning(index >= 0 ? $"incidentTypes[{index}].modes" : "incidentTypes",
                    $"no unit has a mode that can attend '{type.Id}' ({modes}); its incidents will wait in the queue until the end of the run");
            }
        }
    }
}
