namespace Dispatch.Model.Algorithms;

/// <summary>Selection of an order statistic in linear expected time.</summary>
public static class QuickSelect
{
    /// <summary>The <paramref name="n"/>-th largest value (1-based) by three-way quickselect; reorders <paramref name="values"/>.</summary>
    public static double NthLargest(Span<double> values, int n)
    {
        var lo = 0;
        var hi = values.Length - 1;
        var k = n - 1; // index in descending order
        while (true)
        {
            if (lo == hi)
            {
                return values[lo];
            }
            var a = values[lo];
            var b = values[lo + (hi - lo) / 2];
            var c = values[hi];
            var pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c)); // median of three
            // Partition descending: [lo, gt) > pivot, [gt, i) == pivot, (lt, hi] < pivot.
            var gt = lo;
            var i = lo;
            var lt = hi;
            while (i <= lt)
            {
                if (values[i] > pivot)
                {
                    (values[gt], values[i]) = (values[i], values[gt]);
                    gt++;
                    i++;
                }
                else if (values[i] < pivot)
                {
                    (values[lt], values[i]) = (values[i], values[lt]);
                    lt--;
                }
                else
                {
                    i++;
                }
            }
            if (k < gt)
            {
                hi = gt - 1;
            }
            else if (k <= lt)
            {
                return pivot;
            }
            else
            {
                lo = lt + 1;
            }
        }
    }
}
