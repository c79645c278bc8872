using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The command centre's crews: sending as many units as an incident's type needs, the queue of
/// incidents short of units, and pre-emption (a unit taken from a less urgent incident, which goes
/// back to the queue; docs/scheduler.md, "Dispatch realism").
/// </summary>
internal sealed partial class CommandCentre
{
    /// <summary>Sends free units (or, for an urgent call, pre-empted ones) until the incident has its complement or none is left.</summary>
    private void SendUnits(IncidentRecord incident, IncidentType type)
    {
        while (incident.UnitsSent < incident.UnitsRequired)
        {
            var unit = _policy.ChooseUnit(incident, type, _units, _clock.Now);
            if (unit < 0 && !TryPreempt(incident, type, out unit))
            {
                return;
            }
            Dispatch(_units[unit], incident);
        }
    }

    /// <summary>Queues an incident (it waits for a unit, or for the rest of its complement).</summary>
    private void Enqueue(IncidentRecord incident)
    {
        AccrueQueueArea();
        _queue.Enqueue(incident);
        incident.InQueue = true;
    }

    /// <summary>
    /// For a call urgent enough (<see cref="DivertOptions.ForPriority"/>): the capable unit with the
    /// shortest travel among those en route to (or on scene at) an incident of
    /// <see cref="DivertOptions.FromPriority"/> or less urgent, ties to the lower unit index; that
    /// unit is released from its incident, which goes back to the queue.
    /// </summary>
    private bool TryPreempt(IncidentRecord incident, IncidentType type, out int chosen)
    {
        chosen = -1;
        var divert = _scenario.Dispatch.Divert;
        if (divert is null || incident.Priority > divert.ForPriority)
        {
            return false;
        }
        var best = double.PositiveInfinity;
        foreach (var unit in _units)
        {
            var busy = unit.Status == UnitStatus.EnRoute || (divert.OnScene && unit.Status == UnitStatus.OnScene);
            if (!busy || unit.CurrentIncident < 0 || unit.CurrentIncident == incident.Id || !type.CapableModes.Contains(unit.Spec.Mode))
            {
                continue;
            }
            var victim = _log[unit.CurrentIncident];
            if (victim.Priority < divert.FromPriority || victim.Priority <= incident.Priority)
            {
                continue;
            }
            var minutes = _fleet.TravelMinutes(unit, incident.Location);
            if (minutes < best)
            {
                (chosen, best) = (unit.Spec.Index, minutes);
            }
        }
        if (chosen < 0)
        {
            return false;
        }
        Release(_units[chosen]);
        return true;
    }

    /// <summary>
    /// Takes a unit off its incident: the incident is one unit short again and goes back to the
    /// queue. Work done on scene is kept (the next unit does the rest of the on-scene time); an
    /// incident left with no unit that has not seen one arrive loses its dispatch time, unit and ETA.
    /// </summary>
    private void Release(UnitState unit)
    {
        var now = _clock.Now;
        var victim = _log[unit.CurrentIncident];
        if (unit.Status == UnitStatus.OnScene)
        {
            victim.OnSceneDuration = Math.Max(0, victim.OnSceneDuration - (now - unit.StatusSince));
        }
        victim.UnitsBusy--;
        victim.UnitsSent--;
        victim.Preemptions++;
        if (victim.UnitsArrived == 0 && victim.UnitsBusy == 0)
        {
            victim.DispatchedAt = double.NaN;
            victim.EtaAt = double.NaN;
            victim.Unit = -1;
        }
        unit.CurrentIncident = -1;
        _log.Touch(victim);
        if (!victim.InQueue)
        {
            Enqueue(victim);
        }
    }
}
