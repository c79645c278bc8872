using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains.Tests;

/// <summary>The experiment grain runs its replications itself, over both silos, with no client driving them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExperimentGrainTests(ClusterFixture fixture)
{
    private static readonly string Json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private IGrainFactory Grains => fixture.Cluster.Client;

    private async Task<ExperimentRequest> RequestAsync(long seed, int days, int replications, double chunk = 720) =>
        new(await Documents.StoreAsync(Grains, Json), "small-town", seed, days, replications, 0, chunk, Actors: false);

    private async Task<ExperimentStatus> WaitOverAsync(IExperimentGrain experiment)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var status = await experiment.GetStatusAsync();
            if (status!.IsOver)
            {
                return status;
            }
            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task An_experiment_runs_its_replications_to_the_kernel_s_reports_and_aggregates_them()
    {
        var experiment = Grains.GetGrain<IExperimentGrain>("experiment-test-run");
        var request = await RequestAsync(seed: 21, days: 2, replications: 3);
        var submitted = await experiment.SubmitAsync(request);
        Assert.Equal(ExperimentState.Running, submitted.State);
        Assert.Equal(submitted.ScenarioKey, (await experiment.SubmitAsync(request)).ScenarioKey); // idempotent (it may have finished meanwhile)
        await Assert.ThrowsAnyAsync<Exception>(() => experiment.SubmitAsync(request with { Seed = 22 }));

        // Nothing but status reads from here: the replications advance themselves.
        var status = await WaitOverAsync(experiment);
        Assert.Equal(ExperimentState.Finished, status.State);
        Assert.Equal(3, status.FinishedReplications);
        var result = await experiment.GetResultAsync();

        var reports = new List<Report>();
        for (var k = 0; k < 3; k++)
        {
            var sim = new Simulator(ScenarioBuilder.Build(ScenarioJson.Parse(Json, "test")), 21, k, 2);
            sim.RunToEnd();
            reports.Add(ReportBuilder.Build(sim));
            Assert.Equal(ReportJson.Serialize(reports[k]), result.Replications[k].ReportJson);
        }
        Assert.Equal(ReportJson.Serialize(ReportJson.Aggregate(reports)), result.AggregateJson);
        Assert.Equal(status.EventsProcessed, result.EventsProcessed);

        var listing = (await Grains.GetGrain<IRunRegistryGrain>(0).ListAsync()).Single(r => r.RunId == "experiment-test-run");
        Assert.Equal("finished", listing.State);
        Assert.Equal(3, listing.Replications);
    }

    [Fact]
    public async Task A_cancelled_experiment_stops_and_gives_no_result()
    {
        var experiment = Grains.GetGrain<IExperimentGrain>("experiment-test-cancel");
        await experiment.SubmitAsync(await RequestAsync(seed: 3, days: 3650, replications: 2, chunk: 60));
        var cancelled = await experiment.CancelAsync();
        Assert.Equal(ExperimentState.Cancelled, cancelled!.State);
        var at = await Grains.GetGrain<IScenarioGrain>("experiment-test-cancel-r0").GetProgressAsync();
        await Task.Delay(500);
        Assert.Equal(at.SimulatedMinute, (await Grains.GetGrain<IScenarioGrain>("experiment-test-cancel-r0").GetProgressAsync()).SimulatedMinute);
        Assert.False(at.IsFinished);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => experiment.GetResultAsync());
        Assert.Contains("cancelled", error.Message);
        Assert.Equal(ExperimentState.Cancelled, (await experiment.GetStatusAsync())!.State);
    }

    [Fact]
    public async Task An_unknown_experiment_has_no_status_and_a_missing_scenario_fails_it()
    {
        Assert.Null(await Grains.GetGrain<IExperimentGrain>("experiment-test-none").GetStatusAsync());
        var experiment = Grains.GetGrain<IExperimentGrain>("experiment-test-missing");
        var request = new ExperimentRequest("sha256-missing", "x", 1, 1, 1, 0, 1440, false);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => experiment.SubmitAsync(request));
        Assert.Contains("not stored", error.Message);
        var status = await experiment.GetStatusAsync();
        Assert.Equal(ExperimentState.Failed, status!.State);
        Assert.Contains("not stored", status.Error);
    }
}
