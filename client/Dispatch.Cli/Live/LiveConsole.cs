using System.Globalization;
using Dispatch.Abstractions.Live;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dispatch.Cli.Live;

/// <summary>
/// Shows a live run in the terminal: the dashboard with keyboard control on an interactive console,
/// plain timestamped lines otherwise (CI, pipes). Returns when the run finishes or the watcher leaves.
/// </summary>
public static class LiveConsole
{
    /// <summary>Watches until the run finishes (true) or the watcher leaves (false).</summary>
    public static async Task<bool> WatchAsync(IAnsiConsole console, IClusterClient client, string runId, bool attached, CancellationToken cancellationToken,
        bool plain = false, ActorSelection? selection = null, bool control = false, bool replay = false)
    {
        var (watcher, snapshot) = await LiveWatcher.AttachAsync(client, runId);
        await using (watcher)
        {
            var state = new DashboardState(snapshot);
            var interactive = !plain && console.Profile.Capabilities.Interactive && !Console.IsInputRedirected;
            var view = new View(client, runId, selection ?? new ActorSelection(null, null), new ConsolePrompt(client, runId, control, replay));
            try
            {
                return interactive
                    ? await InteractiveAsync(console, watcher, state, attached, view, cancellationToken)
                    : await PlainAsync(console, watcher, state, view, cancellationToken);
            }
            finally
            {
                if (view.Prompt.HasControl)
                {
                    await ReleaseControlAsync(watcher.Run);
                }
            }
        }
    }

    /// <summary>The selected zone and unit of the run being watched, and the command line.</summary>
    private sealed record View(IGrainFactory Grains, string RunId, ActorSelection Selection, ConsolePrompt Prompt)
    {
        public Task RefreshAsync(bool now = false) => Selection.RefreshAsync(Grains, RunId, now);

        public IRenderable Render(DashboardState state, bool attached, IAnsiConsole console) =>
            DashboardRenderer.Frame(console, state, attached, Prompt.Render(), Selection.Render());
    }

    private static async Task<bool> InteractiveAsync(IAnsiConsole console, LiveWatcher watcher, DashboardState state, bool attached, View view, CancellationToken cancellationToken)
    {
        var finished = state.Latest.Finished;
        var renewed = DateTime.UtcNow;
        await view.RefreshAsync(now: true);
        await console.Live(view.Render(state, attached, console)).AutoClear(false).StartAsync(async context =>
        {
            while (!finished && !cancellationToken.IsCancellationRequested)
            {
                (state, finished) = await DrainAsync(watcher, state);
                var leave = false;
                while (Console.KeyAvailable)
                {
                    var info = Console.ReadKey(intercept: true);
                    var key = info.KeyChar;
                    if (await view.Prompt.KeyAsync(info))
                    {
                        continue;
                    }
                    if (key is 'q' or 'Q')
                    {
                        leave = true;
                    }
                    else if (view.Selection.Key(key, state))
                    {
                        await view.RefreshAsync(now: true);
                    }
                    else if (Command(key, state.Latest.Paused) is { } command)
                    {
                        var reply = await watcher.Run.PaceAsync(command, CommandRouter.ConsoleName);
                        if (!reply.Applied)
                        {
                            view.Prompt.Say(reply.Message);
                        }
                    }
                }
                if (DateTime.UtcNow - renewed > LiveWatcher.Resubscribe)
                {
                    renewed = DateTime.UtcNow;
                    await watcher.RenewAsync();
                    if (view.Prompt.HasControl)
                    {
                        view.Prompt.HasControl = (await watcher.Run.TakeControlAsync(CommandRouter.ConsoleName, true)).Granted;
                    }
                }
                await view.RefreshAsync();
                context.UpdateTarget(view.Render(state, attached, console));
                if (leave)
                {
                    return;
                }
                await WaitForBatchAsync(watcher, cancellationToken);
            }
            await view.RefreshAsync(now: true);
            context.UpdateTarget(view.Render(state, attached, console));
        });
        return finished;
    }

    private static async Task<bool> PlainAsync(IAnsiConsole console, LiveWatcher watcher, DashboardState state, View view, CancellationToken cancellationToken)
    {
        var b = state.Latest;
        console.WriteLine($"[{state.Clock(b.SimulatedMinute)}] watching {state.Info.RunId} ({state.Info.Scenario}) at speed {DashboardRenderer.SpeedText(b.Speed)}");
        var lastHour = Math.Floor(b.SimulatedMinute / 60);
        var renewed = DateTime.UtcNow;
        var finished = b.Finished;
        while (!finished && !cancellationToken.IsCancellationRequested)
        {
            await WaitForBatchAsync(watcher, cancellationToken);
            while (watcher.Batches.TryRead(out var batch))
            {
                state.Apply(batch);
                foreach (var line in state.LastLines)
                {
                    console.WriteLine($"[{state.Info.Start.AddMinutes(batch.SimulatedMinute):yyyy-MM-dd}] {line}");
                }
                finished |= batch.Finished;
                if (Math.Floor(batch.SimulatedMinute / 60) > lastHour || batch.Finished)
                {
                    lastHour = Math.Floor(batch.SimulatedMinute / 60);
                    var k = batch.Kpis;
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{state.Clock(batch.SimulatedMinute)}] status: incidents {k.Incidents}, queue {k.QueueLength}, visibility now {Pct(k.VisibilityNow)}, handling {Pct(k.HandlingRate)}, response P50 {k.ResponseP50:0.0} P90 {k.ResponseP90:0.0} min{(batch.Behind ? ", BEHIND: the machine cannot keep up" : "")}{(batch.Finished ? ", finished" : "")}"));
                    await view.RefreshAsync(now: true);
                    foreach (var line in view.Selection.Lines())
                    {
                        console.WriteLine($"[{state.Clock(batch.SimulatedMinute)}] {line}");
                    }
                }
            }
            if (!state.InSync)
            {
                state = state.Resync(await watcher.RenewAsync());
            }
            if (DateTime.UtcNow - renewed > LiveWatcher.Resubscribe)
            {
                renewed = DateTime.UtcNow;
                await watcher.RenewAsync();
            }
        }
        return finished;
    }

    /// <summary>Gives control back on leaving (a run or silo already gone has nothing to give back).</summary>
    private static async Task ReleaseControlAsync(Dispatch.Abstractions.IScenarioGrain run)
    {
        try
        {
            await run.TakeControlAsync(CommandRouter.ConsoleName, false).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
        {
            // The run or the silo is gone: so is the control.
        }
    }

    private static async Task<(DashboardState, bool)> DrainAsync(LiveWatcher watcher, DashboardState state)
    {
        var finished = state.Latest.Finished;
        while (watcher.Batches.TryRead(out var batch))
        {
            state.Apply(batch);
            finished |= batch.Finished;
        }
        if (!state.InSync)
        {
            state = state.Resync(await watcher.RenewAsync());
        }
        return (state, finished);
    }

    private static async Task WaitForBatchAsync(LiveWatcher watcher, CancellationToken cancellationToken)
    {
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        tick.CancelAfter(TimeSpan.FromMilliseconds(250));
        try
        {
            await watcher.Batches.WaitToReadAsync(tick.Token);
        }
        catch (OperationCanceledException)
        {
            // Timed out: redraw anyway (keys, clock).
        }
    }

    /// <summary>The keys of the dashboard.</summary>
    public static LiveCommand? Command(char key, bool paused) => key switch
    {
        'p' or 'P' or ' ' => paused ? LiveCommand.Resume : LiveCommand.Pause,
        '+' or '=' => LiveCommand.Faster,
        '-' or '_' => LiveCommand.Slower,
        's' or 'S' => LiveCommand.Stop,
        _ => null,
    };

    private static string Pct(double? v) => v is { } x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
