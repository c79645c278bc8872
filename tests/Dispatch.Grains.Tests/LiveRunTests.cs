using System.Collections.Concurrent;
using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains.Tests;

[Collection(LiveClusterCollection.Name)]
public sealed class LiveRunTests(LiveClusterFixture fixture)
{
    private static readonly string Json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task An_observer_receives_every_dispatch_of_a_short_run_in_order()
    {
        var run = Client.GetGrain<IScenarioGrain>("live-every-dispatch");
        var observer = new CollectingObserver();
        var reference = Client.CreateObjectReference<IRunObserver>(observer);
        var request = new RunRequest(await Documents.StoreAsync(Client, Json), 4, 0, 1);
        await run.StartAsync(request);
        var snapshot = await run.SubscribeAsync(reference);
        await run.StartLiveAsync(request, double.PositiveInfinity);
        await observer.Finished.Task.WaitAsync(Patience);
        await run.UnsubscribeAsync(reference);

        var batches = observer.Batches.OrderBy(b => b.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, batches.Count).Select(i => snapshot.State.Sequence + i), batches.Select(b => b.Sequence));
        var dispatches = new List<(int Id, double At)>();
        var seen = new HashSet<int>();
        foreach (var incident in batches.SelectMany(b => b.Incidents))
        {
            if (!double.IsNaN(incident.DispatchedAt) && seen.Add(incident.Id))
            {
                dispatches.Add((incident.Id, incident.DispatchedAt));
            }
        }
        var sim = new Simulator(ScenarioBuilder.Build(ScenarioJson.Parse(Json, "test")), 4, 0, 1);
        sim.RunToEnd();
        var expected = sim.Incidents.Where(i => !double.IsNaN(i.DispatchedAt)).OrderBy(i => i.DispatchedAt).ThenBy(i => i.Id).Select(i => i.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), dispatches.Select(d => d.Id).Order());
        // Batches arrive in simulated-time order, so dispatch times never go backwards.
        Assert.True(dispatches.Zip(dispatches.Skip(1)).All(p => p.First.At <= p.Second.At + 60));
        Assert.True(batches[^1].Finished);
    }

    [Fact]
    public async Task A_watcher_attaching_mid_run_gets_the_current_state_then_the_events()
    {
        var run = Client.GetGrain<IScenarioGrain>("live-attach-midway");
        await run.StartLiveAsync(new RunRequest(await Documents.StoreAsync(Client, Json), 5, 0, 1), 600);
        // 60 wall seconds at 600x = 600 simulated minutes.
        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        await Until(async () => (await run.GetProgressAsync()).SimulatedMinute >= 600);

        var late = new CollectingObserver();
        var reference = Client.CreateObjectReference<IRunObserver>(late);
        var snapshot = await run.SubscribeAsync(reference);
        Assert.InRange(snapshot.State.SimulatedMinute, 600, 601);
        Assert.Equal(Json.Length > 0 ? 12 : 0, snapshot.Info.UnitIds.Count);
        Assert.Equal(12, snapshot.State.Units.Count);
        Assert.NotEmpty(snapshot.State.Incidents);

        fixture.Clock.Advance(TimeSpan.FromSeconds(100));
        await late.Finished.Task.WaitAsync(Patience);
        await run.UnsubscribeAsync(reference);
        var batches = late.Batches.OrderBy(b => b.Sequence).ToList();
        Assert.Equal(snapshot.State.Sequence + 1, batches[0].Sequence);
        Assert.Equal(Enumerable.Range(0, batches.Count).Select(i => batches[0].Sequence + i), batches.Select(b => b.Sequence));
        Assert.Equal(1440, batches[^1].SimulatedMinute);
    }

    [Fact]
    public async Task Simulated_time_tracks_the_wall_clock_target_at_a_high_speed()
    {
        var run = Client.GetGrain<IScenarioGrain>("live-pacing");
        var observer = new CollectingObserver();
        var reference = Client.CreateObjectReference<IRunObserver>(observer);
        var request = new RunRequest(await Documents.StoreAsync(Client, Json), 6, 0, 2);
        await run.StartAsync(request);
        await run.SubscribeAsync(reference);
        await run.StartLiveAsync(request, 3600);
        // One wall second at a time (a scaled second is 60 simulated minutes at 3600x), each time
        // waiting for the run to catch up: it never falls more than one scaled second behind.
        for (var second = 1; second <= 8; second++)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            var target = 60.0 * second;
            await Until(async () => (await run.GetProgressAsync()).SimulatedMinute >= target - 1e-9);
        }
        var minute = (await run.GetProgressAsync()).SimulatedMinute;
        Assert.InRange(minute, 480 - 60, 480 + 60);
        Assert.DoesNotContain(observer.Batches, b => b.Behind);
        var stopped = await run.ControlAsync(LiveCommand.Stop);
        Assert.True(stopped.Finished);
        await run.UnsubscribeAsync(reference);
    }

    [Fact]
    public async Task A_stuck_or_vanished_watcher_does_not_stall_the_run()
    {
        var run = Client.GetGrain<IScenarioGrain>("live-stuck-watcher");
        var request = new RunRequest(await Documents.StoreAsync(Client, Json), 7, 0, 2);
        await run.StartAsync(request);
        var stuck = new StuckObserver();
        await run.SubscribeAsync(Client.CreateObjectReference<IRunObserver>(stuck));
        var vanishing = new CollectingObserver();
        var vanished = Client.CreateObjectReference<IRunObserver>(vanishing);
        await run.SubscribeAsync(vanished);
        Client.DeleteObjectReference<IRunObserver>(vanished);
        var healthy = new CollectingObserver();
        var healthyReference = Client.CreateObjectReference<IRunObserver>(healthy);
        await run.SubscribeAsync(healthyReference);

        await run.StartLiveAsync(request, double.PositiveInfinity);
        await healthy.Finished.Task.WaitAsync(Patience);
        var progress = await run.GetProgressAsync();
        Assert.True(progress.IsFinished);
        Assert.Equal(2 * 1440, progress.SimulatedMinute);
        stuck.Release.SetResult();
        await run.UnsubscribeAsync(healthyReference);
    }

    [Fact]
    public async Task Pause_and_resume_are_reported_to_watchers()
    {
        var run = Client.GetGrain<IScenarioGrain>("live-pause");
        await run.StartLiveAsync(new RunRequest(await Documents.StoreAsync(Client, Json), 8, 0, 1), 60);
        var paused = await run.ControlAsync(LiveCommand.Pause);
        Assert.True(paused.Paused);
        async Task<string?> Listed() => (await Client.GetGrain<IRunRegistryGrain>(0).ListAsync()).Single(r => r.RunId == "live-pause").State;
        Assert.Equal("paused", await Listed());
        var at = (await run.GetProgressAsync()).SimulatedMinute;
        fixture.Clock.Advance(TimeSpan.FromSeconds(600));
        await Task.Delay(ScenarioGrain.TickPeriod * 5);
        Assert.Equal(at, (await run.GetProgressAsync()).SimulatedMinute);
        var faster = await run.ControlAsync(LiveCommand.Faster);
        Assert.Equal(300, faster.Speed);
        var resumed = await run.ControlAsync(LiveCommand.Resume);
        Assert.False(resumed.Paused);
        Assert.Null(await Listed());
        Assert.True((await run.ControlAsync(LiveCommand.Stop)).Finished);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached");
            }
            await Task.Delay(20);
        }
    }

    private sealed class CollectingObserver : IRunObserver
    {
        public ConcurrentBag<LiveBatch> Batches { get; } = [];

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnBatchAsync(LiveBatch batch)
        {
            Batches.Add(batch);
            if (batch.Finished)
            {
                Finished.TrySetResult();
            }
            return Task.CompletedTask;
        }
    }

    private sealed class StuckObserver : IRunObserver
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnBatchAsync(LiveBatch batch) => Release.Task;
    }
}
