using System.Buffers;
using Dispatch.Model.Algorithms;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The rates (incidents per hour) of the hotspots' zone-slots of a run, and the top ones by rate
/// that the ledger flags for the precision rate and PAI. A zone-slot's rate is the zone's profile
/// rate in the slot's hour and day; slots outside the counted part of the run are left out.
/// </summary>
internal readonly struct ZoneSlotRates(Zone[] zones, bool[] hotspot, int slots, bool[] slotValid, int[] slotHour, int[] slotDay)
{
    /// <summary>
    /// The first <paramref name="count"/> of the <paramref name="total"/> candidates (zone-slots
    /// with a positive rate) by descending rate, then ascending zone, then ascending slot, in that
    /// order: the rate of the last one is found by selection (linear time); the chosen ones are then
    /// sorted by rate with their position as the tie-break, instead of sorting every zone-slot of the
    /// run. The chosen candidate in place k is (Zones[Order[k]], Slots[Order[k]]), k below Count; the
    /// caller returns the pooled arrays (<see cref="TopSlots.Return"/>).
    /// </summary>
    public TopSlots Top(int total, int count)
    {
        if (count <= 0 || total == 0)
        {
            return new TopSlots(double.PositiveInfinity, 0, 0);
        }
        var take = Math.Min(count, total);
        var threshold = double.NegativeInfinity;
        var ties = take;
        if (count < total)
        {
            var pooled = ArrayPool<double>.Shared.Rent(total);
            try
            {
                var collector = new RateCollector(pooled);
                Visit(ref collector);
                var rates = pooled.AsSpan(0, total);
                threshold = QuickSelect.NthLargest(rates, count);
                var above = 0;
                foreach (var rate in rates)
                {
                    above += rate > threshold ? 1 : 0;
                }
                ties = count - above;
            }
            finally
            {
                ArrayPool<double>.Shared.Return(pooled);
            }
        }
        var top = new TopSlots(threshold, ties, take);
        Visit(ref top);
        // By descending rate; equal rates keep candidate order (lower zone, then earlier slot).
        top.Order = RadixSort.StableOrderByDescending(top.Rates, top.Count);
        return top;
    }

    /// <summary>
    /// Visits the candidates for flagging, the zone-slots of the hotspots with a positive rate,
    /// zone by zone, slot by slot (a struct visitor, so the loop is compiled for each use).
    /// </summary>
    private void Visit<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, ICandidateVisitor
    {
        for (var zone = 0; zone < zones.Length; zone++)
        {
            if (!hotspot[zone])
            {
                continue;
            }
            var z = zones[zone];
            for (var slot = 0; slot < slots; slot++)
            {
                if (!slotValid[slot])
                {
                    continue;
                }
                var rate = z.RateAt(slotHour[slot], slotDay[slot]); // as LedgerSlots.RateOf
                if (rate > 0)
                {
                    visitor.Visit(rate, zone, slot);
                }
            }
        }
    }

    internal interface ICandidateVisitor
    {
        void Visit(double rate, int zone, int slot);
    }

    /// <summary>Collects the rates of all candidates.</summary>
    private struct RateCollector(double[] rates) : ICandidateVisitor
    {
        private int _count;

        public void Visit(double rate, int zone, int slot) => rates[_count++] = rate;
    }

    /// <summary>
    /// Collects, in candidate order, every candidate above the threshold and the first <c>ties</c>
    /// at it, into pooled arrays (a week of a large city has millions of zone-slots; the arrays are
    /// needed only while the ledger is set up).
    /// </summary>
    internal struct TopSlots(double threshold, int ties, int capacity) : ICandidateVisitor
    {
        public readonly double[] Rates = ArrayPool<double>.Shared.Rent(capacity);
        public readonly int[] Zones = ArrayPool<int>.Shared.Rent(capacity);
        public readonly int[] Slots = ArrayPool<int>.Shared.Rent(capacity);
        public int[] Order = [];
        public int Count;
        private int _ties = ties;

        public readonly void Return()
        {
            ArrayPool<double>.Shared.Return(Rates);
            ArrayPool<int>.Shared.Return(Zones);
            ArrayPool<int>.Shared.Return(Slots);
            if (Order.Length > 0)
            {
                ArrayPool<int>.Shared.Return(Order);
            }
        }

        public void Visit(double rate, int zone, int slot)
        {
            if (rate > threshold || (rate == threshold && _ties-- > 0))
            {
                Rates[Count] = rate;
                Zones[Count] = zone;
                Slots[Count] = slot;
                Count++;
            }
        }
    }
}
