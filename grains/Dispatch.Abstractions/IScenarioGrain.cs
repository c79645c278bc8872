using Dispatch.Abstractions.Live;

namespace Dispatch.Abstractions;

/// <summary>
/// The command centre of one run (key: the run id). Owns the virtual clock, the dispatch queue and
/// the simulation kernel; the run's zone and unit grains answer from it.
/// </summary>
public interface IScenarioGrain : IGrainWithStringKey
{
    /// <summary>Starts the run (idempotent for the same request); fails if the scenario is invalid.</summary>
    Task<RunProgress> StartAsync(RunRequest request);

    /// <summary>Simulates up to <paramref name="untilMinute"/> (capped at the end) as fast as possible.</summary>
    Task<RunProgress> AdvanceAsync(double untilMinute);

    /// <summary>The run's current progress.</summary>
    Task<RunProgress> GetProgressAsync();

    /// <summary>The report and CSV rows; only once the run has finished.</summary>
    Task<RunResult> GetResultAsync();

    /// <summary>A zone of the run at its current minute (what <see cref="IZoneGrain"/> shows); null if unknown or not started.</summary>
    Task<ZoneView?> GetZoneAsync(string zoneId);

    /// <summary>A unit of the run at its current minute (what <see cref="IUnitGrain"/> shows); null if unknown or not started.</summary>
    Task<UnitView?> GetUnitAsync(string unitId);

    /// <summary>Starts the run paced against the wall clock at <paramref name="speed"/> (simulated seconds per wall second; infinity = as fast as watchable).</summary>
    Task<RunProgress> StartLiveAsync(RunRequest request, double speed);

    /// <summary>Adds a watcher; returns the current state, after which the watcher receives every batch.</summary>
    Task<LiveSnapshot> SubscribeAsync(IRunObserver observer);

    /// <summary>Removes a watcher (leaving does not stop the run).</summary>
    Task UnsubscribeAsync(IRunObserver observer);

    /// <summary>Pause, resume, faster, slower or stop a live run.</summary>
    Task<LiveBatch> ControlAsync(LiveCommand command);
}
