using Dispatch.Model.Algorithms;
using Dispatch.Model.Randomness;

namespace Dispatch.Model.Tests;

/// <summary>The general algorithms against the obvious (slow) way, on fixed random inputs.</summary>
public class AlgorithmTests
{
    /// <summary>Positive values with many repeats (rates of zone-slots repeat a lot).</summary>
    private static double[] Values(int count, int seed, int distinct)
    {
        var random = new StreamFactory(seed, 0).Create("algorithms");
        return [.. Enumerable.Range(0, count).Select(_ => 0.25 * (1 + (int)(random.NextDouble() * distinct)))];
    }

    [Theory]
    [InlineData(1, 1, 5)]
    [InlineData(2, 2, 1)]
    [InlineData(1000, 3, 7)]
    [InlineData(5000, 4, 100_000)]
    public void The_stable_descending_order_is_linqs(int count, int seed, int distinct)
    {
        var values = Values(count + 3, seed, distinct); // three past the count, not to be sorted

        var order = RadixSort.StableOrderByDescending(values, count);

        var expected = Enumerable.Range(0, count).OrderByDescending(i => values[i]).ToArray();
        Assert.Equal(expected, order.AsSpan(0, count).ToArray());
    }

    [Theory]
    [InlineData(1, 1, 1, 3)]
    [InlineData(10, 2, 10, 3)]
    [InlineData(1000, 3, 1, 7)]
    [InlineData(1000, 4, 500, 7)]
    [InlineData(5000, 5, 4999, 100_000)]
    public void The_nth_largest_is_the_nth_of_the_sorted_values(int count, int seed, int n, int distinct)
    {
        var values = Values(count, seed, distinct);
        var expected = values.OrderDescending().ElementAt(n - 1);

        Assert.Equal(expected, QuickSelect.NthLargest(values, n));
    }
}
