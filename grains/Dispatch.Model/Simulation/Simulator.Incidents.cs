using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>Incident arrivals (thinning with deterrence), discovery on view, escalation and transfer.</summary>
public sealed partial class Simulator
{
    private void ScheduleCandidate(int zone, double time)
    {
        if (time < EndTime)
        {
            _events.Schedule(time, new SimEvent(EventKind.ZoneCandidate, zone, -1, 0));
        }
    }

    /// <summary>
    /// A candidate of the thinned process. The acceptance uniform and the incident's attributes are
    /// drawn whether or not presence deters it, so every policy sees the same would-be incidents
    /// (common random numbers) and the prevented ones can be counted exactly.
    /// </summary>
    private void OnCandidate(int z)
    {
        var arrivals = _arrivals[z];
        var u = arrivals.DrawAcceptance();
        var rate = arrivals.RateAt(Now);
        if (arrivals.Accepts(u, rate))
        {
            var incident = DrawIncident(z, arrivals);
            if (arrivals.Accepts(u, rate * DeterrenceMultiplier(z)))
            {
                CreateIncident(incident);
            }
            else if (Counting)
            {
                Prevented[z]++;
            }
        }
        ScheduleCandidate(z, arrivals.NextCandidate(Now));
    }

    private IncidentRecord DrawIncident(int z, ZoneArrivals arrivals)
    {
        var zone = Scenario.Zones[z];
        var u = arrivals.Attributes.NextDouble();
        // The first cumulative share above u (Array.FindIndex without a closure per incident).
        var cumulative = zone.MixCumulative;
        var mix = -1;
        for (var m = 0; m < cumulative.Length; m++)
        {
            if (u < cumulative[m])
            {
                mix = m;
                break;
            }
        }
        var type = Scenario.IncidentTypes[zone.MixTypes[mix < 0 ? zone.MixTypes.Length - 1 : mix]];
        var location = _hotspotRings.SamplePoint(z, arrivals.Attributes); // zone.Shape.SamplePoint, packed for hotspots
        return new IncidentRecord
        {
            Id = _incidents.Count,
            Zone = z,
            Type = type.Index,
            Priority = type.Priority,
            InitialPriority = type.Priority,
            Location = location,
            CreatedAt = Now,
            OnSceneDuration = type.OnScene.Sample(arrivals.Service),
            ViewDraw = arrivals.Attributes.NextDouble(),
            TransferDraw = arrivals.Attributes.NextDouble(),
            MediationDraw = arrivals.Attributes.NextDouble(),
        };
    }

    private void CreateIncident(IncidentRecord incident)
    {
        var type = Scenario.IncidentTypes[incident.Type];
        _incidents.Add(incident);
        Touch(incident);
        if (type.Escalates)
        {
            _events.Schedule(Now + type.EscalationMinutes, new SimEvent(EventKind.Escalation, -1, incident.Id, 0));
        }
        if (!TryDiscoverOnView(incident, type))
        {
            var unit = _policy.ChooseUnit(incident, type, _units, Now);
            if (unit >= 0)
            {
                Dispatch(_units[unit], incident);
            }
            else if (Scenario.Dispatch.Queue)
            {
                AccrueQueueArea();
                _queue.Enqueue(incident);
            }
            else
            {
                incident.Diverted = true;
            }
        }
        RaiseAlerts(Risk.Record(incident.Location, Now));
    }

    /// <summary>An incident arising where a free unit is visibly present is found at once, with the type's on-view probability.</summary>
    private bool TryDiscoverOnView(IncidentRecord incident, IncidentType type)
    {
        var present = _zones[incident.Zone].Units;
        if (present.Count == 0 || incident.ViewDraw >= type.OnViewProbability)
        {
            return false;
        }
        foreach (var index in present)
        {
            var unit = _units[index];
            if (unit.CanTake(incident.Priority, Scenario.Dispatch) && type.CapableModes.Contains(unit.Spec.Mode))
            {
                incident.DiscoveredOnView = true;
                Dispatch(unit, incident);
                return true;
            }
        }
        return false;
    }

    /// <summary>An incident still not attended at its escalation time escalates: more urgent, longer on scene.</summary>
    private void OnEscalation(IncidentRecord incident)
    {
        if (incident.IsAttended || incident.Diverted)
        {
            return;
        }
        var type = Scenario.IncidentTypes[incident.Type];
        var queued = double.IsNaN(incident.DispatchedAt);
        if (queued)
        {
            AccrueQueueArea();
            _queue.Remove(incident);
        }
        incident.Escalated = true;
        incident.Priority = Math.Min(incident.Priority, type.EscalatedPriority);
        incident.OnSceneDuration *= type.EscalatedOnSceneFactor;
        Touch(incident);
        if (queued)
        {
            // More urgent now: a unit that may only break its post for urgent calls may take it.
            var unit = _policy.ChooseUnit(incident, type, _units, Now);
            if (unit >= 0)
            {
                Dispatch(_units[unit], incident);
            }
            else
            {
                _queue.Enqueue(incident);
            }
        }
    }

    private void MarkTransfer(IncidentRecord incident)
    {
        var type = Scenario.IncidentTypes[incident.Type];
        if (incident.TransferDraw < type.TransferShare)
        {
            incident.Transferred = true;
            incident.MediationResolved = incident.MediationDraw < Scenario.MediationResolvedShare;
        }
    }
}
