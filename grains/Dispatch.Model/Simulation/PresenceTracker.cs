using Dispatch.Model.Geometry;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Who is visibly present in which hotspot, exactly in time, the deterrence it exerts, and the
/// presence intervals it adds to the <see cref="PresenceLedger"/> (the visibility and precision
/// measures).
/// </summary>
internal sealed class PresenceTracker
{
    private const double Epsilon = 1e-9;
    private readonly SimClock _clock;
    private readonly EventQueue _events;
    private readonly PatrolOptions _options;
    private readonly ZoneState[] _zones;
    private readonly ZoneIndex _hotspots;
    /// <summary>
    /// The zones' shapes, with the hotspots' rings packed: the zones a patrol leg is clipped
    /// against (those of the hotspot index), a standing unit is tested in and a patrol leg ends in.
    /// </summary>
    private readonly PackedRings _shapes;
    /// <summary>Each unit's visibility (its mode's), by unit index, for entering and leaving zones.</summary>
    private readonly double[] _visibility;

    // Scratch lists of the presence updates, reused from one call to the next (no allocation per leg).
    private readonly List<int> _presentNow = [];
    private readonly List<int> _nearZones = [];
    private readonly List<(double From, double To)> _intervals = [];

    public PresenceTracker(Scenario scenario, SimClock clock, EventQueue events, ZoneIndex hotspots, PackedRings shapes, PresenceLedger ledger)
    {
        _clock = clock;
        _events = events;
        _options = scenario.Patrol;
        _zones = [.. scenario.Zones.Select(_ => new ZoneState())];
        _hotspots = hotspots;
        _shapes = shapes;
        _visibility = [.. scenario.Units.Select(u => u.Speed.Visibility)];
        Ledger = ledger;
        _routes = new RouteCrossings(clock, events, hotspots, shapes);
    }

    /// <summary>The crossings of legs that follow roads.</summary>
    private readonly RouteCrossings _routes;

    /// <summary>The measures of presence so far (intervals still open are not in it: see <see cref="LedgerAtNow"/>).</summary>
    public PresenceLedger Ledger { get; }

    /// <summary>The units visibly present in a zone now (ascending unit index).</summary>
    public List<int> UnitsIn(int zone) => _zones[zone].Units;

    /// <summary>
    /// Recomputes where a unit is visibly present after a change of status or leg: standing
    /// (patrol dwell, check, post, on scene) counts in the zones containing its position; a patrol
    /// leg counts in every zone it crosses, entered and left at the exact crossing times.
    /// </summary>
    public void Update(UnitState unit)
    {
        unit.PresenceVersion++;
        var now = _presentNow;
        now.Clear();
        var position = unit.PositionAt(_clock.Now);
        if (unit.Status == UnitStatus.Patrol && unit.IsMoving && unit.LegEndsAt > _clock.Now)
        {
            if (unit.Route is { } route)
            {
                _routes.PlanCrossings(unit, route, now);
            }
            else
            {
                PlanCrossings(unit, position, unit.Destination, unit.LegEndsAt, now);
            }
        }
        else if (IsVisiblyStanding(unit))
        {
            _hotspots.Near(position, _nearZones);
            foreach (var zone in _nearZones)
            {
                if (_shapes.Contains(zone, position))
                {
                    now.Add(zone);
                }
            }
        }
        for (var k = unit.Presence.Count - 1; k >= 0; k--)
        {
            if (!now.Contains(unit.Presence[k].Zone))
            {
                Exit(unit, unit.Presence[k].Zone);
            }
        }
        var patrolling = unit.Status == UnitStatus.Patrol;
        foreach (var zone in now)
        {
            var k = IndexOfPresence(unit, zone);
            if (k < 0)
            {
                Enter(unit, zone);
            }
            else if (unit.Presence[k].Patrolling != patrolling)
            {
                // Still present, but now on (or no longer on) patrol, e.g. patrolling on from the
                // scene of an incident in the zone: the patrol-time account restarts here.
                var (_, since, wasPatrolling) = unit.Presence[k];
                if (wasPatrolling)
                {
                    Ledger.AddPatrolPresence(zone, since, _clock.Now);
                }
                unit.Presence[k] = (zone, _clock.Now, patrolling);
            }
        }
    }

    private static bool IsVisiblyStanding(UnitState unit) => unit.Status switch
    {
        UnitStatus.OnScene => true,
        UnitStatus.Patrol or UnitStatus.Check or UnitStatus.SchoolPost or UnitStatus.CommandPost => !unit.IsMoving,
        UnitStatus.Available => unit.Spec.HasPost,
        _ => false,
    };

    private void PlanCrossings(UnitState unit, Point2 from, Point2 to, double arriveAt, List<int> insideNow)
    {
        var start = _clock.Now;
        var duration = arriveAt - start;
        // Zones near the line itself, not just within the bounding box of the leg (the others have no crossings).
        foreach (var zone in _hotspots.NearSegment(from, to, _nearZones))
        {
            _shapes.InsideIntervals(zone, from, to, _intervals);
            foreach (var (enter, exit) in _intervals)
            {
                if (enter <= Epsilon)
                {
                    insideNow.Add(zone);
                }
                else
                {
                    _events.Schedule(start + enter * duration, new SimEvent(EventKind.ZoneEnter, unit.Spec.Index, zone, unit.PresenceVersion));
                }
                if (exit < 1 - Epsilon)
                {
                    _events.Schedule(start + exit * duration, new SimEvent(EventKind.ZoneExit, unit.Spec.Index, zone, unit.PresenceVersion));
                }
            }
        }
    }

    /// <summary>Where the zone is in the unit's presence list, or -1.</summary>
    private static int IndexOfPresence(UnitState unit, int zone)
    {
        var presence = unit.Presence;
        for (var k = 0; k < presence.Count; k++)
        {
            if (presence[k].Zone == zone)
            {
                return k;
            }
        }
        return -1;
    }

    /// <summary>The unit becomes visibly present in the zone now (nothing if it already is).</summary>
    public void Enter(UnitState unit, int zone)
    {
        if (IndexOfPresence(unit, zone) >= 0)
        {
            return;
        }
        var now = _clock.Now;
        unit.Presence.Add((zone, now, unit.Status == UnitStatus.Patrol));
        var z = _zones[zone];
        if (z.Units.Count == 0)
        {
            z.CoveredSince = now;
        }
        var at = InsertionPoint(z.Units, unit.Spec.Index);
        if (at == z.Units.Count)
        {
            z.Units.Add(unit.Spec.Index); // mostly: into an empty zone; List.Add inlines, Insert does not
        }
        else
        {
            z.Units.Insert(at, unit.Spec.Index);
        }
        z.VisibilitySum += _visibility[unit.Spec.Index];
    }

    /// <summary>
    /// Where <paramref name="unit"/> goes in a zone's ascending list of units: after every smaller
    /// index. A zone holds a handful of units, so a plain scan beats a binary search through the
    /// generic comparer.
    /// </summary>
    private static int InsertionPoint(List<int> units, int unit)
    {
        var at = 0;
        while (at < units.Count && units[at] < unit)
        {
            at++;
        }
        return at;
    }

    /// <summary>The unit stops being visibly present in the zone now (nothing if it was not).</summary>
    public void Exit(UnitState unit, int zone)
    {
        var k = IndexOfPresence(unit, zone);
        if (k < 0)
        {
            return;
        }
        var now = _clock.Now;
        var (_, since, patrolling) = unit.Presence[k];
        unit.Presence.RemoveAt(k);
        if (patrolling)
        {
            Ledger.AddPatrolPresence(zone, since, now);
        }
        var z = _zones[zone];
        z.Units.Remove(unit.Spec.Index);
        var before = z.VisibilitySum;
        z.VisibilitySum = z.Units.Count == 0 ? 0 : z.VisibilitySum - _visibility[unit.Spec.Index];
        if (z.Units.Count == 0)
        {
            Ledger.AddCoverage(zone, z.CoveredSince, now);
            z.LastLeftAt = now;
            z.LastVisibility = Math.Min(1, before);
        }
    }

    /// <summary>
    /// The factor on a zone's incident rate now: <c>1 - f x min(1, visibility)</c> while units are
    /// present, then fading linearly back to 1 over the residual time after the last one leaves.
    /// </summary>
    public double DeterrenceMultiplier(int zone)
    {
        var z = _zones[zone];
        if (z.Units.Count > 0)
        {
            return 1 - _options.DeterrenceFactor * Math.Min(1, z.VisibilitySum);
        }
        var since = _clock.Now - z.LastLeftAt;
        if (_options.ResidualMinutes > 0 && since < _options.ResidualMinutes)
        {
            return 1 - _options.DeterrenceFactor * z.LastVisibility * (1 - since / _options.ResidualMinutes);
        }
        return 1;
    }

    /// <summary>The ledger with every interval still open now closed (the zones covered, the units' patrol presence and school posts), for a report.</summary>
    public PresenceLedger LedgerAtNow(UnitState[] units)
    {
        var now = _clock.Now;
        var ledger = Ledger.Copy();
        for (var zone = 0; zone < _zones.Length; zone++)
        {
            if (_zones[zone].Units.Count > 0)
            {
                ledger.AddCoverage(zone, _zones[zone].CoveredSince, now);
            }
        }
        foreach (var unit in units)
        {
            foreach (var (zone, since, patrolling) in unit.Presence)
            {
                if (patrolling)
                {
                    ledger.AddPatrolPresence(zone, since, now);
                }
            }
            if (unit.Status == UnitStatus.SchoolPost && unit.StandingInStatus)
            {
                ledger.AddSchoolStaffed(unit.StatusSince, now);
            }
        }
        return ledger;
    }

    /// <summary>Presence state of one zone.</summary>
    private sealed class ZoneState
    {
        public List<int> Units { get; } = [];
        public double VisibilitySum { get; set; }
        public double CoveredSince { get; set; }
        public double LastLeftAt { get; set; } = double.NegativeInfinity;
        public double LastVisibility { get; set; }
    }
}
