using System.Buffers;
using System.Runtime.CompilerServices;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Accumulates exact presence intervals into the visibility and precision measures
/// (docs/metrics.md). Time is cut into clock-hour slots; a zone's risk in a slot is its profile
/// rate there. The top <see cref="PatrolOptions.TopRiskShare"/> of hotspot zone-slots by risk are
/// "flagged" for the precision rate and PAI.
/// </summary>
public sealed class PresenceLedger
{
    public static readonly int[] NightHours = [22, 23, 0, 1, 2, 3];

    private readonly Scenario _scenario;
    private readonly double _offset;
    private readonly int _slots;
    private readonly Zone[] _zoneList;
    private readonly bool[] _hotspot;
    private readonly int[] _slotHour;
    private readonly int[] _slotDay;
    private readonly bool[] _slotValid;
    private readonly bool[] _flagged;
    private readonly double[] _nightWeightBySlot;

    public PresenceLedger(Scenario scenario, double endTime, double statsFrom = 0)
    {
        _scenario = scenario;
        EndTime = endTime;
        StatsFrom = statsFrom;
        _offset = scenario.StartMinuteOfWeek % 60;
        _slots = (int)Math.Ceiling((endTime + _offset) / 60.0);
        _zoneList = [.. scenario.Zones];
        _hotspot = [.. _zoneList.Select(z => z.IsHotspot)];
        var zones = _zoneList.Length;
        _flagged = new bool[zones * _slots];
        _nightWeightBySlot = new double[_slots];
        CoveredMinutes = new double[zones];
        WeightedCovered = new double[zones];
        WeightTotal = new double[zones];
        NightWeightTotalByZone = new double[zones];
        NightWeightedCoveredByZone = new double[zones];
        HourWeightedCovered = new double[24];
        HourWeightTotal = new double[24];
        // Everything about a slot but the zone (its span, hour, day, night) is the same for every
        // zone: worked out once per slot rather than once per zone-slot. A zone-slot's rate is
        // worked out from them when needed (the same product as before), not stored.
        var spanFrom = new double[_slots];
        var spanTo = new double[_slots];
        var night = new bool[_slots];
        _slotHour = new int[_slots];
        _slotDay = new int[_slots];
        _slotValid = new bool[_slots];
        var validSlots = 0;
        for (var k = 0; k < _slots; k++)
        {
            var (from, to) = SlotSpan(k);
            spanFrom[k] = from;
            spanTo[k] = to;
            _slotHour[k] = HourOf(from);
            _slotDay[k] = scenario.DayOfWeek(from);
            night[k] = IsNight(from);
            _slotValid[k] = to > from;
            validSlots += to > from ? 1 : 0;
        }
        var candidates = 0;
        var areaTime = 0.0;
        var hotspotCount = 0;
        foreach (var zone in scenario.Zones)
        {
            if (!zone.IsHotspot)
            {
                continue;
            }
            hotspotCount++;
            var area = zone.Shape.Area;
            for (var k = 0; k < _slots; k++)
            {
                var (from, to) = (spanFrom[k], spanTo[k]);
                if (to <= from)
                {
                    continue;
                }
                var hour = _slotHour[k];
                var rate = zone.RatePerHour * zone.HourProfile[hour] * zone.DayProfile[_slotDay[k]];
                var weight = rate * (to - from);
                WeightTotal[zone.Index] += weight;
                HourWeightTotal[hour] += weight;
                if (night[k])
                {
                    NightWeightTotal += weight;
                    NightWeightTotalByZone[zone.Index] += weight;
                    _nightWeightBySlot[k] += weight;
                }
                areaTime += area * (to - from);
                candidates += rate > 0 ? 1 : 0;
            }
            HotspotMinutes += endTime - statsFrom;
        }
        var hotspotSlots = hotspotCount * validSlots;
        var flag = (int)Math.Ceiling(scenario.Patrol.TopRiskShare * hotspotSlots);
        var flaggedAreaTime = 0.0;
        // The top `flag` zone-slots by rate (ties: lower zone, then earlier slot), summed in that order.
        var top = TopRisk(candidates, flag);
        try
        {
            foreach (var k in top.Order.AsSpan(0, top.Count))
            {
                var (zone, slot) = (top.Zones[k], top.Slots[k]);
                _flagged[zone * _slots + slot] = true;
                flaggedAreaTime += scenario.Zones[zone].Shape.Area * (spanTo[slot] - spanFrom[slot]);
            }
        }
        finally
        {
            top.Return();
        }
        FlaggedAreaTimeShare = areaTime > 0 ? flaggedAreaTime / areaTime : 0;
    }

    /// <summary>The rate (incidents per hour) of a zone-slot: 0 outside the hotspots and the counted slots.</summary>
    private double RateOf(int zone, int slot)
    {
        if (!_hotspot[zone] || !_slotValid[slot])
        {
            return 0;
        }
        var z = _zoneList[zone];
        return z.RatePerHour * z.HourProfile[_slotHour[slot]] * z.DayProfile[_slotDay[slot]];
    }

    /// <summary>
    /// Visits the candidates for flagging, the zone-slots of the hotspots with a positive rate,
    /// zone by zone, slot by slot (a struct visitor, so the loop is compiled for each use).
    /// </summary>
    private void VisitCandidates<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, ICandidateVisitor
    {
        for (var zone = 0; zone < _zoneList.Length; zone++)
        {
            if (!_hotspot[zone])
            {
                continue;
            }
            var z = _zoneList[zone];
            var (perHour, hourProfile, dayProfile) = (z.RatePerHour, z.HourProfile, z.DayProfile);
            for (var slot = 0; slot < _slots; slot++)
            {
                if (!_slotValid[slot])
                {
                    continue;
                }
                var rate = perHour * hourProfile[_slotHour[slot]] * dayProfile[_slotDay[slot]]; // as RateOf
                if (rate > 0)
                {
                    visitor.Visit(rate, zone, slot);
                }
            }
        }
    }

    private interface ICandidateVisitor
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
    private struct TopCollector(double threshold, int ties, int capacity) : ICandidateVisitor
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

    /// <summary>
    /// The first <paramref name="count"/> candidates by descending rate, then ascending zone, then
    /// ascending slot, in that order
    /// (candidates come zone by zone, slot by slot): the rate of the last one is
    /// found by selection (linear time); the chosen ones are then sorted by rate with their
    /// position as the tie-break, instead of sorting every zone-slot of the run. The chosen
    /// candidate in place k is (Zones[Order[k]], Slots[Order[k]]), k below Count; the caller
    /// returns the pooled arrays.
    /// </summary>
    private TopCollector TopRisk(int total, int count)
    {
        if (count <= 0 || total == 0)
        {
            return new TopCollector(double.PositiveInfinity, 0, 0);
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
                VisitCandidates(ref collector);
                var rates = pooled.AsSpan(0, total);
                threshold = NthLargest(rates, count);
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
        var top = new TopCollector(threshold, ties, take);
        VisitCandidates(ref top);
        // By descending rate; equal rates keep candidate order (lower zone, then earlier slot).
        top.Order = StableOrderByDescending(top.Rates, top.Count);
        return top;
    }

    /// <summary>
    /// The positions of the first <paramref name="count"/> values (all positive and finite) in
    /// descending order, equal values in their original order: a stable radix sort (least
    /// significant byte first) on the complemented bit patterns, which for positive doubles order
    /// exactly as the values do, reversed. Bytes that are the same in every key are skipped.
    /// The result is a pooled array (its first <paramref name="count"/> places); the work arrays are pooled too.
    /// </summary>
    private static int[] StableOrderByDescending(double[] values, int count)
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

    /// <summary>The <paramref name="n"/>-th largest value (1-based) by three-way quickselect; reorders <paramref name="values"/>.</summary>
    private static double NthLargest(Span<double> values, int n)
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

    public double EndTime { get; }

    /// <summary>Intervals before this time (the warm-up) are not counted.</summary>
    public double StatsFrom { get; }

    /// <summary>Minutes with at least one unit visibly present, per zone.</summary>
    public double[] CoveredMinutes { get; }

    /// <summary>Covered minutes weighted by the zone's risk (incidents per hour) in each minute, per zone.</summary>
    public double[] WeightedCovered { get; }

    /// <summary>All risk-weighted minutes of the run, per zone (the denominator of its visibility).</summary>
    public double[] WeightTotal { get; }

    public double[] HourWeightedCovered { get; }

    public double[] HourWeightTotal { get; }

    public double NightWeightedCovered { get; private set; }

    /// <summary>Night (22:00-04:00) risk-weighted covered minutes, per zone.</summary>
    public double[] NightWeightedCoveredByZone { get; }

    /// <summary>Night (22:00-04:00) risk-weighted minutes of the run, per zone.</summary>
    public double[] NightWeightTotalByZone { get; }

    public double NightWeightTotal { get; }

    /// <summary>Hotspot zones x run minutes (the denominator of the unweighted time share).</summary>
    public double HotspotMinutes { get; }

    /// <summary>Patrol minutes spent inside flagged (top-risk) zone-slots.</summary>
    public double PatrolMinutesFlagged { get; private set; }

    /// <summary>Share of hotspot area x time that is flagged (the denominator of PAI).</summary>
    public double FlaggedAreaTimeShare { get; }

    /// <summary>The night risk-weighted minutes from the start of the statistics up to <paramref name="t"/>.</summary>
    public double NightWeightUpTo(double t)
    {
        var total = 0.0;
        for (var k = 0; k < _slots; k++)
        {
            var (from, to) = SlotSpan(k);
            if (from >= t || to <= from)
            {
                continue;
            }
            total += _nightWeightBySlot[k] * (Math.Min(t, to) - from) / (to - from);
        }
        return total;
    }

    /// <summary>School-gate post-minutes required, per hour of day.</summary>
    public double[] SchoolRequiredMinutes { get; } = new double[24];

    /// <summary>School-gate post-minutes actually staffed (officer standing at the gate), per hour of day.</summary>
    public double[] SchoolStaffedMinutes { get; } = new double[24];

    public void AddSchoolRequired(double from, double to, int officers)
    {
        Clamp(ref from, ref to);
        while (NextPiece(ref from, to, out _, out var minutes, out var start))
        {
            SchoolRequiredMinutes[HourOf(start)] += minutes * officers;
        }
    }

    public void AddSchoolStaffed(double from, double to)
    {
        Clamp(ref from, ref to);
        while (NextPiece(ref from, to, out _, out var minutes, out var start))
        {
            SchoolStaffedMinutes[HourOf(start)] += minutes;
        }
    }

    /// <summary>A copy to which open intervals can be added for a report without disturbing the run.</summary>
    public PresenceLedger Copy() => new(this);

    /// <summary>
    /// Empty ledgers made so far, per scenario, as templates: everything a ledger works out in its
    /// constructor (slots, rates, weight totals, the flagged zone-slots) depends only on the
    /// scenario, the end time and the warm-up, so the replications of a scenario share it.
    /// </summary>
    private static readonly ConditionalWeakTable<Scenario, List<PresenceLedger>> Templates = new();

    /// <summary>
    /// A new, empty ledger, as <c>new PresenceLedger(scenario, endTime, statsFrom)</c>, sharing the
    /// worked-out parts with earlier ledgers of the same scenario, end time and warm-up.
    /// </summary>
    public static PresenceLedger For(Scenario scenario, double endTime, double statsFrom = 0)
    {
        var templates = Templates.GetValue(scenario, _ => []);
        PresenceLedger? template;
        // Made under the lock: replications starting together wait for one template instead of each making its own.
        lock (templates)
        {
            template = templates.Find(t => t.EndTime.Equals(endTime) && t.StatsFrom.Equals(statsFrom));
            if (template is null)
            {
                template = new PresenceLedger(scenario, endTime, statsFrom);
                templates.Add(template);
            }
        }
        return new PresenceLedger(template, empty: true);
    }

    private PresenceLedger(PresenceLedger other)
        : this(other, empty: false)
    {
    }

    /// <summary>A ledger with the worked-out parts of <paramref name="other"/> and its accumulators copied, or zero when <paramref name="empty"/>.</summary>
    private PresenceLedger(PresenceLedger other, bool empty)
    {
        _scenario = other._scenario;
        _offset = other._offset;
        _slots = other._slots;
        _zoneList = other._zoneList;
        _hotspot = other._hotspot;
        _slotHour = other._slotHour;
        _slotDay = other._slotDay;
        _slotValid = other._slotValid;
        _flagged = other._flagged;
        _nightWeightBySlot = other._nightWeightBySlot;
        EndTime = other.EndTime;
        StatsFrom = other.StatsFrom;
        WeightTotal = other.WeightTotal;
        HourWeightTotal = other.HourWeightTotal;
        NightWeightTotal = other.NightWeightTotal;
        NightWeightTotalByZone = other.NightWeightTotalByZone;
        NightWeightedCoveredByZone = Accumulator(other.NightWeightedCoveredByZone, empty);
        HotspotMinutes = other.HotspotMinutes;
        FlaggedAreaTimeShare = other.FlaggedAreaTimeShare;
        CoveredMinutes = Accumulator(other.CoveredMinutes, empty);
        WeightedCovered = Accumulator(other.WeightedCovered, empty);
        HourWeightedCovered = Accumulator(other.HourWeightedCovered, empty);
        NightWeightedCovered = empty ? 0 : other.NightWeightedCovered;
        PatrolMinutesFlagged = empty ? 0 : other.PatrolMinutesFlagged;
        SchoolRequiredMinutes = Accumulator(other.SchoolRequiredMinutes, empty);
        SchoolStaffedMinutes = Accumulator(other.SchoolStaffedMinutes, empty);
    }

    private static double[] Accumulator(double[] values, bool empty) => empty ? new double[values.Length] : (double[])values.Clone();

    public int SlotOf(double t) => Math.Clamp((int)Math.Floor((t + _offset) / 60.0), 0, _slots - 1);

    public bool IsFlagged(int zone, double t) => _flagged[zone * _slots + SlotOf(t)];

    public bool IsNight(double t) => IsNightHour(HourOf(t));

    private static bool IsNightHour(int hour) => Array.IndexOf(NightHours, hour) >= 0;

    private int HourOf(double t) => _scenario.HourOfDay(t);

    /// <summary>Adds [from, to) during which the zone had at least one unit visibly present.</summary>
    public void AddCoverage(int zone, double from, double to)
    {
        Clamp(ref from, ref to);
        while (NextPiece(ref from, to, out var slot, out var minutes, out var start))
        {
            var weighted = RateOf(zone, slot) * minutes;
            CoveredMinutes[zone] += minutes;
            WeightedCovered[zone] += weighted;
            var hour = HourOf(start);
            HourWeightedCovered[hour] += weighted;
            if (IsNightHour(hour))
            {
                NightWeightedCovered += weighted;
                NightWeightedCoveredByZone[zone] += weighted;
            }
        }
    }

    /// <summary>Adds [from, to) that one patrolling unit spent inside the zone.</summary>
    public void AddPatrolPresence(int zone, double from, double to)
    {
        Clamp(ref from, ref to);
        while (NextPiece(ref from, to, out var slot, out var minutes, out _))
        {
            if (_flagged[zone * _slots + slot])
            {
                PatrolMinutesFlagged += minutes;
            }
        }
    }

    private (double From, double To) SlotSpan(int k) =>
        (Math.Max(StatsFrom, k * 60.0 - _offset), Math.Min(EndTime, (k + 1) * 60.0 - _offset));

    /// <summary>Limits an interval to the counted part of the run (after the warm-up, before the end).</summary>
    private void Clamp(ref double from, ref double to)
    {
        to = Math.Min(to, EndTime);
        from = Math.Max(from, StatsFrom);
    }

    /// <summary>
    /// The next piece of a clamped interval [from, to) that lies in one slot: its slot, length and
    /// start; moves <paramref name="from"/> to the piece's end. False when nothing is left.
    /// </summary>
    private bool NextPiece(ref double from, double to, out int slot, out double minutes, out double start)
    {
        start = from;
        slot = 0;
        minutes = 0;
        if (!(from < to))
        {
            return false;
        }
        slot = SlotOf(from);
        var end = Math.Min(to, SlotSpan(slot).To);
        if (end <= from)
        {
            return false;
        }
        minutes = end - from;
        from = end;
        return true;
    }
}
