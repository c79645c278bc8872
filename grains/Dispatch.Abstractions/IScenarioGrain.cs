using Dispatch.Abstractions.Live;
using Orleans.Concurrency;

namespace Dispatch.Abstractions;

/// <summary>
/// The replication grain: the command centre of one replication (key: the replication's run id,
/// <c>{experimentId}-r{k}</c> for the replications of an experiment). Owns the virtual clock, the
/// dispatch queue and the simulation kernel. A replication of an experiment advances itself
/// (<see cref="DriveAsync"/>); a live run paces itself against the wall clock.
/// </summary>
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Starts the run (idempotent for the same request); fails if the scenario is invalid.</summary>
    Task<RunProgress> StartAsync(RunRequest request);

    /// <summary>
    /// Simulates up to <paramref name="untilMinute"/> (capped at the end) as fast as possible, in one
    /// call: for tests and tools that step a replication; experiments use <see cref="DriveAsync"/>.
    /// </summary>
    Task<RunProgress> AdvanceAsync(double untilMinute);

    /// <summary>
    /// Makes the (started) replication advance itself chunk by chunk to its end, with no further
    /// calls, telling its experiment after each chunk; idempotent. A reminder wakes it after a failure.
    /// </summary>
    Task<RunProgress> DriveAsync(ReplicationDrive drive);

    /// <summary>Stops a replication for good (its experiment was cancelled).</summary>
    Task<RunProgress> CancelAsync();

    /// <summary>The run's current progress.</summary>
    Task<RunProgress> GetProgressAsync();

    /// <summary>The report and CSV rows; only once the run has finished.</summary>
    Task<RunResult> GetResultAsync();

    /// <summary>
    /// Up to <paramref name="maxBytes"/> bytes of the finished run's incidents.csv from byte
    /// <paramref name="offset"/> (empty at its end): for a client that cannot read the silo's file
    /// (<see cref="IncidentRowsFile"/>). If the file is gone it is written again, identically.
    /// </summary>
    Task<byte[]> ReadIncidentRowsAsync(long offset, int maxBytes);

    /// <summary>Deletes the finished run's incidents.csv file on its silo (a client has its copy); a later result writes it again.</summary>
    Task ReleaseIncidentRowsAsync();

    /// <summary>Starts the run paced against the wall clock at <paramref name="speed"/> (simulated seconds per wall second; infinity = as fast as watchable).</summary>
    Task<RunProgress> StartLiveAsync(RunRequest request, double speed);

    /// <summary>Adds a watcher; returns the current state, after which the watcher receives every batch.</summary>
    Task<LiveSnapshot> SubscribeAsync(IRunObserver observer);

    /// <summary>Removes a watcher (leaving does not stop the run).</summary>
    Task UnsubscribeAsync(IRunObserver observer);

    /// <summary>Pause, resume, faster, slower or stop a live run.</summary>
    Task<LiveBatch> ControlAsync(LiveCommand command);

    /// <summary>
    /// Applies a duty officer's command (its words, <c>send car-1 12</c>) to a live run at its current
    /// simulated minute, from <paramref name="console"/>, which must hold control if any console does;
    /// refused with the reason when impossible. Logged with the run either way (docs/live.md).
    /// </summary>
    Task<CommandReply> CommandAsync(string line, string console);

    /// <summary>
    /// Pause, resume, faster, slower or stop from a console: refused while another console holds
    /// control (then only that one paces the run); the watchers see the change in their next batch.
    /// </summary>
    Task<CommandReply> PaceAsync(LiveCommand command, string console);

    /// <summary>Takes (<paramref name="take"/>) or gives back control of a live run; one console holds it at a time (renewed by taking it again).</summary>
    Task<ControlReply> TakeControlAsync(string console, bool take);

    /// <summary>What the run was started with and its command log, to replay it.</summary>
    Task<ReplaySource> GetReplaySourceAsync();

    /// <summary>A replay (a live run of a command log) jumps to a simulated minute, backwards too; watchers take a fresh snapshot.</summary>
    Task<RunProgress> SeekAsync(double minute);

    /// <summary>
    /// The final batch of a zone grain of a finished batch replication, which the replication stored
    /// once at its end instead of calling thousands of grains (the zone grain takes it when first
    /// asked); null when there is none (a live run, a run without actors, not finished yet).
    /// Interleaves: a zone grain may ask while this grain waits for it.
    /// </summary>
    [AlwaysInterleave]
    Task<ZoneFeed?> GetFinalZoneFeedAsync(string zoneId);

    /// <summary>As <see cref="GetFinalZoneFeedAsync"/>, for a unit grain.</summary>
    [AlwaysInterleave]
    Task<UnitFeed?> GetFinalUnitFeedAsync(string unitId);
}
