using Dispatch.Abstractions;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains.Tests;

/// <summary>A result's report.json text is written once: a one-replication experiment's aggregate is its replication's text.</summary>
public sealed class ResultTextTests
{
    private static Report ReportOf(int replication)
    {
        var sim = new Simulator(ScenarioLoader.Load(TestPaths.Scenario("small-town.json")), 7, replication, days: 1, keepIncidents: false);
        sim.RunToEnd();
        return ReportBuilder.Build(sim);
    }

    [Fact]
    public void One_replication_shares_its_text_and_several_get_their_aggregate_written()
    {
        var one = new RunResult(ReportOf(0), null, "");
        var single = new ExperimentResult([one], one.Report!, 10);
        Assert.Same(one.ReportJson, single.AggregateJson);
        Assert.Equal(ReportJson.Serialize(one.Report!), single.AggregateJson);

        var two = new RunResult(ReportOf(1), null, "");
        var aggregate = ReportJson.Aggregate([one.Report!, two.Report!]);
        var both = new ExperimentResult([one, two], aggregate, 20);
        Assert.Equal(ReportJson.Serialize(aggregate), both.AggregateJson);
        Assert.NotEqual(one.ReportJson, both.AggregateJson);
    }
}
