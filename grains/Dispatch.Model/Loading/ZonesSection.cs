using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>The <c>zones</c> section (inline and from GeoJSON): ids, rates, profiles, kinds, polygons, incident-type mixes.</summary>
internal sealed class ZonesSection(ProblemSink sink) : SectionBuilder(sink)
{
    private readonly ZoneShapes _shapes = new(sink);

    /// <summary>Where each built zone came from (path and file), by zone index, for messages.</summary>
    public List<(string Path, string? File, string PolygonPath)> Origins { get; } = [];

    public List<Zone> Build(ScenarioDocument d, List<IncidentType> types)
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
        var plainShapes = ZoneShapes.PlainShapes(d.Zones);
        for (var i = 0; i < d.Zones.Count; i++)
        {
            var z = d.Zones[i];
            if (z is null)
            {
                Error($"zones[{i}]", "expected a zone object");
                continue;
            }
            Sink.File = z.OriginFile;
            var path = z.Origin ?? $"zones[{i}]";
            var where = Sink.File is null ? "" : $"{Sink.File}: ";
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
            var week = WeekProfile(z, d, path);
            var shape = plainShapes[i] ?? _shapes.Build(z.Polygon, z.PolygonOrigin ?? $"{path}.polygon");
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
                    WeekProfile = week,
                });
                Origins.Add((path, Sink.File, z.PolygonOrigin ?? $"{path}.polygon"));
            }
            Sink.File = null;
        }
        return zones;
    }

    /// <summary>
    /// The zone's 24 x 7 profile (inline <c>weekProfile</c> or its named profile's <c>week</c>), or
    /// null; an alternative to hour and day profiles, so a zone cannot have both.
    /// </summary>
    private double[]? WeekProfile(ZoneDocument z, ScenarioDocument d, string path)
    {
        var named = z.Profile is not null && d.Profiles?.TryGetValue(z.Profile, out var p) == true ? p : null;
        var week = z.WeekProfile ?? named?.Week;
        if (week is null)
        {
            return null;
        }
        var weekPath = z.WeekProfile is null ? $"{path}.profile" : $"{path}.weekProfile";
        if ((z.HourProfile ?? named?.Hour) is not null || (z.DayProfile ?? named?.Day) is not null)
        {
            Error(weekPath, "a 24 x 7 week profile is an alternative to hour and day profiles; give either the week profile or hour and day profiles, not both");
            return null;
        }
        if (z.WeekProfile is not null)
        {
            return Values(week, 168, weekPath);
        }
        var file = Sink.File;
        Sink.File = null; // profiles are in the scenario file, whichever file the zone came from
        var values = Values(week, 168, $"profiles.{z.Profile}.week");
        Sink.File = file;
        return values;
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
                var file = Sink.File;
                Sink.File = null; // profiles are in the scenario file, whichever file the zone came from
                checkedValues = Values(profile is null ? null : pick(profile), length, $"profiles.{named}.{(length == 24 ? "hour" : "day")}");
                Sink.File = file;
                _namedProfiles[(named, length)] = checkedValues;
            }
            return (double[])checkedValues.Clone(); // each zone its own array, as for an inline profile
        }
        if (inline is null && named is not null && path.EndsWith(".hourProfile", StringComparison.Ordinal))
        {
            // Reported once per zone (the day profile comes from the same name).
            Error(profilePath, $"unknown profile '{named}'{(d.Profiles is { Count: > 0 } ? NameSuggestions.DidYouMean(named, d.Profiles.Keys) : "; the scenario defines no profiles")}");
        }
        return Values(inline, length, path);
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
            Error(path, $"has {values.Length} values; expected {length} ({(length == 24 ? "one per hour, 00:00-01:00 first" : length == 7 ? "one per day, Monday first" : "one per hour of the week, Monday 00:00-01:00 first")})");
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
