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
        CoveredMinutes = new double[zones];
        WeightedCovered = new double[zones];
        WeightTotal = new double[zones];
        HourWeightedCovered = new double[24];
        HourWeightTotal = new double[24];
        var candidates = new List<(double Rate, int Zone, int Slot)>();
        var areaTime = 0.0;
        foreach (var zone in scenario.Zones.Where(z => z.IsHotspot))
        {
            for (var k = 0; k < _slots; k++)
            {
                var (from, to) = SlotSpan(k);
                if (to <= from)
                {
                    continue;
                }
                var rate = zone.RatePerHour * zone.HourProfile[scenario.HourOfDay(from)] * zone.DayProfile[scenario.DayOfWeek(from)];
                _rate[zone.Index, k] = rate;
                var weight = rate * (to - from);
                WeightTotal[zone.Index] += weight;
                HourWeightTotal[scenario.HourOfDay(from)] += weight;
                if (IsNight(from))
                {
                    NightWeightTotal += weight;
                }
                areaTime += zone.Shape.Area * (to - from);
                if (rate > 0)
                {
                    candidates.Add((rate, zone.Index, k));
                }
            }
            HotspotMinutes += endTime - statsFrom;
        }
        var hotspotSlots = scenario.Zones.Count(z => z.IsHotspot) * Enumerable.Range(0, _slots).Count(k => SlotSpan(k).To > SlotSpan(k).From);
        var flag = (int)Math.Ceiling(scenario.Patrol.TopRiskShare * hotspotSlots);
        var flaggedAreaTime = 0.0;
        foreach (var (_, zone, slot) in candidates.OrderByDescending(c => c.Rate).ThenBy(c => c.Zone).ThenBy(c => c.Slot).Take(flag))
        {
            _flagged[zone, slot] = true;
            var (from, to) = SlotSpan(slot);
            flaggedAreaTime += scenario.Zones[zone].Shape.Area * (to - from);
        }
        FlaggedAreaTimeShare = areaTime > 0 ? flaggedAreaTime / areaTime : 0;
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

    public double NightWeightTotal { get; }

    /// <summary>Hotspot zones x run minutes (the denominator of the unweighted time share).</summary>
    public double HotspotMinutes { get; }

    /// <summary>Patrol minutes spent inside flagged (top-risk) zone-slots.</summary>
    public double PatrolMinutesFlagged { get; private set; }

    /// <summary>Share of hotspot area x time that is flagged (the denominator of PAI).</summary>
    public double FlaggedAreaTimeShare { get; }

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
        EndTime = other.EndTime;
        StatsFrom = other.StatsFrom;
        WeightTotal = other.WeightTotal;
        HourWeightTotal = other.HourWeightTotal;
        NightWeightTotal = other.NightWeightTotal;
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
