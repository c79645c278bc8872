using Dispatch.Model.Geometry;

namespace Dispatch.Model.Simulation;

/// <summary>
/// A finished incident as a zone's recent list shows it, kept by value once the kernel has dropped
/// its record (<see cref="Simulator.RecentRetiredIn"/>): a fixed ring of these per zone, so the
/// records themselves die young instead of living on for the whole run.
/// </summary>
public readonly record struct FinishedIncident(
    int Id, int Zone, int Type, int Priority, double CreatedAt, double DispatchedAt, double ArrivedAt, double ClearedAt,
    int Unit, Point2 DispatchOrigin, double EtaAt, bool DiscoveredOnView, IncidentOutcome Outcome)
{
    /// <summary>The incident as it stands.</summary>
    public static FinishedIncident Of(IncidentRecord i) =>
        new(i.Id, i.Zone, i.Type, i.Priority, i.CreatedAt, i.DispatchedAt, i.ArrivedAt, i.ClearedAt, i.Unit, i.DispatchOrigin, i.EtaAt,
            i.DiscoveredOnView, i.Outcome);
}
