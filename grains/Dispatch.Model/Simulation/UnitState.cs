using System.Runtime.CompilerServices;
using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Travel;

namespace Dispatch.Model.Simulation;

/// <summary>Unit statuses (closed vocabulary).</summary>
public enum UnitStatus
{
    OffShift,
    /// <summary>On duty and free at its base (fixed post or station).</summary>
    Available,
    /// <summary>Free and dispatchable, travelling back to base.</summary>
    Returning,
    EnRoute,
    OnScene,
    /// <summary>Patrolling its beat: travelling between hotspots (visible) or dwelling in one.</summary>
    Patrol,
    /// <summary>Going to or standing at a school-gate post during a peak window.</summary>
    SchoolPost,
    /// <summary>Going to or making an alert-guided check of a zone.</summary>
    Check,
    /// <summary>Going to or holding a command post (a duty officer's order): visible, not dispatched automatically.</summary>
    CommandPost,
}

/// <summary>A unit's live state in the kernel, with exact time accounting per status.</summary>
public sealed class UnitState(UnitSpec spec)
{
    private readonly double[] _minutes = new double[Enum.GetValues<UnitStatus>().Length];
    private readonly double[] _onDutyByHour = new double[24];
    private readonly double[] _onDutyByHourAtWarmup = new double[24];
    private double _since;
    private Point2 _from = spec.Base;
    private Point2 _to = spec.Base;
    private double _departAt;
    private double _arriveAt;
    private double _travelled;
    private TravelRoute? _route;

    public UnitSpec Spec { get; } = spec;

    /// <summary>The minute of the day at simulated minute 0 (for the on-duty minutes by hour of day).</summary>
    public double DayStartMinute { get; init; }

    public UnitStatus Status { get; private set; } = UnitStatus.OffShift;

    /// <summary>Incremented on every status change; stale events carry an older value.</summary>
    public int Version { get; private set; }

    public int Dispatches { get; internal set; }

    public int CurrentIncident { get; internal set; } = -1;

    /// <summary>The shift ended while busy: go off duty when the job is done.</summary>
    public bool OffAfterJob { get; internal set; }

    /// <summary>Whether the unit may be sent to an incident of this priority (posts yield only to urgent calls).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // in the dispatch scan over the whole fleet
    public bool CanTake(int priority, DispatchOptions options) => Status switch
    {
        UnitStatus.Returning or UnitStatus.Patrol or UnitStatus.Check => true,
        UnitStatus.Available => MayLeavePostFor(priority, options),
        UnitStatus.SchoolPost => priority <= options.PreemptPostsUpToPriority,
        _ => false,
    };

    /// <summary>The school-gate window the unit is staffing (while on <see cref="UnitStatus.SchoolPost"/>).</summary>
    internal int SchoolWindow { get; set; } = -1;

    /// <summary>A unit on post duty leaves its post only for calls at least as urgent as the pre-emption limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayLeavePostFor(int priority, DispatchOptions options) =>
        Spec.Duty != Duty.Post || priority <= options.PreemptPostsUpToPriority;

    /// <summary>Whether the unit was standing (not moving) when its current status began.</summary>
    internal bool StandingInStatus { get; private set; }

    /// <summary>Travelling on the current leg (as opposed to standing or dwelling at its end).</summary>
    public bool IsMoving { get; internal set; }

    /// <summary>The zone the unit is heading to or dwelling in (patrol, check, school post), or -1.</summary>
    public int TargetZone { get; internal set; } = -1;

    /// <summary>Hotspot zones where the unit is visibly present now, with the time it entered each.</summary>
    internal List<(int Zone, double Since, bool Patrolling)> Presence { get; } = [];

    /// <summary>Incremented whenever the presence of the unit is recomputed; stale crossing events carry an older value.</summary>
    internal int PresenceVersion { get; set; }

    /// <summary>The end time of the current leg.</summary>
    public double LegEndsAt => _arriveAt;

    /// <summary>The end point of the current leg.</summary>
    public Point2 Destination => _to;

    /// <summary>The way the current leg follows on roads (null: a straight line from its start to <see cref="Destination"/>).</summary>
    public TravelRoute? Route => _route;

    /// <summary>When the current leg began.</summary>
    public double LegStartedAt => _departAt;

    /// <summary>Position at time <paramref name="now"/>, interpolated along the current leg (its route on roads).</summary>
    public Point2 PositionAt(double now)
    {
        if (_arriveAt <= _departAt || now >= _arriveAt)
        {
            return _to;
        }
        if (_route is not null)
        {
            return _route.At(now - _departAt);
        }
        return now <= _departAt ? _from : _from.Lerp(_to, (now - _departAt) / (_arriveAt - _departAt));
    }

    /// <summary>Straight-line metres travelled along its legs up to <paramref name="now"/> (the legs as reported, detours not included).</summary>
    public double TravelledMetres(double now) => _travelled + _from.DistanceTo(PositionAt(now));

    /// <summary>When the current status began.</summary>
    public double StatusSince => _since;

    /// <summary>Changes status at <paramref name="now"/>, closing the time spent in the previous one.</summary>
    internal void SetStatus(UnitStatus status, double now)
    {
        _minutes[(int)Status] += now - _since;
        if (Status != UnitStatus.OffShift)
        {
            AddByHour(_onDutyByHour, _since, now);
        }
        _since = now;
        Status = status;
        StandingInStatus = !IsMoving;
        Version++;
    }

    /// <summary>Starts a straight-line leg (for position reporting) from here to <paramref name="to"/>.</summary>
    internal void SetLeg(double now, Point2 to, double arriveAt) => SetLeg(now, to, now, arriveAt);

    /// <summary>
    /// A leg that leaves at <paramref name="departAt"/> (after a turnout time from now), standing until
    /// then, along <paramref name="route"/> (on roads) or else in a straight line.
    /// </summary>
    internal void SetLeg(double now, Point2 to, double departAt, double arriveAt, TravelRoute? route = null)
    {
        var here = PositionAt(now);
        _travelled += _from.DistanceTo(here);
        _from = here;
        _to = to;
        _departAt = departAt;
        _arriveAt = arriveAt;
        _route = route;
    }

    internal void PlaceAt(Point2 p)
    {
        _from = _to = p;
        _departAt = _arriveAt = 0;
        _route = null;
    }

    /// <summary>Minutes spent in <paramref name="status"/> up to <paramref name="now"/>, since the end of the warm-up.</summary>
    public double MinutesIn(UnitStatus status, double now) =>
        _minutes[(int)status] + (Status == status ? now - _since : 0) - _atWarmup[(int)status];

    private readonly double[] _atWarmup = new double[Enum.GetValues<UnitStatus>().Length];

    /// <summary>Minutes on duty (any status but off shift) per hour of day up to <paramref name="now"/>, since the end of the warm-up.</summary>
    public double[] OnDutyMinutesByHour(double now)
    {
        var hours = (double[])_onDutyByHour.Clone();
        if (Status != UnitStatus.OffShift)
        {
            AddByHour(hours, _since, now);
        }
        for (var h = 0; h < 24; h++)
        {
            hours[h] -= _onDutyByHourAtWarmup[h];
        }
        return hours;
    }

    /// <summary>Spreads the interval [from, to) over the hours of the day it covers.</summary>
    private void AddByHour(double[] hours, double from, double to)
    {
        var t = from;
        while (t < to)
        {
            var minuteOfDay = (DayStartMinute + t) % 1440.0;
            var hour = Math.Min(23, (int)(minuteOfDay / 60.0));
            var end = Math.Min(to, t + (60.0 * (hour + 1) - minuteOfDay));
            if (end <= t)
            {
                end = Math.Min(to, t + 1e-9);
            }
            hours[hour] += end - t;
            t = end;
        }
    }

    /// <summary>Remembers the minutes so far, which <see cref="MinutesIn"/> then leaves out.</summary>
    internal void SnapshotMinutes(double now)
    {
        for (var s = 0; s < _atWarmup.Length; s++)
        {
            _atWarmup[s] = 0;
            _atWarmup[s] = MinutesIn((UnitStatus)s, now);
        }
        Array.Clear(_onDutyByHourAtWarmup);
        OnDutyMinutesByHour(now).CopyTo(_onDutyByHourAtWarmup, 0);
    }
}
