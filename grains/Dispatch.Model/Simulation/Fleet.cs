using Dispatch.Model.Geometry;
using Dispatch.Model.Scheduling;
using Dispatch.Model.Travel;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The units of a run: their status changes (with presence and school-post staffing kept up to
/// date), moves and dwells, the assignments they leave, which of them changed since the last drain
/// (for batched grain updates), and their staggered shifts (<c>Fleet.Shifts.cs</c>).
/// </summary>
internal sealed partial class Fleet
{
    private readonly SimClock _clock;
    private readonly EventQueue _events;
    private readonly PresenceTracker _presence;
    private readonly Scheduler _scheduler;
    private readonly ITravel _travel;
    private readonly bool[] _dirty;
    private readonly List<int> _dirtyUnits = [];

    public Fleet(UnitState[] units, double startMinuteOfDay, SimClock clock, EventQueue events, PresenceTracker presence, Scheduler scheduler, ITravel? travel = null)
    {
        _travel = travel ?? StraightLineTravel.Instance;
        Units = units;
        _startMinuteOfDay = startMinuteOfDay;
        _clock = clock;
        _events = events;
        _presence = presence;
        _scheduler = scheduler;
        _dirty = new bool[units.Length];
    }

    /// <summary>The units, by index.</summary>
    public UnitState[] Units { get; }

    /// <summary>The units as the scheduler reads them.</summary>
    public FleetView View => new(Units, _clock, _travel);

    /// <summary>How the units travel (straight lines or roads).</summary>
    public ITravel Travel => _travel;

    /// <summary>Changes a unit's status now, closing a school-post stretch it stood, and recomputes where it is visibly present.</summary>
    public void SetStatus(UnitState unit, UnitStatus status)
    {
        if (unit.Status == UnitStatus.SchoolPost && unit.StandingInStatus)
        {
            _presence.Ledger.AddSchoolStaffed(unit.StatusSince, _clock.Now);
        }
        unit.SetStatus(status, _clock.Now);
        MarkDirty(unit);
        _presence.Update(unit);
    }

    public void MarkDirty(UnitState unit)
    {
        if (!_dirty[unit.Spec.Index])
        {
            _dirty[unit.Spec.Index] = true;
            _dirtyUnits.Add(unit.Spec.Index);
        }
    }

    /// <summary>The units changed since the previous call, in the order of their first change.</summary>
    public List<UnitState> DrainChanged()
    {
        var units = _dirtyUnits.Select(i => Units[i]).ToList();
        foreach (var i in _dirtyUnits)
        {
            _dirty[i] = false;
        }
        _dirtyUnits.Clear();
        return units;
    }

    /// <summary>Travel minutes from where the unit is now to <paramref name="to"/>.</summary>
    public double TravelMinutes(UnitState unit, Point2 to) => _travel.Minutes(unit.Spec, unit.PositionAt(_clock.Now), to);

    /// <summary>
    /// Starts the unit's leg from where it is now to <paramref name="to"/> (on roads: along its route),
    /// leaving at <paramref name="departAt"/> (default now); the travel minutes.
    /// </summary>
    public double StartLeg(UnitState unit, Point2 to, double? departAt = null)
    {
        var now = _clock.Now;
        var from = unit.PositionAt(now);
        var route = _travel.OnRoads ? _travel.Route(unit.Spec, from, to) : null;
        var travel = route?.TotalMinutes ?? _travel.Minutes(unit.Spec, from, to);
        var leave = departAt ?? now;
        unit.SetLeg(now, to, leave, leave + travel, route);
        return travel;
    }

    /// <summary>Starts a leg towards <paramref name="target"/> in <paramref name="status"/>, ending in a <see cref="EventKind.UnitLegEnds"/>.</summary>
    public void MoveTo(UnitState unit, Point2 target, UnitStatus status)
    {
        var now = _clock.Now;
        var travel = StartLeg(unit, target);
        unit.IsMoving = true;
        SetStatus(unit, status);
        _events.Schedule(now + travel, new SimEvent(EventKind.UnitLegEnds, unit.Spec.Index, -1, unit.Version));
    }

    /// <summary>Stays where it is, visibly, until <paramref name="minutes"/> from now (or indefinitely when infinite).</summary>
    public void Dwell(UnitState unit, UnitStatus status, double minutes)
    {
        unit.IsMoving = false;
        SetStatus(unit, status);
        if (double.IsFinite(minutes))
        {
            _events.Schedule(_clock.Now + minutes, new SimEvent(EventKind.UnitLegEnds, unit.Spec.Index, -1, unit.Version));
        }
    }

    /// <summary>Heads back to base (available at once if already there).</summary>
    public void ReturnToBase(UnitState unit)
    {
        var now = _clock.Now;
        var travel = StartLeg(unit, unit.Spec.Base);
        unit.TargetZone = -1;
        if (travel <= 0)
        {
            unit.IsMoving = false;
            SetStatus(unit, UnitStatus.Available);
            return;
        }
        unit.IsMoving = true;
        SetStatus(unit, UnitStatus.Returning);
        _events.Schedule(now + travel, new SimEvent(EventKind.UnitBackAtBase, unit.Spec.Index, -1, unit.Version));
    }

    public void OnBackAtBase(UnitState unit)
    {
        unit.IsMoving = false;
        SetStatus(unit, UnitStatus.Available);
    }

    /// <summary>Releases whatever patrol, check or school-post assignment the unit had (a patrol block goes back to the plan).</summary>
    public void LeaveAssignment(UnitState unit)
    {
        if (unit.Status == UnitStatus.Patrol)
        {
            _scheduler.Release(unit.TargetZone);
        }
        unit.TargetZone = -1;
    }

    /// <summary>End of the warm-up: the units' minutes start from zero here.</summary>
    public void SnapshotMinutes()
    {
        foreach (var unit in Units)
        {
            unit.SnapshotMinutes(_clock.Now);
        }
    }
}
