using System.Numerics;

namespace Dispatch.Model.Geometry;

/// <summary>Sorting the handful of values a patrol leg produces (crossing fractions, zone hits) without the set-up of <c>Span.Sort</c>.</summary>
internal static class SmallSort
{
    /// <summary>Ascending insertion sort, stable; for a few values without NaN it gives <c>Span.Sort</c>'s order.</summary>
    public static void Insertion<T>(Span<T> values)
        where T : IComparisonOperators<T, T, bool>
    {
        for (var k = 1; k < values.Length; k++)
        {
            var value = values[k];
            var at = k - 1;
            while (at >= 0 && values[at] > value)
            {
                values[at + 1] = values[at];
                at--;
            }
            values[at + 1] = value;
        }
    }
}
