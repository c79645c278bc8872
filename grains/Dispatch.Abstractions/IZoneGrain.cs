namespace Dispatch.Abstractions;

/// <summary>
/// A hotspot or district zone of one replication (key: <c>{runId}/{zoneId}</c>, run id of the
/// replication, <c>{experimentId}-r{k}</c>). It keeps the zone's own history, persisted: fed in
/// batches by its replication (per simulated hour in live runs, once at the end of a batch run
/// unless the run opted out), never one call per event.
/// </summary>
public interface IZoneGrain : IGrainWithStringKey
{
    /// <summary>What the zone has seen so far; null if it was never fed.</summary>
    Task<ZoneView?> GetAsync();

    /// <summary>Takes a batch of the zone's changes (idempotent: incidents already counted are not counted again).</summary>
    Task FeedAsync(ZoneFeed feed);

    /// <summary>
    /// A duty officer's command concerning this zone (<c>alert</c>, <c>cordon</c>, <c>inject</c> in it):
    /// refused here if the zone is unknown to the run or the run has finished, else applied by the run;
    /// kept in the zone's command history either way.
    /// </summary>
    Task<CommandReply> CommandAsync(string line, string console);

    /// <summary>The commands that concerned this zone, oldest first.</summary>
    Task<IReadOnlyList<CommandEntry>> GetCommandsAsync();
}
