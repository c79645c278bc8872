using System.Text.Json.Nodes;
using Dispatch.Abstractions;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains.Tests;

/// <summary>An experiment of several points (a sweep, a plan's batch): each point's replications, on common random numbers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExperimentPointsTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Each_point_runs_replications_0_to_R_with_the_same_seed_and_is_aggregated_apart()
    {
        var baseJson = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));
        var changed = JsonNode.Parse(baseJson)!;
        changed["units"]![0]!["count"] = changed["units"]![0]!["count"]!.GetValue<int>() + 2;
        var jsons = new[] { baseJson, ScenarioJson.Serialize(ScenarioJson.Parse(changed.ToJsonString(), "changed")) };
        var keys = new List<string>();
        foreach (var json in jsons)
        {
            keys.Add(await Documents.StoreAsync(Grains, json));
        }
        var experiment = Grains.GetGrain<IExperimentGrain>("experiment-points-test");
        var request = new ExperimentRequest(keys[0], "small-town", 5, 1, 2, 0, 720, Actors: false, PointKeys: keys);
        await experiment.SubmitAsync(request);
        // The same points in a new list: the same request (compared by content).
        await experiment.SubmitAsync(request with { PointKeys = [.. keys] });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while ((await experiment.GetStatusAsync())! is { IsOver: false })
        {
            await Task.Delay(100, timeout.Token);
        }
        Assert.Equal(ExperimentState.Finished, (await experiment.GetStatusAsync())!.State);
        var result = await experiment.GetResultAsync();
        Assert.Equal(4, result.Replications.Count);
        Assert.Equal(2, result.PointAggregateJsons.Count);
        for (var p = 0; p < 2; p++)
        {
            var reports = new List<Report>();
            for (var k = 0; k < 2; k++)
            {
                var sim = new Simulator(ScenarioBuilder.Build(ScenarioJson.Parse(jsons[p], "test")), 5, k, 1);
                sim.RunToEnd();
                reports.Add(ReportBuilder.Build(sim));
                Assert.Equal(ReportJson.Serialize(reports[k]), result.Replications[p * 2 + k].ReportJson);
            }
            Assert.Equal(ReportJson.Serialize(ReportJson.Aggregate(reports)), result.PointAggregateJsons[p]);
        }
        Assert.NotEqual(result.PointAggregateJsons[0], result.PointAggregateJsons[1]);
    }
}
