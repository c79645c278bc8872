using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Grains.Live;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains;

/// <summary>
/// A duty officer's commands to a live run (docs/live.md, "Commands"): applied by the kernel at the
/// run's current simulated minute, logged with the run (and checkpointed at once, so a reactivation
/// replays them exactly), shown to every watcher. One console at a time holds control; a replay
/// (a live run of a command log) takes no commands but can seek.
/// </summary>
public sealed partial class ScenarioGrain
{
    /// <summary>A console that has not taken control again for this long loses it.</summary>
    public static readonly TimeSpan ControlExpiry = TimeSpan.FromMinutes(2);

    private string? _controller;

    /// <summary>How many of the kernel's commands the watchers have been shown.</summary>
    private int _commandsShown;
    private long _controllerSeenAt;

    /// <summary>The console holding control now, or null.</summary>
    private string? Holder => _controller is not null && Clock.GetElapsedTime(_controllerSeenAt) < ControlExpiry ? _controller : null;

    /// <summary>A live run replaying a command log.</summary>
    private bool IsReplay => state.State.Live && _request?.Commands is not null;

    public async Task<CommandReply> CommandAsync(string line, string console)
    {
        var sim = await EnsureSimulatorAsync();
        CommandReply Refuse(string why) => new(false, why, sim.Now, line);
        if (state.State.IsFinished || sim.IsFinished)
        {
            return Refuse("the run has finished");
        }
        if (state.State.Cancelled)
        {
            return Refuse("the run was cancelled");
        }
        if (!state.State.Live)
        {
            return Refuse("a batch run takes no commands while it runs: give them with 'dispatch run --commands FILE'");
        }
        if (IsReplay)
        {
            return Refuse("a replay plays its command log again and takes no new commands");
        }
        if (Holder is { } holder && holder != console)
        {
            return Refuse($"console '{holder}' has control of this run");
        }
        var command = CommandText.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), sim.Now, out var problem);
        if (command is null)
        {
            return Refuse(problem!);
        }
        var outcome = sim.Apply(command);
        state.State.CommandLog = CommandLogFile.Write(sim.CommandLog);
        state.State.SimulatedMinute = sim.Now;
        await state.WriteStateAsync();
        var batch = LiveFeed.Batch(++_sequence, sim, _pacer, 0, false, false, [], []) with { Commands = NewCommandLines(sim) };
        await Observers.Notify(o => o.OnBatchAsync(batch));
        return new CommandReply(outcome.Applied, outcome.Message, sim.Now, command.Text);
    }

    /// <summary>Feed lines for the commands the kernel took since the last call (given now, or replayed from a log).</summary>
    private List<string>? NewCommandLines(Simulator sim)
    {
        if (sim.CommandLog.Count == _commandsShown)
        {
            return null;
        }
        var lines = sim.CommandLog.Skip(_commandsShown).Select(r =>
            $"{CommandText.Clock(r.Command.At)} command {r.Command.Text}: {(r.Outcome.Applied ? r.Outcome.Message : "refused, " + r.Outcome.Message)}").ToList();
        _commandsShown = sim.CommandLog.Count;
        return lines;
    }

    public async Task<CommandReply> PaceAsync(LiveCommand command, string console)
    {
        if (Holder is { } holder && holder != console)
        {
            return new CommandReply(false, $"console '{holder}' has control of this run", double.NaN, command.ToString().ToLowerInvariant());
        }
        var batch = await ControlAsync(command);
        return new CommandReply(true, batch.Finished ? "finished" : batch.Paused ? "paused" : "running", batch.SimulatedMinute, command.ToString().ToLowerInvariant());
    }

    public Task<ControlReply> TakeControlAsync(string console, bool take)
    {
        var holder = Holder;
        if (take && (holder is null || holder == console))
        {
            _controller = console;
            _controllerSeenAt = Clock.GetTimestamp();
            return Task.FromResult(new ControlReply(true, console));
        }
        if (!take && holder == console)
        {
            _controller = null;
            return Task.FromResult(new ControlReply(false, null));
        }
        return Task.FromResult(new ControlReply(false, holder));
    }

    public async Task<ReplaySource> GetReplaySourceAsync()
    {
        var sim = await EnsureSimulatorAsync();
        var request = _request ?? throw new InvalidOperationException($"run '{RunId}' has not been started");
        return new ReplaySource(request with { Commands = null }, sim.CommandLog.Count > 0 ? CommandLogFile.Write(sim.CommandLog) : null,
            state.State.IsFinished, sim.EndTime);
    }

    public async Task<RunProgress> SeekAsync(double minute)
    {
        var sim = await EnsureSimulatorAsync();
        if (!IsReplay || state.State.IsFinished)
        {
            throw new InvalidOperationException(state.State.IsFinished
                ? $"run '{RunId}' has finished"
                : $"run '{RunId}' is not a replay: only a replay can seek (a live run goes forward with its commands)");
        }
        minute = Math.Clamp(minute, 0, sim.EndTime);
        if (minute < sim.Now)
        {
            sim = Adopt(CreateSimulator(await ScenarioOf(_request!.ScenarioKey), _request, null));
        }
        sim.RunUntil(minute, _script!);
        var changes = sim.DrainChanges();
        WriteIncidentRows(sim);
        _commandsShown = sim.CommandLog.Count;
        if (sim.IsFinished)
        {
            await FinishLiveAsync(sim, changes);
            return Progress(sim);
        }
        var paused = _pacer?.Paused ?? false;
        _pacer = new Pacer(Clock, _pacer?.Speed ?? state.State.Speed, sim.Now);
        if (paused)
        {
            _pacer.Pause(sim.Now);
        }
        _sequence++; // a gap on purpose: the watchers take a fresh snapshot
        var batch = LiveFeed.Batch(++_sequence, sim, _pacer, 0, false, false, [], []) with
        {
            Commands = [$"{CommandText.Clock(sim.Now)} replay: jumped to {CommandText.Clock(minute)}"],
        };
        await Observers.Notify(o => o.OnBatchAsync(batch));
        return Progress(sim);
    }
}
