using System.Text;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.Commands.CommandTestKit;

namespace Dispatch.Model.Tests.Commands;

/// <summary>A run is a pure function of (scenario, seed, replication, command log): replaying the log gives the same run.</summary>
public class CommandReplayTests
{
    private static readonly (double At, string Line)[] Exercise =
    [
        (100, "inject fight market"), (101.5, "send b 0"), (200, "post a market 40"), (300, "alert market"),
        (400, "call-in night 2"), (500, "stand-down walker"), (500, "cordon market 30"), (700, "release a"), (800, "send a 3"),
    ];

    [Fact]
    public void A_command_log_replayed_in_chunks_gives_the_same_report_incidents_and_outcomes()
    {
        var scenario = Quiet(days: 2, rate: 1.5);
        var live = new Simulator(scenario, 7);
        foreach (var (at, line) in Exercise)
        {
            live.At(at, line.Split(' '));
        }
        live.RunToEnd();
        Assert.Contains(live.CommandLog, r => r.Outcome.Applied);

        var replay = new Simulator(scenario, 7);
        var script = new CommandScript(live.CommandLog.Select(r => r.Command));
        for (var t = 97.0; !replay.IsFinished; t += 97)
        {
            replay.RunUntil(t, script);
        }

        Assert.Equal(live.CommandLog, replay.CommandLog);
        Assert.Equal(Text(live), Text(replay));
        Assert.Equal(ReportJson.Serialize(ReportBuilder.Build(live)), ReportJson.Serialize(ReportBuilder.Build(replay)));
    }

    [Fact]
    public void A_stopped_run_replays_to_the_same_minute_and_report()
    {
        var scenario = Quiet(days: 2, rate: 1.5);
        var live = new Simulator(scenario, 3);
        live.At(100, "alert", "market");
        var stop = live.At(700.25, "stop");
        Assert.Equal("the run stops at 11:40", stop.Message);
        Assert.True(live.IsFinished);
        live.RunToEnd();
        Assert.Equal(700.25, live.Now);
        Assert.Equal("the run has finished", live.Apply(new KernelCommand(700.25, CommandKind.Alert) { Zone = "market" }).Message);

        var replay = new Simulator(scenario, 3);
        replay.RunUntil(replay.EndTime, new CommandScript(live.CommandLog.Select(r => r.Command)));
        Assert.Equal(700.25, replay.Now);
        Assert.Equal(ReportJson.Serialize(ReportBuilder.Build(live)), ReportJson.Serialize(ReportBuilder.Build(replay)));
    }

    [Fact]
    public void Commands_change_the_run_and_a_run_without_them_is_unchanged()
    {
        var scenario = Quiet(days: 2, rate: 1.5);
        var plain = new Simulator(scenario, 7);
        plain.RunToEnd();
        var commanded = new Simulator(scenario, 7);
        commanded.At(100, "inject", "fight", "market");
        commanded.RunToEnd();
        Assert.Equal(plain.Incidents.Count + 1, commanded.Incidents.Count);

        var csv = new StringBuilder(CsvWriters.IncidentsHeader + "\n");
        CsvWriters.AppendIncidents(csv, plain);
        Assert.Equal(csv.ToString(), CommandColumn.Add(csv.ToString(), plain.CommandedIncidents).Replace(",command\n", "\n").Replace(",\n", "\n"));
        Assert.StartsWith(CsvWriters.IncidentsHeader + ",command\n", Text(commanded));
    }

    private static string Text(Simulator sim)
    {
        var csv = new StringBuilder(CsvWriters.IncidentsHeader + "\n");
        CsvWriters.AppendIncidents(csv, sim);
        return CommandColumn.Add(csv.ToString(), sim.CommandedIncidents);
    }
}
