using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Fitting;

/// <summary>A zone's fitted demand: base rate, 24 x 7 profile (exposure-weighted mean 1), type mix, and its counts.</summary>
public sealed record ZoneFit(
    string Id, int Incidents, double RatePerHour, double[] WeekProfile, IReadOnlyDictionary<string, double> TypeMix, double[] Observed, double[] Fitted);

/// <summary>An incident type of the history: its priority (the most frequent one), counts and on-scene times.</summary>
public sealed record TypeFit(string Id, int Priority, int Incidents, int OtherPriority, int Durations, double? MeanMinutes, double? SdMinutes);

/// <summary>What <see cref="DemandFit.Fit"/> estimates, with what the report needs.</summary>
public sealed record DemandFitResult(
    DateTime From, DateTime To, double[] Exposure, double[] DistrictProfile, IReadOnlyList<ZoneFit> Zones, IReadOnlyList<TypeFit> Types,
    int Unassigned, double Shrinkage, double MixShrinkage)
{
    /// <summary>Hours observed (the whole days from the first incident's date to the last one's).</summary>
    public double Hours => Exposure.Sum();
}

/// <summary>
/// The estimator of <c>dispatch fit</c> (docs/demand.md, "The estimator"). Cells are the 168 hours of
/// the week, k = 24 x weekday + hour (Monday 00:00 first); E[k] is the number of hours of cell k in
/// the observed days. A zone's base rate is its count over the hours observed. Its profile is shrunk
/// in two levels with the Gamma-Poisson posterior mean (n + s x prior) / (rate x E + s), s being the
/// shrinkage strength in expected incidents: its hour-of-day and weekday multipliers toward the
/// district's, and each of its 168 cells toward the product of its own (shrunk) hour and day
/// multipliers. A zone with few incidents keeps the district's shape, a busy one its own, and the
/// 24 x 7 detail shows only where the data carry it. Profiles are scaled to an exposure-weighted mean of 1.
/// </summary>
public static class DemandFit
{
    /// <summary>Cells of the week.</summary>
    public const int Cells = 168;

    /// <summary>The cell of a local time: 24 x weekday (0 = Monday) + hour.</summary>
    public static int Cell(DateTime time) => (((int)time.DayOfWeek + 6) % 7) * 24 + time.Hour;

    /// <summary>Fits the records assigned to the zones (-1: unassigned, left out and counted).</summary>
    public static DemandFitResult Fit(IReadOnlyList<HistoryRecord> records, IReadOnlyList<int> zoneOf, IReadOnlyList<Zone> zones, double shrinkage = 5, double mixShrinkage = 5)
    {
        var kept = records.Select((r, i) => (r, z: zoneOf[i])).Where(x => x.z >= 0).ToList();
        var from = records.Min(r => r.Time).Date;
        var to = records.Max(r => r.Time).Date.AddDays(1);
        var exposure = new double[Cells];
        for (var day = from; day < to; day = day.AddDays(1))
        {
            for (var h = 0; h < 24; h++)
            {
                exposure[Cell(day) + h]++;
            }
        }
        var hours = exposure.Sum();
        var counts = new double[zones.Count, Cells];
        foreach (var (r, z) in kept)
        {
            counts[z, Cell(r.Time)]++;
        }
        var district = new double[Cells];
        for (var k = 0; k < Cells; k++)
        {
            district[k] = exposure[k] > 0 ? Enumerable.Range(0, zones.Count).Sum(z => counts[z, k]) / exposure[k] : 0;
        }
        var districtMean = Enumerable.Range(0, Cells).Sum(k => exposure[k] * district[k]) / hours;
        var pattern = district.Select(r => districtMean > 0 ? r / districtMean : 1).ToArray();
        var typeShares = kept.GroupBy(x => x.r.Type).ToDictionary(g => g.Key, g => g.Count() / (double)kept.Count, StringComparer.Ordinal);
        var districtHour = Marginal(pattern, exposure, 24, k => k % 24);
        var districtDay = Marginal(pattern, exposure, 7, k => k / 24);
        var fits = new List<ZoneFit>();
        foreach (var zone in zones)
        {
            var observed = Enumerable.Range(0, Cells).Select(k => counts[zone.Index, k]).ToArray();
            var n = observed.Sum();
            var rate = n / hours;
            // The zone's hour and day shapes, each shrunk toward the district's; their product is the prior of its cells.
            var hour = Shrink(observed, exposure, rate, 24, k => k % 24, districtHour, shrinkage);
            var day = Shrink(observed, exposure, rate, 7, k => k / 24, districtDay, shrinkage);
            var prior = Normalised(Enumerable.Range(0, Cells).Select(k => hour[k % 24] * day[k / 24]).ToArray(), exposure);
            var q = Enumerable.Range(0, Cells).Select(k => (observed[k] + shrinkage * prior[k]) / (rate * exposure[k] + shrinkage)).ToArray();
            var week = Normalised(q, exposure);
            var mine = kept.Where(x => x.z == zone.Index).GroupBy(x => x.r.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var mix = typeShares.Keys.Order(StringComparer.Ordinal)
                .ToDictionary(t => t, t => (mine.GetValueOrDefault(t) + mixShrinkage * typeShares[t]) / (n + mixShrinkage), StringComparer.Ordinal);
            fits.Add(new ZoneFit(zone.Id, (int)n, rate, week, mix, observed, [.. Enumerable.Range(0, Cells).Select(k => rate * exposure[k] * week[k])]));
        }
        var types = kept.GroupBy(x => x.r.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => TypeOf(g.Key, [.. g.Select(x => x.r)])).ToList();
        return new DemandFitResult(from, to, exposure, pattern, fits, types, records.Count - kept.Count, shrinkage, mixShrinkage);
    }

    /// <summary>A 168-cell profile summed into groups (hours or days), exposure-weighted, scaled to mean 1.</summary>
    private static double[] Marginal(double[] profile, double[] exposure, int groups, Func<int, int> group)
    {
        var (sum, weight) = (new double[groups], new double[groups]);
        for (var k = 0; k < Cells; k++)
        {
            sum[group(k)] += profile[k] * exposure[k];
            weight[group(k)] += exposure[k];
        }
        return [.. Enumerable.Range(0, groups).Select(g => weight[g] > 0 ? sum[g] / weight[g] : 1)];
    }

    /// <summary>
    /// A zone's multipliers by group (hour of day or weekday): the Gamma-Poisson posterior mean
    /// (n[g] + s P[g]) / (rate E[g] + s) with the district's multipliers P as prior, scaled to mean 1.
    /// </summary>
    private static double[] Shrink(double[] observed, double[] exposure, double rate, int groups, Func<int, int> group, double[] district, double s)
    {
        var (n, e) = (new double[groups], new double[groups]);
        for (var k = 0; k < Cells; k++)
        {
            n[group(k)] += observed[k];
            e[group(k)] += exposure[k];
        }
        var shrunk = Enumerable.Range(0, groups).Select(g => (n[g] + s * district[g]) / (rate * e[g] + s)).ToArray();
        var mean = Enumerable.Range(0, groups).Sum(g => shrunk[g] * e[g]) / e.Sum();
        return [.. shrunk.Select(v => mean > 0 ? v / mean : 1)];
    }

    /// <summary>Multipliers scaled to an exposure-weighted mean of 1 (all 1 when they are all 0).</summary>
    private static double[] Normalised(double[] values, double[] exposure)
    {
        var mean = Enumerable.Range(0, Cells).Sum(k => exposure[k] * values[k]) / exposure.Sum();
        return [.. values.Select(v => mean > 0 ? v / mean : 1)];
    }

    private static TypeFit TypeOf(string id, List<HistoryRecord> records)
    {
        var priority = records.GroupBy(r => r.Priority).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var durations = records.Where(r => r.DurationMinutes is not null).Select(r => r.DurationMinutes!.Value).ToList();
        double? mean = durations.Count > 0 ? durations.Average() : null;
        double? sd = durations.Count > 1 ? Math.Sqrt(durations.Sum(d => (d - mean!.Value) * (d - mean.Value)) / (durations.Count - 1)) : null;
        return new TypeFit(id, priority, records.Count, records.Count(r => r.Priority != priority), durations.Count, mean, sd);
    }
}
