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
    private readonly double[,] _rate;
    private readonly bool[,] _flagged;
    private readonly double[] _nightWeightBySlot;

    public PresenceLedger(Scenario scenario, double endTime, double statsFrom = 0)
    {
        _scenario = scenario;
        EndTime = endTime;
        StatsFrom = statsFrom;
        _offset = scenario.StartMinuteOfWeek % 60;
        _slots = (int)Math.Ceiling((endTime + _offset) / 60.0);
        var zones = scenario.Zones.Count;
        _rate = new double[zones, _slots];
        _flagged = new bool[zones, _slots];
        _nightWeightBySlot = new double[_slots];
        CoveredMinutes = new double[zones];
        WeightedCovered = new double[zones];
        WeightTotal = new double[zones];
        NightWeightTotalByZone = new double[zones];
        NightWeightedCoveredByZone = new double[zones];
        HourWeightedCovered = new double[24];
        HourWeightTotal = new double[24];
        // Everything about a slot but the zone (its span, hour, day, night) is the same for every
        // zone: worked out once per slot rather than once per zone-slot.
        var spans = new (double From, double To, int Hour, int Day, bool Night)[_slots];
        var validSlots = 0;
        for (var k = 0; k < _slots; k++)
        {
            var (from, to) = SlotSpan(k);
            spans[k] = (from, to, scenario.HourOfDay(from), scenario.DayOfWeek(from), IsNight(from));
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
                var (from, to, hour, day, night) = spans[k];
                if (to <= from)
                {
                    continue;
                }
                var rate = zone.RatePerHour * zone.HourProfile[hour] * zone.DayProfile[day];
                _rate[zone.Index, k] = rate;
                var weight = rate * (to - from);
                WeightTotal[zone.Index] += weight;
                HourWeightTotal[hour] += weight;
                if (night)
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
        foreach (var (_, zone, slot) in TopRisk(Candidates(scenario, spans), candidates, flag))
        {
            _flagged[zone, slot] = true;
            var (from, to) = SlotSpan(slot);
            flaggedAreaTime += scenario.Zones[zone].Shape.Area * (to - from);
        }
        FlaggedAreaTimeShare = areaTime > 0 ? flaggedAreaTime / areaTime : 0;
    }

    private readonly record struct Candidate(double Rate, int Zone, int Slot);

    /// <summary>The zone-slots with a positive rate (candidates for flagging), zone by zone, slot by slot.</summary>
    private IEnumerable<Candidate> Candidates(Scenario scenario, (double From, double To, int Hour, int Day, bool Night)[] spans)
    {
        foreach (var zone in scenario.Zones)
        {
            if (!zone.IsHotspot)
            {
                continue;
            }
            for (var k = 0; k < _slots; k++)
            {
                if (spans[k].To > spans[k].From && _rate[zone.Index, k] > 0)
                {
                    yield return new Candidate(_rate[zone.Index, k], zone.Index, k);
                }
            }
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> candidates by descending rate, then ascending zone, then
    /// ascending slot, in that order
    /// (<paramref name="candidates"/> come zone by zone, slot by slot): the rate of the last one is
    /// found by selection (linear time); the chosen ones are then sorted by rate with their
    /// position as the tie-break, instead of sorting every zone-slot of the run.
    /// </summary>
    private static List<Candidate> TopRisk(IEnumerable<Candidate> candidates, int total, int count)
    {
        if (count <= 0 || total == 0)
        {
            return [];
        }
        var take = Math.Min(count, total);
        var threshold = double.NegativeInfinity;
        var ties = take;
        if (count < total)
        {
            var rates = new double[total];
            var n = 0;
            foreach (var c in candidates)
            {
                rates[n++] = c.Rate;
            }
            threshold = NthLargest(rates, count);
            var above = 0;
            foreach (var rate in rates)
            {
                above += rate > threshold ? 1 : 0;
            }
            ties = count - above;
        }
        // In candidate order: every zone-slot above the threshold and the first ties at it.
        var chosen = new List<Candidate>(take);
        foreach (var c in candidates)
        {
            if (c.Rate > threshold || (c.Rate == threshold && ties-- > 0))
            {
                chosen.Add(c);
            }
        }
        // Sort by descending rate; equal rates keep candidate order (lower zone, then earlier slot).
        var keys = new double[chosen.Count];
        var order = new int[chosen.Count];
        for (var k = 0; k < keys.Length; k++)
        {
            keys[k] = -chosen[k].Rate;
            order[k] = k;
        }
        Array.Sort(keys, order);
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(order, start, end - start);
            }
            start = end;
        }
        var sorted = new List<Candidate>(chosen.Count);
        foreach (var k in order)
        {
            sorted.Add(chosen[k]);
        }
        return sorted;
    }

    /// <summary>The <paramref name="n"/>-th largest value (1-based) by three-way quickselect; reorders <paramref name="values"/>.</summary>
    private static double NthLargest(double[] values, int n)
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

    public void AddSchoolRequired(double from, double to, int officers) =>
        ForEachSlot(from, to, (_, minutes, start) => SchoolRequiredMinutes[_scenario.HourOfDay(start)] += minutes * officers);

    public void AddSchoolStaffed(double from, double to) =>
        ForEachSlot(from, to, (_, minutes, start) => SchoolStaffedMinutes[_scenario.HourOfDay(start)] += minutes);

    /// <summary>A copy to which open intervals can be added for a report without disturbing the run.</summary>
    public PresenceLedger Copy() => new(this);

    private PresenceLedger(PresenceLedger other)
    {
        _scenario = other._scenario;
        _offset = other._offset;
        _slots = other._slots;
        _rate = other._rate;
        _flagged = other._flagged;
        _nightWeightBySlot = other._nightWeightBySlot;
        EndTime = other.EndTime;
        StatsFrom = other.StatsFrom;
        WeightTotal = other.WeightTotal;
        HourWeightTotal = other.HourWeightTotal;
        NightWeightTotal = other.NightWeightTotal;
        NightWeightTotalByZone = other.NightWeightTotalByZone;
        NightWeightedCoveredByZone = (double[])other.NightWeightedCoveredByZone.Clone();
        HotspotMinutes = other.HotspotMinutes;
        FlaggedAreaTimeShare = other.FlaggedAreaTimeShare;
        CoveredMinutes = (double[])other.CoveredMinutes.Clone();
        WeightedCovered = (double[])other.WeightedCovered.Clone();
        HourWeightedCovered = (double[])other.HourWeightedCovered.Clone();
        NightWeightedCovered = other.NightWeightedCovered;
        PatrolMinutesFlagged = other.PatrolMinutesFlagged;
        SchoolRequiredMinutes = (double[])other.SchoolRequiredMinutes.Clone();
        SchoolStaffedMinutes = (double[])other.SchoolStaffedMinutes.Clone();
    }

    public int SlotOf(double t) => Math.Clamp((int)Math.Floor((t + _offset) / 60.0), 0, _slots - 1);

    public bool IsFlagged(int zone, double t) => _flagged[zone, SlotOf(t)];

    public bool IsNight(double t) => Array.IndexOf(NightHours, _scenario.HourOfDay(t)) >= 0;

    /// <summary>Adds [from, to) during which the zone had at least one unit visibly present.</summary>
    public void AddCoverage(int zone, double from, double to)
    {
        ForEachSlot(from, to, (slot, minutes, start) =>
        {
            var weighted = _rate[zone, slot] * minutes;
            CoveredMinutes[zone] += minutes;
            WeightedCovered[zone] += weighted;
            HourWeightedCovered[_scenario.HourOfDay(start)] += weighted;
            if (IsNight(start))
            {
                NightWeightedCovered += weighted;
                NightWeightedCoveredByZone[zone] += weighted;
            }
        });
    }

    /// <summary>Adds [from, to) that one patrolling unit spent inside the zone.</summary>
    public void AddPatrolPresence(int zone, double from, double to) =>
        ForEachSlot(from, to, (slot, minutes, _) =>
        {
            if (_flagged[zone, slot])
            {
                PatrolMinutesFlagged += minutes;
            }
        });

    private (double From, double To) SlotSpan(int k) =>
        (Math.Max(StatsFrom, k * 60.0 - _offset), Math.Min(EndTime, (k + 1) * 60.0 - _offset));

    private void ForEachSlot(double from, double to, Action<int, double, double> add)
    {
        to = Math.Min(to, EndTime);
        from = Math.Max(from, StatsFrom);
        while (from < to)
        {
            var slot = SlotOf(from);
            var end = Math.Min(to, SlotSpan(slot).To);
            if (end <= from)
            {
                break;
            }
            add(slot, end - from, from);
            from = end;
        }
    }
}
