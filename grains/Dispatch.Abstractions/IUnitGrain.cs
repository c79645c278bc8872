namespace Dispatch.Abstractions;

/// <summary>
/// A patrol unit of one replication (key: <c>{runId}/{unitId}</c>). It keeps the unit's own state,
/// persisted: status timeline, dispatches, distance and minutes by status, fed in batches by its
/// replication like a zone grain.
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>The unit at the last batch; null if it was never fed.</summary>
    Task<UnitView?> GetAsync();

    /// <summary>Takes a batch: the unit as it stands now (a status change extends its timeline).</summary>
    Task FeedAsync(UnitFeed feed);

    /// <summary>
    /// A duty officer's command concerning this unit (<c>send</c>, <c>hold</c>, <c>post</c>, <c>release</c>,
    /// <c>call-in</c>, <c>stand-down</c>): refused here if the unit is unknown to the run or the run has
    /// finished, else applied by the run; kept in the unit's command history either way.
    /// </summary>
    Task<CommandReply> CommandAsync(string line, string console);

    /// <summary>The commands that concerned this unit, oldest first.</summary>
    Task<IReadOnlyList<CommandEntry>> GetCommandsAsync();
}
