using System.Diagnostics;
using Dispatch.Abstractions;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains;

/// <summary>
/// A replication of an experiment advances itself: a grain timer runs chunks of simulated time,
/// each checkpointed and told to its experiment, for up to <see cref="TickBudget"/> of wall time per
/// tick (then the tick ends, so status reads and a cancel are served between ticks; the next tick
/// comes after the previous one has finished). A reminder, stored with the grain state, wakes the
/// replication back after its silo failed: the activation then replays to its checkpoint and the
/// timer carries on. No client takes part: a run outlives the process that submitted it.
/// </summary>
public sealed partial class ScenarioGrain : IRemindable
{
    /// <summary>The reminder that wakes a self-driven replication after a failure.</summary>
    public const string WakeReminder = "wake";

    /// <summary>How often the reminder fires (the Orleans minimum by default) while the replication runs.</summary>
    public static readonly TimeSpan WakePeriod = TimeSpan.FromMinutes(1);

    /// <summary>The pause between two ticks (a tick comes only after the previous one has finished).</summary>
    private static readonly TimeSpan ChunkPeriod = TimeSpan.FromMilliseconds(1);

    /// <summary>Wall time a tick may go on starting chunks for.</summary>
    public static readonly TimeSpan TickBudget = TimeSpan.FromMilliseconds(250);

    private IGrainTimer? _chunkTimer;

    public async Task<RunProgress> DriveAsync(ReplicationDrive drive)
    {
        var sim = await EnsureSimulatorAsync();
        if (state.State.ExperimentId is null)
        {
            if (drive.ChunkMinutes <= 0 || double.IsNaN(drive.ChunkMinutes))
            {
                throw new ArgumentException($"chunk of {drive.ChunkMinutes} simulated minutes: expected a positive number", nameof(drive));
            }
            state.State.ExperimentId = drive.ExperimentId;
            state.State.Replication = drive.Replication;
            state.State.ChunkMinutes = drive.ChunkMinutes;
            state.State.Actors = drive.Actors;
            state.State.SkipIncidentRows = drive.SkipIncidentRows;
            await state.WriteStateAsync();
        }
        else if (state.State.ExperimentId != drive.ExperimentId)
        {
            throw new InvalidOperationException($"run '{RunId}' belongs to experiment '{state.State.ExperimentId}', not '{drive.ExperimentId}'");
        }
        if (IsDriving)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, WakePeriod, WakePeriod);
            StartChunks();
        }
        return Progress(sim);
    }

    public async Task<RunProgress> CancelAsync()
    {
        var sim = await EnsureSimulatorAsync();
        if (!state.State.IsFinished && !state.State.Cancelled)
        {
            state.State.Cancelled = true;
            await state.WriteStateAsync();
        }
        await StopDrivingAsync();
        return Progress(sim);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeReminder)
        {
            return;
        }
        if (IsDriving)
        {
            StartChunks(); // already started by the activation, unless it was only reloaded
        }
        else
        {
            await StopDrivingAsync();
        }
    }

    /// <summary>A self-driven replication that has neither finished nor been cancelled.</summary>
    private bool IsDriving => state.State is { ExperimentId: not null, IsFinished: false, Cancelled: false };

    /// <summary>On activation: a self-driven replication carries on where its checkpoint left it.</summary>
    private async Task ResumeDrivingAsync()
    {
        if (IsDriving)
        {
            await EnsureSimulatorAsync();
            StartChunks();
        }
    }

    private void StartChunks() =>
        _chunkTimer ??= this.RegisterGrainTimer(ChunkAsync, new GrainTimerCreationOptions(TimeSpan.Zero, ChunkPeriod) { KeepAlive = true });

    /// <summary>
    /// One tick: chunks, each with a word to the experiment (one-way), then one checkpoint for all of
    /// them (a long run's tick holds many short chunks: a year of a 2,500-zone city wrote 365
    /// checkpoints, now about one per tick; after a failure the replay from the checkpoint is the
    /// same run); at the end, the timer and reminder go.
    /// </summary>
    private async Task ChunkAsync(CancellationToken cancellationToken)
    {
        if (!IsDriving)
        {
            await StopDrivingAsync();
            return;
        }
        var sim = await EnsureSimulatorAsync();
        var started = Stopwatch.GetTimestamp();
        do
        {
            await RunChunkAsync(sim, sim.Now + state.State.ChunkMinutes, feed: false, checkpoint: false);
            grains.GetGrain<IExperimentGrain>(state.State.ExperimentId!).OnReplicationProgressAsync(state.State.Replication, Progress(sim)).Ignore();
        }
        while (!sim.IsFinished && Stopwatch.GetElapsedTime(started) < TickBudget && !cancellationToken.IsCancellationRequested);
        if (sim.IsFinished)
        {
            // The run's last chunk has checkpointed it as finished.
            logger.LogInformation("run {RunId} finished at minute {Minute}", RunId, sim.Now);
            await StopDrivingAsync();
        }
        else
        {
            await CheckpointAsync(sim, finish: false);
        }
    }

    private async Task StopDrivingAsync()
    {
        _chunkTimer?.Dispose();
        _chunkTimer = null;
        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
