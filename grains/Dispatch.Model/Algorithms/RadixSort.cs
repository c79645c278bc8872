using System.Buffers;

namespace Dispatch.Model.Algorithms;

/// <summary>Stable radix sorting of doubles.</summary>
public static class RadixSort
{
    /// <summary>
    /// The positions of the first <paramref name="count"/> values (all positive and finite) in
    /// descending order, equal values in their original order: a stable radix sort (least
    /// significant byte first) on the complemented bit patterns, which for positive doubles order
    /// exactly as the values do, reversed. Bytes that are the same in every key are skipped.
    /// The result is a pooled array (its first <paramref name="count"/> places) that the caller
    /// returns to <see cref="ArrayPool{T}.Shared"/>; the work arrays are pooled too.
    /// </summary>
    public static int[] StableOrderByDescending(double[] values, int count)
    {
        var keysArray = ArrayPool<ulong>.Shared.Rent(count);
        var nextKeysArray = ArrayPool<ulong>.Shared.Rent(count);
        var orderArray = ArrayPool<int>.Shared.Rent(count);
        var nextOrderArray = ArrayPool<int>.Shared.Rent(count);
        var keys = keysArray.AsSpan(0, count);
        var nextKeys = nextKeysArray.AsSpan(0, count);
        var order = orderArray.AsSpan(0, count);
        var nextOrder = nextOrderArray.AsSpan(0, count);
        for (var i = 0; i < count; i++)
        {
            keys[i] = ~BitConverter.DoubleToUInt64Bits(values[i]);
            order[i] = i;
        }
        var swapped = false;
        Span<int> start = stackalloc int[256];
        for (var shift = 0; shift < 64 && count >= 2; shift += 8)
        {
            start.Clear();
            foreach (var key in keys)
            {
                start[(int)((key >> shift) & 0xFF)]++;
            }
            if (start[(int)((keys[0] >> shift) & 0xFF)] == count)
            {
                continue; // this byte is the same in every key
            }
            var sum = 0;
            for (var b = 0; b < 256; b++)
            {
                (start[b], sum) = (sum, sum + start[b]);
            }
            for (var i = 0; i < count; i++)
            {
                var at = start[(int)((keys[i] >> shift) & 0xFF)]++;
                nextKeys[at] = keys[i];
                nextOrder[at] = order[i];
            }
            var keysWritten = nextKeys;
            nextKeys = keys;
            keys = keysWritten;
            var orderWritten = nextOrder;
            nextOrder = order;
            order = orderWritten;
            swapped = !swapped;
        }
        ArrayPool<ulong>.Shared.Return(keysArray);
        ArrayPool<ulong>.Shared.Return(nextKeysArray);
        // The sorted order is in the array the last pass wrote; the other goes back.
        var (result, spare) = swapped ? (nextOrderArray, orderArray) : (orderArray, nextOrderArray);
        ArrayPool<int>.Shared.Return(spare);
        return result;
    }
}
