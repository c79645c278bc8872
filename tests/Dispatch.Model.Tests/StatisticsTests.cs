using Dispatch.Model.Reporting;

namespace Dispatch.Model.Tests;

/// <summary>The report's statistics helpers on samples computed by hand.</summary>
public class StatisticsTests
{
    private static readonly double[] Sorted = [2, 4, 7, 10, 20];

    [Theory]
    // Type 7: h = (n - 1) p = 4p, value = x[floor h] + frac(h) (x[floor h + 1] - x[floor h]).
    [InlineData(0.0, 2.0)]
    [InlineData(0.1, 2.8)]   // h = 0.4: 2 + 0.4 x 2
    [InlineData(0.25, 4.0)]  // h = 1
    [InlineData(0.5, 7.0)]   // h = 2
    [InlineData(0.9, 16.0)]  // h = 3.6: 10 + 0.6 x 10 (numpy.percentile gives 16 too)
    [InlineData(0.95, 18.0)] // h = 3.8: 10 + 0.8 x 10
    [InlineData(1.0, 20.0)]
    public void Percentile_is_Hyndman_Fan_type_7(double p, double expected)
    {
        Assert.Equal(expected, Statistics.Percentile(Sorted, p)!.Value, 12);
    }

    [Fact]
    public void Percentile_of_empty_and_single_samples()
    {
        Assert.Null(Statistics.Percentile([], 0.5));
        Assert.Equal(3.5, Statistics.Percentile([3.5], 0.9));
    }

    [Fact]
    public void Mean_share_and_standard_deviation()
    {
        Assert.Null(Statistics.Mean([]));
        Assert.Equal(8.6, Statistics.Mean(Sorted)!.Value, 12);
        Assert.Equal(0.6, Statistics.ShareAtMost(Sorted, 7));
        Assert.Equal(0.4, Statistics.ShareAtMost(Sorted, 6.999));
        Assert.Null(Statistics.ShareAtMost([], 5));
        // Squares of deviations from 8.6: 43.56 + 21.16 + 2.56 + 1.96 + 129.96 = 199.2; / 4 = 49.8.
        Assert.Equal(Math.Sqrt(49.8), Statistics.StandardDeviation(Sorted), 12);
        Assert.Equal(0.0, Statistics.StandardDeviation([5]));
    }

    [Fact]
    public void Ci95_half_width_by_hand()
    {
        // 1..5: mean 3, s = sqrt(10 / 4), t(0.975, 4) = 2.7764: 2.7764 x sqrt(2.5) / sqrt(5) = 1.963211.
        Assert.Equal(2.7764 * Math.Sqrt(0.5), Statistics.Ci95HalfWidth([1, 2, 3, 4, 5])!.Value, 12);
        Assert.Equal(1.963211, Statistics.Ci95HalfWidth([1, 2, 3, 4, 5])!.Value, 6);
        // Two values 10 and 14: s = sqrt(8), t(0.975, 1) = 12.7062: 12.7062 x sqrt(8) / sqrt(2) = 25.4124.
        Assert.Equal(25.4124, Statistics.Ci95HalfWidth([10, 14])!.Value, 9);
        Assert.Null(Statistics.Ci95HalfWidth([1]));
    }

    [Theory]
    // Exact quantiles (R: qt(0.975, df)).
    [InlineData(1, 12.706205)]
    [InlineData(4, 2.776445)]
    [InlineData(10, 2.228139)]
    [InlineData(30, 2.042272)]
    [InlineData(31, 2.039513)]
    [InlineData(40, 2.021075)]
    [InlineData(60, 2.000298)]
    [InlineData(100, 1.983972)]
    [InlineData(1000, 1.962339)]
    public void StudentT975_within_1e4_of_the_exact_quantile(int df, double exact)
    {
        Assert.InRange(Statistics.StudentT975(df), exact - 1e-4, exact + 1e-4);
    }

    [Fact]
    public void StudentT975_rejects_zero_degrees_of_freedom()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.StudentT975(0));
    }
}
