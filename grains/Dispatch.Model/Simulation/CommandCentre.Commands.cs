namespace Dispatch.Model.Simulation;

/// <summary>
/// The command centre under a duty officer's commands (指令导处 by hand): a unit sent to an incident
/// over the automatic choice, and incidents held for one chosen unit (docs/live.md, "Commands").
/// </summary>
internal sealed partial class CommandCentre
{
    /// <summary>Incidents held for a unit, by unit index, in the order they were held.</summary>
    private readonly Dictionary<int, List<IncidentRecord>> _held = [];

    /// <summary>The unit each held incident waits for, by incident id.</summary>
    private readonly Dictionary<int, int> _heldFor = [];

    /// <summary>
    /// Sends <paramref name="unit"/> to <paramref name="incident"/> now. A unit busy elsewhere is taken
    /// off that incident (which goes back to the queue); a queued or held incident leaves the queue;
    /// an incident still in call handling is ready at once. If the incident then has more units than
    /// it needs, the other unit en route with the latest arrival goes back to its duty.
    /// </summary>
    public string SendByCommand(UnitState unit, IncidentRecord incident)
    {
        var note = "";
        if (unit.CurrentIncident >= 0)
        {
            note = $", taken off #{unit.CurrentIncident}";
            Release(unit);
        }
        if (incident.InQueue)
        {
            Withdraw(incident);
        }
        Unhold(incident);
        if (_clock.Now < incident.ReadyAt)
        {
            incident.CallHandlingMinutes = _clock.Now - incident.CreatedAt;
        }
        Dispatch(unit, incident);
        if (incident.UnitsSent > incident.UnitsRequired && StandDownLatest(incident, unit) is { } stood)
        {
            note += $"; {stood.Spec.Id} stood down from it";
        }
        else if (incident.UnitsSent < incident.UnitsRequired && _scenario.Dispatch.Queue)
        {
            Enqueue(incident);
        }
        return $"{unit.Spec.Id} sent to #{incident.Id}, ETA {CommandText.Clock(unit.LegEndsAt)}{note}";
    }

    /// <summary>
    /// Keeps a waiting incident for <paramref name="unit"/>: sent to it now if it is free, else when
    /// it becomes free (before the queue); no other unit is sent meanwhile.
    /// </summary>
    public string HoldForUnit(UnitState unit, IncidentRecord incident)
    {
        if (unit.CanTake(1, _scenario.Dispatch) && unit.Status != UnitStatus.SchoolPost)
        {
            return SendByCommand(unit, incident) + " (it was free)";
        }
        if (incident.InQueue)
        {
            Withdraw(incident);
        }
        Unhold(incident);
        _heldFor[incident.Id] = unit.Spec.Index;
        if (!_held.TryGetValue(unit.Spec.Index, out var list))
        {
            _held[unit.Spec.Index] = list = [];
        }
        list.Add(incident);
        _log.Touch(incident);
        return $"#{incident.Id} held for {unit.Spec.Id} (now {unit.Status})";
    }

    /// <summary>Units moved up to cover an empty sector so far.</summary>
    public int MoveUps => _moveUp?.Moves ?? 0;

    /// <summary>Whether an incident waits for a chosen unit (then the automatic dispatch leaves it).</summary>
    public bool IsHeld(IncidentRecord incident) => _heldFor.Count > 0 && _heldFor.ContainsKey(incident.Id);

    /// <summary>A unit free again serves the incidents held for it first.</summary>
    private bool TryServeHeld(UnitState unit)
    {
        if (_held.Count == 0 || !_held.TryGetValue(unit.Spec.Index, out var list) || list.Count == 0)
        {
            return false;
        }
        var incident = list[0];
        Unhold(incident);
        if (_clock.Now < incident.ReadyAt)
        {
            incident.CallHandlingMinutes = _clock.Now - incident.CreatedAt;
        }
        Dispatch(unit, incident);
        if (incident.UnitsSent < incident.UnitsRequired && _scenario.Dispatch.Queue)
        {
            Enqueue(incident);
        }
        return true;
    }

    /// <summary>A unit gone off duty: the incidents held for it go back to the automatic dispatch.</summary>
    public void ReleaseHeldOf(UnitState unit)
    {
        if (unit.Status != UnitStatus.OffShift || !_held.TryGetValue(unit.Spec.Index, out var list))
        {
            return;
        }
        foreach (var incident in list.ToList())
        {
            Unhold(incident);
            if (!double.IsNaN(incident.ClearedAt) || _clock.Now < incident.ReadyAt)
            {
                continue; // call handling still running: its end assigns it
            }
            Assign(incident, _scenario.IncidentTypes[incident.Type]);
        }
    }

    private void Unhold(IncidentRecord incident)
    {
        if (_heldFor.Remove(incident.Id, out var unit) && _held.TryGetValue(unit, out var list))
        {
            list.Remove(incident);
        }
    }

    /// <summary>Of the units en route to <paramref name="incident"/> other than <paramref name="keep"/>, the one arriving last goes back to its duty.</summary>
    private UnitState? StandDownLatest(IncidentRecord incident, UnitState keep)
    {
        UnitState? latest = null;
        foreach (var other in _units)
        {
            if (other != keep && other.CurrentIncident == incident.Id && other.Status == UnitStatus.EnRoute
                && (latest is null || other.LegEndsAt > latest.LegEndsAt))
            {
                latest = other;
            }
        }
        if (latest is null)
        {
            return null;
        }
        incident.UnitsBusy--;
        incident.UnitsSent--;
        latest.CurrentIncident = -1;
        if (incident.Unit == latest.Spec.Index && incident.UnitsArrived == 0)
        {
            incident.Unit = keep.Spec.Index;
            incident.EtaAt = keep.LegEndsAt;
            incident.DispatchOrigin = keep.PositionAt(_clock.Now);
        }
        _log.Touch(incident);
        ResumeDuty(latest);
        return latest;
    }
}
