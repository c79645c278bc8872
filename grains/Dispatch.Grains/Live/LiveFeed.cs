using Dispatch.Abstractions.Live;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains.Live;

/// <summary>Turns the kernel's state and changes into what watchers receive.</summary>
public static class LiveFeed
{
    /// <summary>How many finished incidents a snapshot carries for the feed.</summary>
    public const int RecentIncidents = 20;

    public static LiveScenarioInfo Info(string runId, Simulator sim)
    {
        var s = sim.Scenario;
        return new LiveScenarioInfo(runId, s.Name, s.Start, sim.EndTime,
            s.Zones.Select(z =>
            {
                var e = z.Shape.Polygon.EnvelopeInternal;
                return new LiveZone(z.Id, z.Kind, e.MinX, e.MinY, e.MaxX, e.MaxY, z.IsHotspot);
            }).ToList(),
            s.Stations.Select(st => new LiveStation(st.Id, st.Location.X, st.Location.Y)).ToList(),
            s.Units.Select(u => u.Id).ToList(),
            s.Units.Select(u => ReportBuilder.ModeName(u.Mode)).ToList(),
            s.Dispatch.Policy);
    }

    public static LiveBatch Batch(long sequence, Simulator sim, Pacer? pacer, double lag, bool behind, bool finished,
        IEnumerable<UnitState> units, IEnumerable<IncidentRecord> incidents)
    {
        var (visibility, night, handling, p50, p90) = LiveFigures.Of(sim);
        return new LiveBatch(sequence, sim.Now, pacer?.Speed ?? double.PositiveInfinity, pacer?.Paused ?? false, lag, behind, finished,
            units.Select(u => Unit(u, sim.Now)).ToList(),
            incidents.Select(i => Incident(i, sim.Scenario)).ToList(),
            sim.ZoneRiskNow(),
            new LiveKpis(visibility, night, handling, p50, p90, sim.IncidentCount, sim.QueueLength));
    }

    /// <summary>Everything a new watcher needs: all units, open incidents and the most recent finished ones.</summary>
    public static LiveBatch Snapshot(long sequence, Simulator sim, Pacer? pacer, bool finished)
    {
        var held = sim.UnretiredIncidents.ToList();
        var open = held.Where(i => double.IsNaN(i.ClearedAt) && !i.Diverted);
        // The finished ones the kernel no longer holds all come before those it holds.
        var recent = sim.RecentRetiredIncidents.Concat(held.Where(i => !double.IsNaN(i.ClearedAt) || i.Diverted)).TakeLast(RecentIncidents);
        return Batch(sequence, sim, pacer, 0, false, finished, sim.Units, recent.Concat(open).OrderBy(i => i.Id));
    }

    private static LiveUnit Unit(UnitState u, double now)
    {
        var p = u.PositionAt(now);
        return new LiveUnit(u.Spec.Index, u.Status.ToString(), p.X, p.Y);
    }

    /// <summary>A finished incident the kernel no longer holds, as <see cref="Incident(IncidentRecord, Scenario)"/> shows it.</summary>
    public static LiveIncident Incident(FinishedIncident i, Scenario s) =>
        new(i.Id, s.Zones[i.Zone].Id, s.IncidentTypes[i.Type].Id, i.Priority, i.CreatedAt, i.DispatchedAt, i.ArrivedAt, i.ClearedAt,
            i.Unit >= 0 ? s.Units[i.Unit].Id : null, i.DispatchOrigin.X, i.DispatchOrigin.Y, i.EtaAt, i.DiscoveredOnView, OutcomeNames[(int)i.Outcome]);

    private static readonly string[] OutcomeNames = [.. Enum.GetValues<IncidentOutcome>().Select(o => o.ToString())];

    /// <summary>An incident as it stands (also what a zone grain shows of its recent incidents).</summary>
    public static LiveIncident Incident(IncidentRecord i, Scenario s) =>
        new(i.Id, s.Zones[i.Zone].Id, s.IncidentTypes[i.Type].Id, i.Priority, i.CreatedAt, i.DispatchedAt, i.ArrivedAt, i.ClearedAt,
            i.Unit >= 0 ? s.Units[i.Unit].Id : null, i.DispatchOrigin.X, i.DispatchOrigin.Y, i.EtaAt, i.DiscoveredOnView, i.Outcome.ToString(), i.InQueue);
}
