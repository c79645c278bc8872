using System.Runtime.CompilerServices;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The top zone-slots by rate that the ledger flags for the precision rate and PAI (docs/metrics.md),
/// held in memory that does not grow with the run's length. A zone-slot's rate is the zone's profile
/// rate in the slot's hour and day of week, so a zone has at most 168 distinct slot classes: the
/// selection works on (zone, class) pairs weighted by how many counted slots fall in the class,
/// and a zone-slot is flagged when its pair's rate is above the threshold, or at it and no later
/// (zone, then slot) than the last tied candidate taken. The same zone-slots as selecting among all
/// zone-slots of the run one by one (the first <c>count</c> candidates with a positive rate by
/// descending rate, then ascending zone, then ascending slot), and the flagged area-time summed in
/// that same order.
/// </summary>
internal sealed class ZoneSlotRates
{
    private const int Classes = 168;
    private const byte Above = 1;
    private const byte AtThreshold = 2;

    private readonly int[] _slotClass;
    private readonly byte[] _state;
    private readonly int _tieZone = -1;
    private readonly int _tieSlot = -1;

    /// <summary>Selects the top <paramref name="count"/> candidates (zone-slots of the hotspots with a positive rate).</summary>
    public ZoneSlotRates(Zone[] zones, bool[] hotspot, int slots, bool[] slotValid, int[] slotHour, int[] slotDay,
        double[] spanFrom, double[] spanTo, int count)
    {
        _slotClass = new int[slots];
        var weight = new int[Classes];
        for (var k = 0; k < slots; k++)
        {
            _slotClass[k] = slotValid[k] ? slotDay[k] * 24 + slotHour[k] : -1;
            if (_slotClass[k] >= 0)
            {
                weight[_slotClass[k]]++;
            }
        }
        _state = new byte[zones.Length * Classes];
        var rates = new double[zones.Length * Classes];
        var candidates = new List<int>();
        long total = 0;
        for (var zone = 0; zone < zones.Length; zone++)
        {
            for (var c = 0; c < Classes && hotspot[zone]; c++)
            {
                if (weight[c] == 0)
                {
                    continue;
                }
                var rate = zones[zone].RateAt(c % 24, c / 24); // as LedgerSlots.RateOf
                if (rate > 0)
                {
                    rates[zone * Classes + c] = rate;
                    candidates.Add(zone * Classes + c);
                    total += weight[c];
                }
            }
        }
        if (count <= 0 || total == 0)
        {
            return;
        }
        var threshold = double.NegativeInfinity;
        long ties = 0;
        if (count < total)
        {
            var values = candidates.Select(p => rates[p]).ToArray();
            var weights = candidates.Select(p => weight[p % Classes]).ToArray();
            threshold = WeightedNthLargest(values, weights, count);
            long above = 0;
            foreach (var p in candidates)
            {
                above += rates[p] > threshold ? weight[p % Classes] : 0;
            }
            ties = count - above;
        }
        foreach (var p in candidates)
        {
            _state[p] = rates[p] > threshold ? Above : rates[p] == threshold ? AtThreshold : (byte)0;
        }
        (_tieZone, _tieSlot) = LastTie(zones.Length, slots, weight, ties);
        FlaggedAreaTime = SumFlaggedAreaTime(zones, slots, rates, candidates, spanFrom, spanTo);
    }

    /// <summary>The flagged zone-slots' area x counted minutes, summed by descending rate, then zone, then slot.</summary>
    public double FlaggedAreaTime { get; }

    /// <summary>Whether a zone-slot is flagged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsFlagged(int zone, int slot)
    {
        var c = _slotClass[slot];
        if (c < 0)
        {
            return false;
        }
        var state = _state[zone * Classes + c];
        return state == Above || (state == AtThreshold && (zone < _tieZone || (zone == _tieZone && slot <= _tieSlot)));
    }

    /// <summary>The last of the first <paramref name="ties"/> candidates at the threshold, in zone then slot order; (-1, -1) for none.</summary>
    private (int Zone, int Slot) LastTie(int zones, int slots, int[] weight, long ties)
    {
        var left = ties;
        for (var zone = 0; zone < zones && left > 0; zone++)
        {
            long inZone = 0;
            for (var c = 0; c < Classes; c++)
            {
                inZone += _state[zone * Classes + c] == AtThreshold ? weight[c] : 0;
            }
            if (inZone < left)
            {
                left -= inZone;
                continue;
            }
            for (var k = 0; k < slots; k++)
            {
                if (_slotClass[k] >= 0 && _state[zone * Classes + _slotClass[k]] == AtThreshold && --left == 0)
                {
                    return (zone, k);
                }
            }
        }
        return (-1, -1);
    }

    private double SumFlaggedAreaTime(Zone[] zones, int slots, double[] rates, List<int> candidates, double[] spanFrom, double[] spanTo)
    {
        var flagged = candidates.Where(p => _state[p] != 0).ToArray();
        // By descending rate, then zone, then class (a zone's classes of one rate are merged by slot below).
        Array.Sort(flagged, (a, b) => rates[a] != rates[b] ? rates[b].CompareTo(rates[a]) : a.CompareTo(b));
        var slotsOfClass = new List<int>[Classes];
        for (var k = 0; k < slots; k++)
        {
            if (_slotClass[k] >= 0)
            {
                (slotsOfClass[_slotClass[k]] ??= []).Add(k);
            }
        }
        var sum = 0.0;
        var group = new List<int>();
        for (var g = 0; g < flagged.Length;)
        {
            var zone = flagged[g] / Classes;
            var rate = rates[flagged[g]];
            group.Clear();
            for (; g < flagged.Length && flagged[g] / Classes == zone && rates[flagged[g]] == rate; g++)
            {
                group.AddRange(slotsOfClass[flagged[g] % Classes]);
            }
            group.Sort();
            var area = zones[zone].Shape.Area;
            foreach (var k in group)
            {
                if (IsFlagged(zone, k))
                {
                    sum += area * (spanTo[k] - spanFrom[k]);
                }
            }
        }
        return sum;
    }

    /// <summary>The <paramref name="n"/>-th largest value (1-based) of a multiset of values with weights (three-way quickselect; reorders both arrays).</summary>
    internal static double WeightedNthLargest(double[] values, int[] weights, long n)
    {
        int lo = 0, hi = values.Length - 1;
        while (true)
        {
            if (lo >= hi)
            {
                return values[lo];
            }
            var pivot = values[lo + (hi - lo) / 2];
            int lt = lo, i = lo, gt = hi;
            long greater = 0, equal = 0;
            while (i <= gt)
            {
                if (values[i] > pivot)
                {
                    greater += weights[i];
                    Swap(values, weights, lt++, i++);
                }
                else if (values[i] < pivot)
                {
                    Swap(values, weights, i, gt--);
                }
                else
                {
                    equal += weights[i];
                    i++;
                }
            }
            if (n <= greater)
            {
                hi = lt - 1;
            }
            else if (n <= greater + equal)
            {
                return pivot;
            }
            else
            {
                n -= greater + equal;
                lo = gt + 1;
            }
        }
    }

    private static void Swap(double[] values, int[] weights, int a, int b)
    {
        (values[a], values[b]) = (values[b], values[a]);
        (weights[a], weights[b]) = (weights[b], weights[a]);
    }
}
