using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Dispatch.Grains;

/// <summary>The experiment's bookkeeping: what it has heard, the watchdog, the end, its status and listing.</summary>
public sealed partial class ExperimentGrain
{
    private void Heard(int k, RunProgress progress)
    {
        if (_progress[k] is not { } known || known.SimulatedMinute <= progress.SimulatedMinute)
        {
            _progress[k] = progress;
        }
        _heardAt[k] = Environment.TickCount64;
    }

    /// <summary>After news from a replication: the end when all have finished, else word to the observers.</summary>
    private async Task AfterProgressAsync()
    {
        if (_progress.All(p => p is { IsFinished: true }))
        {
            state.State.EventsProcessed = _progress.Sum(p => p!.EventsProcessed);
            await EndAsync(ExperimentState.Finished, null);
            return;
        }
        await Observers.Notify(o => o.OnStatusAsync(Status()!));
        await ReportAsync(force: false);
    }

    private void StartWatchdog() =>
        _watchdog ??= this.RegisterGrainTimer(WatchAsync, new GrainTimerCreationOptions(WatchPeriod, WatchPeriod) { KeepAlive = true });

    /// <summary>Calls every replication not heard from lately: that reactivates one whose silo died, and gives its progress.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        if (state.State is not { State: ExperimentState.Running, Request: not null })
        {
            return;
        }
        var now = Environment.TickCount64;
        var quiet = Enumerable.Range(0, _progress.Length)
            .Where(k => _progress[k] is not { IsFinished: true } && now - _heardAt[k] > QuietLimit.TotalMilliseconds).ToList();
        if (quiet.Count == 0)
        {
            return;
        }
        await Task.WhenAll(quiet.Select(async k =>
        {
            try
            {
                if (_progress[k] is null)
                {
                    await StartOneAsync(state.State.Request, k, []);
                }
                else
                {
                    Heard(k, await grains.GetGrain<IScenarioGrain>(ReplicationKey(RunId, k)).GetProgressAsync());
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogWarning("run {RunId}: replication {Replication} did not answer yet: {Message}", RunId, k, e.Message);
            }
        }));
        if (state.State.State == ExperimentState.Running)
        {
            await AfterProgressAsync();
        }
    }

    /// <summary>Finished, cancelled or failed: recorded, the watchdog and reminder stopped, everyone told.</summary>
    private async Task EndAsync(ExperimentState end, string? error)
    {
        state.State.State = end;
        state.State.Error = error;
        await state.WriteStateAsync();
        _watchdog?.Dispose();
        _watchdog = null;
        await StopWakingAsync();
        await Observers.Notify(o => o.OnStatusAsync(Status()!));
        await ReportAsync(force: true);
    }

    private async Task StopWakingAsync()
    {
        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private ExperimentStatus? Status()
    {
        if (state.State.Request is not { } request)
        {
            return null;
        }
        var finished = state.State.State == ExperimentState.Finished ? request.Runs : _progress.Count(p => p is { IsFinished: true });
        var progress = state.State.State == ExperimentState.Finished ? 1
            : _progress.Sum(p => p is null ? 0 : p.SimulatedMinute / Math.Max(p.EndMinute, 1)) / request.Runs;
        var events = state.State.State == ExperimentState.Finished ? state.State.EventsProcessed : _progress.Sum(p => p?.EventsProcessed ?? 0);
        return new ExperimentStatus(RunId, request.Scenario, state.State.State, request.Runs, finished, progress, events,
            state.State.Error, request.Seed, request.Days, request.ScenarioKey);
    }

    /// <summary>Tells the run registry (at every change of state; progress at most every 2 s).</summary>
    private async Task ReportAsync(bool force)
    {
        if (!force && Environment.TickCount64 - _registryReportedAt < 2000)
        {
            return;
        }
        _registryReportedAt = Environment.TickCount64;
        var status = Status()!;
        var request = state.State.Request!;
        try
        {
            await grains.GetGrain<IRunRegistryGrain>(0).ReportAsync(new RunListing(RunId, request.Scenario, Live: false,
                status.Progress * request.Days * 1440, request.Days * 1440, status.IsOver, double.PositiveInfinity,
                State: Describe(status.State), Replications: request.Runs));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InconsistentStateException)
        {
            // The list is a convenience: the experiment goes on (and reports again at its next change).
            logger.LogWarning("run {RunId}: the run registry did not take its listing: {Message}", RunId, e.Message);
        }
    }

    /// <summary>A state as <c>runs</c> shows it.</summary>
    public static string Describe(ExperimentState s) => s.ToString().ToLowerInvariant();
}

/// <summary>An experiment's durable record: its request, its state and (once finished) its event count; a few bytes.</summary>
[GenerateSerializer, Alias("Dispatch.ExperimentGrainState")]
public sealed class ExperimentGrainState
{
    [Id(0)] public ExperimentRequest? Request { get; set; }
    [Id(1)] public ExperimentState State { get; set; }
    [Id(2)] public string? Error { get; set; }
    [Id(3)] public long EventsProcessed { get; set; }
}
