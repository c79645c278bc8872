using System.Runtime.CompilerServices;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// What a <see cref="PresenceLedger"/> works out before anything is added to it, from the scenario,
/// the end time and the warm-up alone (so the ledgers of a scenario's replications share one, see
/// <see cref="LedgerSlotsCache"/>; never changed after it is made): time cut into clock-hour slots
/// (each slot's hour, day and counted span), the risk-weighted minutes of the run (the measures'
/// denominators), and the flagged top-risk zone-slots (docs/metrics.md).
/// </summary>
internal sealed class LedgerSlots
{
    private readonly Scenario _scenario;
    private readonly double _offset;
    private readonly int _slots;
    private readonly Zone[] _zoneList;
    private readonly bool[] _hotspot;
    private readonly int[] _slotHour;
    private readonly int[] _slotDay;
    private readonly bool[] _slotValid;
    private readonly ZoneSlotRates _flagged;
    private readonly double[] _nightWeightBySlot;
    private readonly bool[] _nightHours;

    public LedgerSlots(Scenario scenario, double endTime, double statsFrom)
    {
        _scenario = scenario;
        _nightHours = scenario.Night.Hours();
        EndTime = endTime;
        StatsFrom = statsFrom;
        _offset = scenario.StartMinuteOfWeek % 60;
        _slots = (int)Math.Ceiling((endTime + _offset) / 60.0);
        _zoneList = [.. scenario.Zones];
        _hotspot = [.. _zoneList.Select(z => z.IsHotspot)];
        var zones = _zoneList.Length;
        _nightWeightBySlot = new double[_slots];
        WeightTotal = new double[zones];
        NightWeightTotalByZone = new double[zones];
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
            night[k] = IsNightHour(HourOf(from));
            _slotValid[k] = to > from;
            validSlots += to > from ? 1 : 0;
        }
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
                var rate = zone.RateAt(hour, _slotDay[k]);
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
            }
            HotspotMinutes += endTime - statsFrom;
        }
        var hotspotSlots = hotspotCount * validSlots;
        var flag = (int)Math.Ceiling(scenario.Patrol.TopRiskShare * hotspotSlots);
        // The top `flag` zone-slots by rate (ties: lower zone, then earlier slot), their area-time
        // summed in that order; held per zone and hour of the week, not per zone-slot of the run.
        _flagged = new ZoneSlotRates(_zoneList, _hotspot, _slots, _slotValid, _slotHour, _slotDay, spanFrom, spanTo, flag);
        var flaggedAreaTime = _flagged.FlaggedAreaTime;
        FlaggedAreaTimeShare = areaTime > 0 ? flaggedAreaTime / areaTime : 0;
    }

    public int ZoneCount => _zoneList.Length;

    public double EndTime { get; }

    public double StatsFrom { get; }

    public double[] WeightTotal { get; }

    public double[] HourWeightTotal { get; }

    public double[] NightWeightTotalByZone { get; }

    public double NightWeightTotal { get; }

    public double HotspotMinutes { get; }

    public double FlaggedAreaTimeShare { get; }

    /// <summary>The rate (incidents per hour) of a zone-slot: 0 outside the hotspots and the counted slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double RateOf(int zone, int slot)
    {
        if (!_hotspot[zone] || !_slotValid[slot])
        {
            return 0;
        }
        var z = _zoneList[zone];
        return z.RateAt(_slotHour[slot], _slotDay[slot]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsFlagged(int zone, int slot) => _flagged.IsFlagged(zone, slot);

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

    public int SlotOf(double t) => Math.Clamp((int)Math.Floor((t + _offset) / 60.0), 0, _slots - 1);

    public int HourOf(double t) => _scenario.HourOfDay(t);

    /// <summary>Whether the clock hour is in the scenario's night window.</summary>
    public bool IsNightHour(int hour) => _nightHours[hour];

    /// <summary>Limits an interval to the counted part of the run (after the warm-up, before the end).</summary>
    public void Clamp(ref double from, ref double to)
    {
        to = Math.Min(to, EndTime);
        from = Math.Max(from, StatsFrom);
    }

    /// <summary>
    /// The next piece of a clamped interval [from, to) that lies in one slot: its slot, length and
    /// start; moves <paramref name="from"/> to the piece's end. False when nothing is left.
    /// </summary>
    public bool NextPiece(ref double from, double to, out int slot, out double minutes, out double start)
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

    private (double From, double To) SlotSpan(int k) =>
        (Math.Max(StatsFrom, k * 60.0 - _offset), Math.Min(EndTime, (k + 1) * 60.0 - _offset));
}
