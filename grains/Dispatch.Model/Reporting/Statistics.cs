namespace Dispatch.Model.Reporting;

/// <summary>Small, exact statistics helpers used by the report and the tests.</summary>
public static class Statistics
{
    /// <summary>Mean, or null for no values.</summary>
    public static double? Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? null : values.Average();

    /// <summary>
    /// Percentile by linear interpolation between closest ranks (Hyndman and Fan type 7, the
    /// default of R and NumPy): rank h = (n - 1) p on the sorted values.
    /// </summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Share of values at or below the limit, or null for no values.</summary>
    public static double? ShareAtMost(IReadOnlyCollection<double> values, double limit) =>
        values.Count == 0 ? null : values.Count(v => v <= limit) / (double)values.Count;

    /// <summary>Unbiased sample standard deviation (n - 1).</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>Half-width of the two-sided 95% Student t confidence interval of the mean.</summary>
    public static double? Ci95HalfWidth(IReadOnlyList<double> values) =>
        values.Count < 2 ? null : StudentT975(values.Count - 1) * StandardDeviation(values) / Math.Sqrt(values.Count);

    private static readonly double[] T975 =
    [
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ];

    /// <summary>
    /// The 0.975 quantile of Student's t with <paramref name="df"/> degrees of freedom: a table up
    /// to 30, then the Cornish-Fisher expansion around the normal quantile (error below 1e-4).
    /// </summary>
    public static double StudentT975(int df)
    {
        if (df < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(df));
        }
        if (df <= T975.Length)
        {
            return T975[df - 1];
        }
        const double z = 1.959963984540054;
        double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z, n = df;
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
    }
}
