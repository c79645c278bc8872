using System.Globalization;
using Dispatch.Abstractions.Live;
using Dispatch.Cli.Live;
using Dispatch.Grains.Live;
using Dispatch.Model.Loading;
using Dispatch.Model.Simulation;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Dispatch.Cli.Tests;

/// <summary>Dashboard states for the render tests: a made-up town (stable for snapshots) and a real Pengjiang run.</summary>
public static class DashboardFixtures
{
    /// <summary>A town of 12 hotspots around 3 stations, 24 units, open and waiting incidents and a feed of a dozen events.</summary>
    public static DashboardState Town()
    {
        var zones = new List<LiveZone>();
        for (var i = 0; i < 12; i++)
        {
            double x = 400 + i % 4 * 2200, y = 500 + i / 4 * 2400;
            zones.Add(new LiveZone($"zone-{i + 1:00}", i % 3 == 0 ? "nightlife" : "market", x, y, x + 900, y + 700, true));
        }
        zones.Add(new LiveZone("district", "district", 0, 0, 9000, 7500, false));
        var stations = new List<LiveStation> { new("north", 2000, 6500), new("centre", 4500, 3800), new("south", 7000, 900) };
        var ids = Enumerable.Range(0, 24).Select(i => $"{(i % 3 == 0 ? "car" : i % 3 == 1 ? "foot" : "bike")}-{stations[i % 3].Id}-{i / 3 + 1}").ToList();
        var modes = Enumerable.Range(0, 24).Select(i => i % 3 == 0 ? "car" : i % 3 == 1 ? "foot" : "bicycle").ToList();
        var info = new LiveScenarioInfo("live-town", "town", new DateTime(2023, 6, 2), 7 * 1440, zones, stations, ids, modes);
        string[] statuses = ["Patrol", "Patrol", "Available", "EnRoute", "OnScene", "Returning", "SchoolPost", "Check", "OffShift"];
        var units = Enumerable.Range(0, 24).Select(i => new LiveUnit(i, statuses[i % statuses.Length], 300 + i * 350 % 8400, 400 + i * 970 % 6800)).ToList();
        var risk = Enumerable.Range(0, 13).Select(i => i == 12 ? 0 : (i * 7 % 10) / 3.0).ToList();
        var kpis = new LiveKpis(0.38, 0.52, 0.91, 4.1, 9.8, 212, 2);
        var start = new LiveBatch(40, 1320, 60, false, 0, false, false, units, [], risk, kpis);
        var state = new DashboardState(new LiveSnapshot(info, start));
        var incidents = new List<LiveIncident>();
        for (var k = 0; k < 8; k++)
        {
            var created = 1321.0 + k;
            var sent = k % 4 == 3 ? double.NaN : created + 1;
            var arrived = k < 3 ? created + 5 : double.NaN;
            incidents.Add(new LiveIncident(300 + k, zones[k * 5 % 12].Id, k % 2 == 0 ? "fight" : "theft", 1 + k % 3, created, sent, arrived, double.NaN,
                double.IsNaN(sent) ? null : ids[k * 3 % 24], 2000, 6500, created + 5, k == 5, arrived > 0 ? "OnScene" : double.IsNaN(sent) ? "Queued" : "EnRoute",
                InQueue: double.IsNaN(sent)));
        }
        for (var k = 0; k < incidents.Count; k++)
        {
            state.Apply(start with { Sequence = 41 + k, SimulatedMinute = k == incidents.Count - 1 ? 1331 : 1321 + k, Units = [], Incidents = [incidents[k]] });
        }
        return state;
    }

    /// <summary>Pengjiang run from its seed to Friday 23:00 then ten more simulated minutes fed batch by batch, at 60x.</summary>
    public static DashboardState Pengjiang()
    {
        var scenario = ScenarioLoader.Load(CliRunner.Scenario("pengjiang.json"));
        var sim = new Simulator(scenario, scenario.Seed, 0, 7);
        var minute = 4 * 1440 + 23 * 60;
        sim.RunUntil(minute);
        sim.DrainChanges();
        var sequence = 1L;
        var state = new DashboardState(new LiveSnapshot(LiveFeed.Info("live-pengjiang", sim), LiveFeed.Snapshot(sequence, sim, null, false) with { Speed = 60 }));
        for (var m = 1; m <= 10; m++)
        {
            sim.RunUntil(minute + m);
            var (units, incidents) = sim.DrainChanges();
            state.Apply(LiveFeed.Batch(++sequence, sim, null, 0, false, false, units, incidents) with { Speed = 60 });
        }
        return state;
    }

    /// <summary>The screen as a terminal of that size shows it, the command line under the dashboard, line by line (trailing spaces kept).</summary>
    public static List<string> Screen(DashboardState state, int width, int height, bool attached = false)
    {
        var console = new TestConsole().Width(width).Height(height);
        console.Write(DashboardRenderer.Frame(console, state, attached, new Markup("[grey]watching (no control)[/]"), null));
        return console.Output.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').ToList();
    }

    /// <summary>A size as WxH.</summary>
    public static string Size(int width, int height) => string.Create(CultureInfo.InvariantCulture, $"{width}x{height}");
}
