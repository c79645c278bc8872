using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Where incidents come from: per zone, the candidates of a thinned non-homogeneous Poisson process
/// (<see cref="ZoneArrivals"/>), deterred by presence (the prevented ones counted), each new incident
/// drawn, handed to the command centre and to the scheduler's alerts; and escalation of an incident
/// still unattended at its escalation time.
/// </summary>
internal sealed class IncidentSource
{
    private readonly Scenario _scenario;
    private readonly SimClock _clock;
    private readonly EventQueue _events;
    private readonly ZoneArrivals[] _arrivals;
    private readonly PackedRings _shapes;
    private readonly PresenceTracker _presence;
    private readonly IncidentLog _log;
    private readonly CommandCentre _command;
    private readonly Deployment _deployment;

    public IncidentSource(
        Scenario scenario, SimClock clock, EventQueue events, StreamFactory streams, PackedRings shapes,
        PresenceTracker presence, IncidentLog log, CommandCentre command, Deployment deployment)
    {
        _scenario = scenario;
        _clock = clock;
        _events = events;
        _arrivals = [.. scenario.Zones.Select(z => new ZoneArrivals(scenario, z, streams))];
        _shapes = shapes;
        _presence = presence;
        _log = log;
        _command = command;
        _deployment = deployment;
        Prevented = new int[scenario.Zones.Count];
    }

    /// <summary>Incidents prevented by presence after the warm-up, per zone (candidates that would have occurred without it).</summary>
    public int[] Prevented { get; }

    /// <summary>Schedules every zone's first candidate.</summary>
    public void Start()
    {
        for (var z = 0; z < _arrivals.Length; z++)
        {
            ScheduleCandidate(z, _arrivals[z].NextCandidate(0));
        }
    }

    private void ScheduleCandidate(int zone, double time)
    {
        if (time < _clock.EndTime)
        {
            _events.Schedule(time, new SimEvent(EventKind.ZoneCandidate, zone, -1, 0));
        }
    }

    /// <summary>
    /// A candidate of the thinned process. The acceptance uniform and the incident's attributes are
    /// drawn whether or not presence deters it, so every policy sees the same would-be incidents
    /// (common random numbers) and the prevented ones can be counted exactly.
    /// </summary>
    public void OnCandidate(int z)
    {
        var arrivals = _arrivals[z];
        var now = _clock.Now;
        var u = arrivals.DrawAcceptance();
        var rate = arrivals.RateAt(now);
        if (arrivals.Accepts(u, rate))
        {
            var incident = DrawIncident(z, arrivals);
            if (arrivals.Accepts(u, rate * _presence.DeterrenceMultiplier(z)))
            {
                Create(incident);
            }
            else if (_clock.Counting)
            {
                Prevented[z]++;
            }
        }
        ScheduleCandidate(z, arrivals.NextCandidate(now));
    }

    private IncidentRecord DrawIncident(int z, ZoneArrivals arrivals)
    {
        var zone = _scenario.Zones[z];
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
        var type = _scenario.IncidentTypes[zone.MixTypes[mix < 0 ? zone.MixTypes.Length - 1 : mix]];
        var location = _shapes.SamplePoint(z, arrivals.Attributes); // zone.Shape.SamplePoint, packed for hotspots
        var (handling, turnout) = arrivals.Timings is { } timings ? DrawTimings(type.Priority, timings) : (0, 0);
        return new IncidentRecord
        {
            CallHandlingMinutes = handling,
            TurnoutMinutes = turnout,
            UnitsRequired = type.UnitsRequired,
            Id = _log.Count,
            Zone = z,
            Type = type.Index,
            Priority = type.Priority,
            InitialPriority = type.Priority,
            Location = location,
            CreatedAt = _clock.Now,
            OnSceneDuration = type.OnScene.Sample(arrivals.Service),
            ViewDraw = arrivals.Attributes.NextDouble(),
            TransferDraw = arrivals.Attributes.NextDouble(),
            MediationDraw = arrivals.Attributes.NextDouble(),
        };
    }

    /// <summary>Call-handling and turnout minutes for a priority (one turnout per incident, used by every unit sent to it).</summary>
    private (double Handling, double Turnout) DrawTimings(int priority, RandomStream timings)
    {
        var options = _scenario.Dispatch;
        var handling = options.CallHandling.TryGetValue(priority, out var h) ? h.Sample(timings) : 0;
        var turnout = options.Turnout.TryGetValue(priority, out var t) ? t.Sample(timings) : 0;
        return (handling, turnout);
    }

    /// <summary>An incident injected by a command: created now, as if it had arisen.</summary>
    public void Inject(IncidentRecord incident) => Create(incident);

    private void Create(IncidentRecord incident)
    {
        var type = _scenario.IncidentTypes[incident.Type];
        _log.Add(incident);
        if (type.Escalates)
        {
            _events.Schedule(_clock.Now + type.EscalationMinutes, new SimEvent(EventKind.Escalation, -1, incident.Id, 0));
        }
        _command.Receive(incident, type);
        _deployment.OnIncident(incident.Location);
    }

    /// <summary>An incident still not attended at its escalation time escalates: more urgent, longer on scene.</summary>
    public void OnEscalation(IncidentRecord incident)
    {
        if (incident.IsAttended || incident.Diverted)
        {
            return;
        }
        var type = _scenario.IncidentTypes[incident.Type];
        var queued = incident.InQueue;
        if (queued)
        {
            _command.Withdraw(incident);
        }
        incident.Escalated = true;
        incident.Priority = Math.Min(incident.Priority, type.EscalatedPriority);
        incident.OnSceneDuration *= type.EscalatedOnSceneFactor;
        _log.Touch(incident);
        if (queued)
        {
            // More urgent now: a unit that may only break its post for urgent calls may take it.
            _command.Requeue(incident, type);
        }
    }
}
