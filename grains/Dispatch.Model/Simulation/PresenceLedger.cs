using System.Runtime.CompilerServices;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Accumulates exact presence intervals into the visibility and precision measures
/// (docs/metrics.md). Time is cut into clock-hour slots; a zone's risk in a slot is its profile
/// rate there. The top <see cref="PatrolOptions.TopRiskShare"/> of hotspot zone-slots by risk are
/// "flagged" for the precision rate and PAI. What depends only on the scenario, the end time and
/// the warm-up (<see cref="LedgerSlots"/>) is shared by the ledgers of a scenario's replications;
/// the running sums are small types of their own (<see cref="CoverageTotals"/>,
/// <see cref="PrecisionTotals"/>, <see cref="SchoolPostTotals"/>), copied whole by <see cref="Copy"/>.
/// </summary>
public sealed class PresenceLedger
{
    private readonly LedgerSlots _slots;
    private readonly CoverageTotals _coverage;
    private readonly PrecisionTotals _precision;
    private readonly SchoolPostTotals _school;

    public PresenceLedger(Scenario scenario, double endTime, double statsFrom = 0)
        : this(new LedgerSlots(scenario, endTime, statsFrom))
    {
    }

    private PresenceLedger(LedgerSlots slots)
        : this(slots, new CoverageTotals(slots.ZoneCount), new PrecisionTotals(), new SchoolPostTotals())
    {
    }

    private PresenceLedger(LedgerSlots slots, CoverageTotals coverage, PrecisionTotals precision, SchoolPostTotals school)
    {
        _slots = slots;
        _coverage = coverage;
        _precision = precision;
        _school = school;
    }

    /// <summary>
    /// A new, empty ledger, as <c>new PresenceLedger(scenario, endTime, statsFrom)</c>, sharing the
    /// worked-out parts with earlier ledgers of the same scenario, end time and warm-up.
    /// </summary>
    public static PresenceLedger For(Scenario scenario, double endTime, double statsFrom = 0) =>
        new(LedgerSlotsCache.For(scenario, endTime, statsFrom));

    /// <summary>A copy to which open intervals can be added for a report without disturbing the run.</summary>
    public PresenceLedger Copy() => new(_slots, _coverage.Copy(), _precision.Copy(), _school.Copy());

    public double EndTime => _slots.EndTime;

    /// <summary>Intervals before this time (the warm-up) are not counted.</summary>
    public double StatsFrom => _slots.StatsFrom;

    /// <summary>Minutes with at least one unit visibly present, per zone.</summary>
    public double[] CoveredMinutes => _coverage.Minutes;

    /// <summary>Covered minutes weighted by the zone's risk (incidents per hour) in each minute, per zone.</summary>
    public double[] WeightedCovered => _coverage.Weighted;

    /// <summary>All risk-weighted minutes of the run, per zone (the denominator of its visibility).</summary>
    public double[] WeightTotal => _slots.WeightTotal;

    public double[] HourWeightedCovered => _coverage.WeightedByHour;

    public double[] HourWeightTotal => _slots.HourWeightTotal;

    public double NightWeightedCovered => _coverage.NightWeighted;

    /// <summary>Night (22:00-04:00) risk-weighted covered minutes, per zone.</summary>
    public double[] NightWeightedCoveredByZone => _coverage.NightWeightedByZone;

    /// <summary>Night (22:00-04:00) risk-weighted minutes of the run, per zone.</summary>
    public double[] NightWeightTotalByZone => _slots.NightWeightTotalByZone;

    public double NightWeightTotal => _slots.NightWeightTotal;

    /// <summary>Hotspot zones x run minutes (the denominator of the unweighted time share).</summary>
    public double HotspotMinutes => _slots.HotspotMinutes;

    /// <summary>Patrol minutes spent inside flagged (top-risk) zone-slots.</summary>
    public double PatrolMinutesFlagged => _precision.PatrolMinutesFlagged;

    /// <summary>Share of hotspot area x time that is flagged (the denominator of PAI).</summary>
    public double FlaggedAreaTimeShare => _slots.FlaggedAreaTimeShare;

    /// <summary>School-gate post-minutes required, per hour of day.</summary>
    public double[] SchoolRequiredMinutes => _school.Required;

    /// <summary>School-gate post-minutes actually staffed (officer standing at the gate), per hour of day.</summary>
    public double[] SchoolStaffedMinutes => _school.Staffed;

    /// <summary>The night risk-weighted minutes from the start of the statistics up to <paramref name="t"/>.</summary>
    public double NightWeightUpTo(double t) => _slots.NightWeightUpTo(t);

    public int SlotOf(double t) => _slots.SlotOf(t);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsFlagged(int zone, double t) => _slots.IsFlagged(zone, _slots.SlotOf(t));

    public bool IsNight(double t) => _slots.IsNightHour(_slots.HourOf(t));

    /// <summary>Adds [from, to) during which the zone had at least one unit visibly present.</summary>
    public void AddCoverage(int zone, double from, double to)
    {
        _slots.Clamp(ref from, ref to);
        while (_slots.NextPiece(ref from, to, out var slot, out var minutes, out var start))
        {
            var hour = _slots.HourOf(start);
            _coverage.Add(zone, hour, _slots.IsNightHour(hour), minutes, _slots.RateOf(zone, slot) * minutes);
        }
    }

    /// <summary>Adds [from, to) that one patrolling unit spent inside the zone.</summary>
    public void AddPatrolPresence(int zone, double from, double to)
    {
        _slots.Clamp(ref from, ref to);
        while (_slots.NextPiece(ref from, to, out var slot, out var minutes, out _))
        {
            if (_slots.IsFlagged(zone, slot))
            {
                _precision.Add(minutes);
            }
        }
    }

    /// <summary>Adds a school-gate post needing <paramref name="officers"/> officers over [from, to).</summary>
    public void AddSchoolRequired(double from, double to, int officers)
    {
        _slots.Clamp(ref from, ref to);
        while (_slots.NextPiece(ref from, to, out _, out var minutes, out var start))
        {
            _school.AddRequired(_slots.HourOf(start), minutes * officers);
        }
    }

    /// <summary>Adds [from, to) that one officer stood at a school-gate post.</summary>
    public void AddSchoolStaffed(double from, double to)
    {
        _slots.Clamp(ref from, ref to);
        while (_slots.NextPiece(ref from, to, out _, out var minutes, out var start))
        {
            _school.AddStaffed(_slots.HourOf(start), minutes);
        }
    }
}
