using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Grains.Live;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Dispatch.Grains;

/// <summary>
/// Live runs: a grain timer ticks every <see cref="TickPeriod"/> of wall time; each tick advances the
/// kernel to the pacer's target and pushes one batch of changes to the watchers (one-way grain
/// observer calls, so a slow or vanished watcher never holds the run back).
/// </summary>
public sealed partial class ScenarioGrain
{
    public static readonly TimeSpan TickPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>Watchers that have not re-subscribed for this long are dropped.</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    private ObserverManager<IRunObserver>? _observers;
    private Pacer? _pacer;
    private IGrainTimer? _timer;
    private long _sequence;
    private double _checkpointedAt;
    private long _registryReportedAt;

    private ObserverManager<IRunObserver> Observers => _observers ??= new ObserverManager<IRunObserver>(ObserverExpiry, logger);

    private TimeProvider Clock => ServiceProvider.GetService<LiveClock>()?.Time ?? TimeProvider.System;

    /// <summary>Reactivated (for example on another silo after a crash): a live run carries on.</summary>
    private async Task ResumeLivePacingAsync()
    {
        if (state.State is { Live: true, IsFinished: false })
        {
            StartPacing(await EnsureSimulatorAsync(), state.State.Speed, state.State.Paused);
        }
    }

    public async Task<RunProgress> StartLiveAsync(RunRequest request, double speed)
    {
        var progress = await StartAsync(request);
        if (!state.State.Live)
        {
            state.State.Live = true;
            state.State.Speed = speed;
            await state.WriteStateAsync();
        }
        if (_timer is null && !state.State.IsFinished)
        {
            StartPacing(await EnsureSimulatorAsync(), state.State.Speed, state.State.Paused);
        }
        await ReportToRegistryAsync(await EnsureSimulatorAsync());
        return progress;
    }

    public async Task<LiveSnapshot> SubscribeAsync(IRunObserver observer)
    {
        var sim = await EnsureSimulatorAsync();
        Observers.Subscribe(observer, observer);
        return new LiveSnapshot(LiveFeed.Info(RunId, sim), LiveFeed.Snapshot(_sequence, sim, _pacer, state.State.IsFinished));
    }

    public Task UnsubscribeAsync(IRunObserver observer)
    {
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<LiveBatch> ControlAsync(LiveCommand command)
    {
        var sim = await EnsureSimulatorAsync();
        if (_pacer is not null && !state.State.IsFinished)
        {
            switch (command)
            {
                case LiveCommand.Pause:
                    _pacer.Pause(sim.Now);
                    break;
                case LiveCommand.Resume:
                    _pacer.Resume(sim.Now);
                    break;
                case LiveCommand.Faster:
                    _pacer.SetSpeed(_pacer.Step(+1), sim.Now);
                    break;
                case LiveCommand.Slower:
                    _pacer.SetSpeed(_pacer.Step(-1), sim.Now);
                    break;
                case LiveCommand.Stop:
                    if (sim.CommandLog.Count > 0)
                    {
                        // A run with commands logs where it stopped, so that its log replays to the same report.
                        sim.Apply(new KernelCommand(sim.Now, CommandKind.Stop));
                        state.State.CommandLog = CommandLogFile.Write(sim.CommandLog);
                    }
                    await FinishLiveAsync(sim, sim.DrainChanges());
                    break;
            }
            state.State.Speed = _pacer.Speed;
            state.State.Paused = _pacer.Paused;
            await state.WriteStateAsync();
            // `runs` shows a paused run as paused, not running.
            await ReportToRegistryAsync(sim);
        }
        var batch = LiveFeed.Batch(++_sequence, sim, _pacer, 0, false, state.State.IsFinished, [], []);
        await Observers.Notify(o => o.OnBatchAsync(batch));
        return batch;
    }

    private void StartPacing(Simulator sim, double speed, bool paused)
    {
        _pacer = new Pacer(Clock, speed, sim.Now);
        if (paused)
        {
            _pacer.Pause(sim.Now);
        }
        _checkpointedAt = sim.Now;
        _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { KeepAlive = true });
    }

    /// <summary>One tick: catch up with the wall clock, push the changes, checkpoint now and then.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var sim = await EnsureSimulatorAsync();
        if (_pacer is null || state.State.IsFinished)
        {
            StopTimer();
            return;
        }
        var target = _pacer.TargetMinute(sim.Now);
        var lag = Math.Max(0, target - sim.Now);
        var behind = lag > _pacer.ToleranceMinutes;
        sim.RunUntil(target, _script!);
        var changes = sim.DrainChanges();
        WriteIncidentRows(sim);
        Collect(changes.Incidents);
        if (sim.IsFinished)
        {
            await FinishLiveAsync(sim, changes);
            return;
        }
        var batch = LiveFeed.Batch(++_sequence, sim, _pacer, lag, behind, false, changes.Units, changes.Incidents) with { Commands = NewCommandLines(sim) };
        await Observers.Notify(o => o.OnBatchAsync(batch));
        if (sim.Now - _fedAt >= LiveFeedMinutes && Clock.GetElapsedTime(_fedWallAt) >= LiveFeedWallPeriod)
        {
            _fedWallAt = Clock.GetTimestamp();
            await FeedActorsAsync(sim);
        }
        if (sim.Now - _checkpointedAt >= 60)
        {
            _checkpointedAt = sim.Now;
            state.State.SimulatedMinute = sim.Now;
            await state.WriteStateAsync();
        }
        if (Clock.GetElapsedTime(_registryReportedAt) > TimeSpan.FromSeconds(2))
        {
            _registryReportedAt = Clock.GetTimestamp();
            await ReportToRegistryAsync(sim);
        }
    }

    /// <summary>The end of a live run, at its end time or when stopped: final batch, report, persisted state.</summary>
    private async Task FinishLiveAsync(Simulator sim, (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) changes)
    {
        StopTimer();
        Collect(changes.Incidents);
        await FeedActorsAsync(sim);
        await CheckpointAsync(sim, finish: true);
        var batch = LiveFeed.Batch(++_sequence, sim, _pacer, 0, false, true, changes.Units, changes.Incidents) with { Commands = NewCommandLines(sim) };
        await Observers.Notify(o => o.OnBatchAsync(batch));
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
