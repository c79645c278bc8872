using Dispatch.Abstractions.Live;
using Dispatch.Cli.Live;

namespace Dispatch.Cli.Tests;

/// <summary>The live feed: places by name, every kind of event with the reason for a dispatch, counts at high speed, the final frame.</summary>
public sealed class DashboardFeedTests
{
    private static readonly LiveKpis Kpis = new(0.4, 0.5, 0.9, 3, 8, 10, 1);

    private static LiveScenarioInfo Info() => new("live-feed", "town", new DateTime(2023, 6, 5), 1440,
        [new LiveZone("bar-street", "nightlife", 1000, 1000, 1400, 1300, true), new LiveZone("district", "district", 0, 0, 5000, 5000, false)],
        [new LiveStation("north", 2500, 4000)], ["car-1", "foot-1", "surge-foot-1", "surge-foot-2"], ["car", "foot", "foot", "foot"]);

    private static LiveIncident Incident(int id, int priority, double dispatched = double.NaN, string? unit = null, double fromX = 0, double fromY = 0, bool queued = false) =>
        new(id, "bar-street", "fight", priority, 600, dispatched, double.NaN, double.NaN, unit, fromX, fromY, dispatched + 4, false,
            double.IsNaN(dispatched) ? "Queued" : "EnRoute", queued);

    private static LiveBatch Batch(long sequence, double minute, IReadOnlyList<LiveUnit> units, IReadOnlyList<LiveIncident> incidents, double speed = 10, bool finished = false) =>
        new(sequence, minute, speed, false, 0, false, finished, units, incidents, [1, 0], Kpis);

    private static DashboardState Start(double speed = 10) => new(new LiveSnapshot(Info(), Batch(1, 590,
        [new LiveUnit(0, "Available", 2500, 4000), new LiveUnit(1, "SchoolPost", 1200, 1100), new LiveUnit(2, "OffShift", 2500, 4000), new LiveUnit(3, "OffShift", 2500, 4000)], [], speed)));

    [Fact]
    public void Places_are_named_by_station_zone_or_nearest_station()
    {
        var text = new FeedText(Info());
        Assert.Equal("north station", text.Place(2530, 4020));
        Assert.Equal("bar-street", text.Place(1200, 1100));
        Assert.Equal("near north station (2.5 km)", text.Place(2500, 1500));
    }

    [Fact]
    public void The_feed_has_queued_dispatch_reasons_escalations_checks_posts_and_shifts()
    {
        var state = Start();
        state.Apply(Batch(2, 600, [], [Incident(1, 2, queued: true)]));
        Assert.Equal(["10:00 new #1 fight P2 in bar-street", "10:00 #1 queued: no suitable unit free (1 waiting)"], state.LastLines);
        state.Apply(Batch(3, 603, [new LiveUnit(1, "EnRoute", 1200, 1100)], [Incident(1, 1, 603, "foot-1", 1200, 1100)]));
        Assert.Equal(["10:03 #1 fight escalated to P1 in bar-street", "10:03 foot-1 sent to #1 from bar-street (school post pre-empted), ETA 10:07 (4.0 min)"], state.LastLines);
        state.Apply(Batch(4, 604, [new LiveUnit(0, "Check", 1100, 1050), new LiveUnit(2, "Patrol", 2500, 4000), new LiveUnit(3, "Patrol", 2500, 4000)], []));
        Assert.Equal(["10:04 car-1 checks bar-street", "10:04 2 units start their shift (surge): surge-foot-1, surge-foot-2"], state.LastLines);
        state.Apply(Batch(5, 605, [new LiveUnit(0, "Patrol", 1100, 1050)], [Incident(2, 3, 605, "car-1", 1100, 1050)]));
        Assert.Contains("car-1 sent to #2 from bar-street (left a check)", state.LastLines[^1]);
    }

    [Fact]
    public void With_the_policy_known_a_dispatch_says_its_rule()
    {
        var info = Info() with { UnitModes = ["tactical", "foot", "foot", "foot"], DispatchPolicy = "nearest-available" };
        var state = new DashboardState(new LiveSnapshot(info, Batch(1, 590, [new LiveUnit(0, "Patrol", 2500, 4000), new LiveUnit(1, "Patrol", 1200, 1100)], [])));
        state.Apply(Batch(2, 601, [], [Incident(1, 1, 601, "car-1", 2500, 4000), Incident(2, 2, 601, "foot-1", 1200, 1100) with { Id = 2 }]));
        Assert.Contains("10:01 car-1 sent to #1 from north station (tactical preferred for P1, was on patrol), ETA 10:05 (4.0 min)", state.LastLines);
        Assert.Contains("10:01 foot-1 sent to #2 from bar-street (nearest free, was on patrol), ETA 10:05 (4.0 min)", state.LastLines);
    }

    [Fact]
    public void At_high_speed_the_feed_is_counted_per_interval_instead_of_listed()
    {
        var slow = Start(speed: 10);
        var fast = Start(speed: 600);
        for (var k = 0; k < 30; k++)
        {
            var minute = 600 + k;
            var incidents = new[] { Incident(10 + k, 2, minute, "car-1", 2500, 4000) with { CreatedAt = minute } };
            slow.Apply(Batch(2 + k, minute, [], incidents, speed: 10));
            fast.Apply(Batch(2 + k, minute, [], incidents, speed: 600));
        }
        // 60 lines in 30 simulated minutes: at 10x, 0.3 a second (readable); at 600x, 20 a second.
        Assert.False(slow.Log.Aggregating(10, 629));
        Assert.True(fast.Log.Aggregating(600, 629));
        Assert.Equal(60, FeedLog.IntervalMinutes(600));
        Assert.Equal(["10:00-11:00 (so far): 30 new incidents, 30 dispatches"], fast.Log.Aggregated(60, 5, 629, fast.Info.Start));
        var screen = DashboardFixtures.Screen(fast, 80, 24);
        Assert.Contains(screen, l => l.Contains("events per 60 simulated minutes", StringComparison.Ordinal));
        Assert.Contains(screen, l => l.Contains("10:00-11:00 (so far): 30 new incidents, 30 dispatches", StringComparison.Ordinal));
        Assert.DoesNotContain(screen, l => l.Contains("sent to #39", StringComparison.Ordinal));
        Assert.Contains(DashboardFixtures.Screen(slow, 80, 24), l => l.Contains("sent to #39", StringComparison.Ordinal));
        // Once the run has ended the last interval is no longer "so far".
        fast.Apply(Batch(32, 660, [], [], speed: 600, finished: true));
        var end = string.Join("\n", DashboardFixtures.Screen(fast, 80, 24));
        Assert.Contains("10:00-11:00: 30 new incidents, 30 dispatches", end);
        Assert.DoesNotContain("so far)", end);
    }

    [Fact]
    public void A_burst_in_one_batch_is_counted_too()
    {
        var state = Start(speed: 1);
        state.Apply(Batch(2, 600, [], Enumerable.Range(1, 9).Select(i => Incident(i, 3)).ToList(), speed: 1));
        Assert.True(state.Log.Aggregating(1, 600));
        Assert.Equal(["10:00-10:10 (so far): 9 new incidents"], state.Log.Aggregated(10, 3, 600, state.Info.Start));
    }

    [Fact]
    public void After_a_stop_the_last_frame_keeps_the_feed_and_shows_the_final_figures()
    {
        var state = Start();
        state.Apply(Batch(2, 600, [], [Incident(1, 2, 601, "car-1", 2500, 4000)]));
        // The stop's final batch arrives before the one before it: a gap, so the console takes a fresh snapshot.
        state.Apply(Batch(4, 610, [], [], finished: true));
        Assert.False(state.InSync);
        var final = state.Resync(new LiveSnapshot(Info(), Batch(4, 610, [new LiveUnit(0, "EnRoute", 2000, 3000)], [Incident(1, 2, 601, "car-1", 2500, 4000)], finished: true)));
        var screen = string.Join("\n", DashboardFixtures.Screen(final, 80, 24));
        Assert.Contains("STOPPED", screen);
        Assert.Contains("car-1 sent to #1 from north station", screen);
        Assert.Contains("response P90", screen);
        Assert.DoesNotContain("waiting for the first incident", screen);
    }

    [Fact]
    public void A_replay_that_jumps_back_starts_its_feed_again()
    {
        var state = Start();
        state.Apply(Batch(2, 600, [], [Incident(1, 2, 601, "car-1", 2500, 4000)]));
        var back = state.Resync(new LiveSnapshot(Info(), Batch(1, 595, [], [])));
        Assert.Empty(back.Feed);
        var forward = state.Resync(new LiveSnapshot(Info(), Batch(9, 700, [], [])));
        Assert.Contains(forward.Feed, l => l.Contains("car-1 sent to #1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_watcher_attaching_to_a_finished_run_sees_its_last_incidents()
    {
        var end = Batch(9, 1440, [new LiveUnit(0, "Available", 2500, 4000)],
            [Incident(1, 2, 601, "car-1", 2500, 4000) with { ArrivedAt = 605, ClearedAt = 630, Outcome = "Cleared" }], finished: true);
        var screen = string.Join("\n", DashboardFixtures.Screen(new DashboardState(new LiveSnapshot(Info(), end)), 80, 24));
        Assert.Contains("FINISHED", screen);
        Assert.Contains("#1 cleared by car-1", screen);
        Assert.DoesNotContain("waiting for the first incident", screen);
    }
}
