using Dispatch.Abstractions.Live;
using Dispatch.Cli.Live;
using Spectre.Console.Testing;

namespace Dispatch.Cli.Tests;

public sealed class DashboardRendererTests
{
    private static LiveSnapshot Snapshot(bool paused = false, bool behind = false, bool finished = false)
    {
        var info = new LiveScenarioInfo("live-1", "town [test]", new DateTime(2023, 6, 5), 1440,
            [
                new LiveZone("[bar]", "nightlife", 0, 0, 100, 50, true),
                new LiveZone("market", "nightFood", 200, 200, 300, 260, true),
                new LiveZone("district", "district", 0, 0, 1000, 1000, false),
            ],
            [new LiveStation("north", 500, 900)],
            ["car-[1]", "foot-2"], ["car", "foot"]);
        var incidents = new List<LiveIncident>
        {
            new(7, "[bar]", "fight", 1, 600, 601, double.NaN, double.NaN, "car-[1]", 480, 880, 604.5, false, "EnRoute"),
        };
        var state = new LiveBatch(10, 605, 60, paused, behind ? 5 : 0, behind, finished,
            [new LiveUnit(0, "EnRoute", 300, 500), new LiveUnit(1, "Patrol", 50, 25)], incidents, [2.5, 0.5, 0],
            new LiveKpis(0.42, 0.8, 0.9, 3.2, 7.9, 31, 2));
        return new LiveSnapshot(info, state);
    }

    private static string Render(DashboardState state, bool attached = false)
    {
        var console = new TestConsole().Width(160).Height(50);
        console.Write(DashboardRenderer.Render(state, attached, 160, 50));
        return console.Output;
    }

    [Fact]
    public void Renders_clock_speed_figures_units_and_keys()
    {
        var output = Render(new DashboardState(Snapshot()));
        Assert.Contains("town [test]", output);
        Assert.Contains("Mon 2023-06-05 10:05", output);
        Assert.Contains("speed 60x", output);
        Assert.Contains("42.0%", output);
        Assert.Contains("7.9 min", output);
        Assert.Contains("en route", output);
        Assert.Contains("p pause/resume", output);
        Assert.Contains("quit (stops the run", output);
        Assert.DoesNotContain("PAUSED", output);
        Assert.DoesNotContain("BEHIND", output);
    }

    [Fact]
    public void Zone_and_unit_names_with_markup_characters_are_shown_literally()
    {
        var state = new DashboardState(Snapshot());
        state.Apply(new LiveBatch(11, 606, 60, false, 0, false, false, [],
            [new LiveIncident(7, "[bar]", "fight", 1, 600, 601, 604.5, double.NaN, "car-[1]", 480, 880, 604.5, false, "OnScene")],
            [2.5, 0.5, 0], new LiveKpis(0.42, 0.8, 0.9, 3.2, 7.9, 31, 2)));
        var output = Render(state, attached: true);
        Assert.Contains("car-[1] on scene at #7", output);
        Assert.Contains("leave (the run goes on)", output);
    }

    [Fact]
    public void Paused_behind_and_finished_are_flagged()
    {
        Assert.Contains("PAUSED", Render(new DashboardState(Snapshot(paused: true))));
        Assert.Contains("BEHIND", Render(new DashboardState(Snapshot(behind: true))));
        // Finished before its end time: stopped.
        Assert.Contains("STOPPED", Render(new DashboardState(Snapshot(finished: true))));
    }

    [Fact]
    public void The_feed_tells_who_was_sent_from_where_and_when_they_arrive()
    {
        var state = new DashboardState(Snapshot());
        state.Apply(new LiveBatch(11, 620, 60, false, 0, false, false, [],
            [new LiveIncident(8, "market", "theft", 2, 610, 612, double.NaN, double.NaN, "foot-2", 50, 25, 618.3, true, "EnRoute")],
            [2.5, 0.5, 0], new LiveKpis(0.42, 0.8, 0.9, 3.2, 7.9, 32, 1)));
        Assert.Equal(["10:10 new #8 theft P2 in market (found on view)", "10:12 foot-2 sent to #8 from [bar] (was on patrol), ETA 10:18 (6.3 min)"], state.LastLines);
        // A gap in the sequence means a missed batch: the watcher must resynchronise.
        state.Apply(new LiveBatch(13, 630, 60, false, 0, false, false, [], [], [0, 0, 0], new LiveKpis(null, null, null, null, null, 32, 0)));
        Assert.False(state.InSync);
    }

    [Fact]
    public void The_map_draws_hotspots_stations_units_and_incidents()
    {
        var lines = DashboardMap.Lines(new DashboardState(Snapshot()), 64, 23, compact: false).Select(l => l.Plain).ToList();
        Assert.Equal(23, lines.Count);
        Assert.All(lines, l => Assert.True(l.Length <= 64 || l == lines[^1], l));
        var map = string.Join("\n", lines.Take(22));
        Assert.Contains('S', map);
        Assert.Contains('▓', map);
        Assert.Contains('c', map);
        // Incident 7 is P1 and under way: a "!" at its zone, drawn over the foot unit standing there.
        Assert.DoesNotContain('f', map);
        Assert.Contains('!', map);
    }

    [Theory]
    [InlineData('p', false, LiveCommand.Pause)]
    [InlineData('p', true, LiveCommand.Resume)]
    [InlineData('+', false, LiveCommand.Faster)]
    [InlineData('-', false, LiveCommand.Slower)]
    [InlineData('s', false, LiveCommand.Stop)]
    public void Keys_map_to_commands(char key, bool paused, LiveCommand expected) =>
        Assert.Equal(expected, Dispatch.Cli.Live.LiveConsole.Command(key, paused));
}
