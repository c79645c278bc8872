using Dispatch.Abstractions.Live;
using Dispatch.Cli.Live;
using Dispatch.Cli.Output;
using Dispatch.Model.Reporting;
using Spectre.Console.Testing;

namespace Dispatch.Cli.Tests;

/// <summary>The console table, report.md, compare's formats and the live figures read the measure table.</summary>
public sealed class MeasureOutputTests
{
    private static Report SampleReport() => new()
    {
        Scenario = "sample",
        Seed = 1,
        Replications = 2,
        SimulatedDays = 1,
        Start = "2023-06-05T00:00",
        DispatchPolicy = "nearest-available",
        PatrolPolicy = "uniform",
        Incidents = new IncidentCounts { Total = 40, Attended = 38, Unattended = 2, Prevented = 5.5 },
        ResponseMinutes = new ResponseStats { Mean = 4.25, P50 = 3.5, P90 = 9.125, Within3 = 0.4 },
        QueueWaitMinutes = new QueueStats { Mean = 0.5, ProbWait = 0.1 },
        TravelMinutes = new MeanStat { Mean = 3.75 },
        OnSceneMinutes = new MeanStat { Mean = 20 },
        HandlingRate = 0.9125,
        VisibilityRate = 0.5,
        Pai = 2.5,
        Ci95HalfWidth = new Dictionary<string, double?> { ["handlingRate"] = 0.02, ["responseMinutes.p90"] = 1.5, ["incidents.total"] = 3 },
        Units = [],
        Zones = [],
        ByHour = [],
        ByPriority = [],
        ByMode = [],
        ByKind = [],
    };

    [Fact]
    public void The_headline_rows_are_the_table_s_measures_with_their_labels_formats_and_intervals()
    {
        var rows = Headline.Rows(SampleReport());
        Assert.Equal(Measures.Table.Select(m => m.Title), rows.Select(r => r.Label));
        Assert.Contains(("Handling rate (管事率)", "91.3%", "± 2.0%"), rows);
        Assert.Contains(("Response P90 (min)", "9.13", "± 1.50"), rows);
        Assert.Contains(("Incidents", "40", "± 3"), rows);
        Assert.Contains(("Prevented by presence", "5.5", ""), rows);
        Assert.Contains(("PAI", "2.50", ""), rows);
        Assert.Contains(("Control (控制力)", "n/a", ""), rows);
        Assert.DoesNotContain(rows, r => r.Label == "Mean queue length"); // a headline not in the table
    }

    [Fact]
    public void Report_md_has_a_headline_row_for_every_measure_of_the_table()
    {
        var md = ReportMarkdown.Render(SampleReport());
        foreach (var m in Measures.Table)
        {
            Assert.Contains($"\n| {m.Title} | ", md);
        }
        Assert.Contains("| Visibility rate (见警率) | 50.0% |  |\n", md);
    }

    [Fact]
    public void Compare_formats_each_measure_by_its_declared_format()
    {
        Assert.Equal("91.25%", CompareMarkdown.Value("handlingRate", 0.9125));
        Assert.Equal("+2.00 pt", CompareMarkdown.Value("visibilityTimeShare", 0.02, signed: true));
        Assert.Equal("2.00 pt", CompareMarkdown.Value("responseMinutes.within1", 0.02, points: true));
        Assert.Equal("0.02", CompareMarkdown.Value("queueWaitMinutes.meanQueueLength", 0.02));
        Assert.Equal("-1.50", CompareMarkdown.Value("responseMinutes.p90", -1.5, signed: true));
        Assert.Equal("n/a", CompareMarkdown.Value("pai", null));
    }

    [Fact]
    public void The_live_figures_are_the_table_s_live_measures_in_order()
    {
        Assert.Equal(Measures.Live.Select(m => m.Path).Order(), LiveFigureValues.Paths.Order());
        var rows = LiveFigureValues.Rows(new LiveKpis(0.42, 0.8, 0.9, 3.2, 7.9, 31, 2)).ToList();
        Assert.Equal(
            [
                ("visibility now (见警率)", "42.0%"), ("visibility 22-04h", "80.0%"), ("handling rate (管事率)", "90.0%"),
                ("response P50", "3.2 min"), ("response P90", "7.9 min"), ("incidents", "31"), ("queue", "[red]2[/]"),
            ],
            rows);
        Assert.Equal("0", LiveFigureValues.Rows(new LiveKpis(null, null, null, null, null, 0, 0)).Last().Value);
        Assert.Equal("n/a", LiveFigureValues.Rows(new LiveKpis(null, null, null, null, null, 0, 0)).First().Value);
    }

    [Fact]
    public void The_dashboard_shows_every_live_measure_s_label()
    {
        var info = new LiveScenarioInfo("live-1", "town", new DateTime(2023, 6, 5), 1440, [], [], [], []);
        var batch = new LiveBatch(1, 60, 60, false, 0, false, false, [], [], [], new LiveKpis(0.42, 0.8, 0.9, 3.2, 7.9, 31, 0));
        var console = new TestConsole().Width(160);
        console.Write(DashboardRenderer.Render(new DashboardState(new LiveSnapshot(info, batch)), attached: false, 160, 50));
        foreach (var m in Measures.Live)
        {
            Assert.Contains(m.LiveTitle!, console.Output);
        }
    }
}
