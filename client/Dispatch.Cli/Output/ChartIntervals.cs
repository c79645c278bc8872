using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Output;

/// <summary>95% intervals across replications for the run charts (Student t, as the report's ci95HalfWidth).</summary>
public static class ChartIntervals
{
    /// <summary>
    /// The 95% half-width of <paramref name="pick"/> over <paramref name="replications"/>; null with fewer than two
    /// reports or when a replication has no value (an undefined figure has no interval).
    /// </summary>
    public static double? HalfWidth(IReadOnlyList<Report>? replications, Func<Report, double?> pick)
    {
        if (replications is not { Count: > 1 })
        {
            return null;
        }
        var values = new List<double>(replications.Count);
        foreach (var report in replications)
        {
            if (pick(report) is not { } v)
            {
                return null;
            }
            values.Add(v);
        }
        return Statistics.Ci95HalfWidth(values);
    }

    /// <summary>A title suffix naming the intervals, empty for one replication.</summary>
    public static string Suffix(IReadOnlyList<Report>? replications) =>
        replications is { Count: > 1 } ? $", 95% interval over {replications.Count} replications" : "";

    /// <summary>
    /// The pointwise 95% band of the replications' empirical CDFs on a grid of 101 points from 0 to
    /// <paramref name="top"/>: at each x, mean of F_r(x) +- t(0.975, R-1) sd / sqrt(R), clipped to [0, 1].
    /// </summary>
    public static (double[] Xs, double[] Low, double[] High) CdfBand(IReadOnlyList<IReadOnlyList<double>> byReplication, double top)
    {
        const int points = 101;
        var sorted = byReplication.Select(r => r.Order().ToArray()).ToList();
        var xs = new double[points];
        var low = new double[points];
        var high = new double[points];
        for (var i = 0; i < points; i++)
        {
            var x = top * i / (points - 1);
            var values = sorted.Select(s => s.Length == 0 ? 0 : UpperBound(s, x) / (double)s.Length).ToList();
            var mean = values.Average();
            var half = Statistics.Ci95HalfWidth(values) ?? 0;
            xs[i] = x;
            low[i] = Math.Max(0, mean - half);
            high[i] = Math.Min(1, mean + half);
        }
        return (xs, low, high);
    }

    /// <summary>How many of the sorted values are at most <paramref name="x"/>.</summary>
    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
