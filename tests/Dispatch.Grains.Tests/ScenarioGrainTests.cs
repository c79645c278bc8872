using System.Text;
using Dispatch.Abstractions;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ScenarioGrainTests(ClusterFixture fixture)
{
    private static readonly string ScenarioJsonText =
        ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));

    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task A_run_through_the_grains_gives_the_kernel_report_exactly()
    {
        var grain = Grains.GetGrain<IScenarioGrain>("grain-test-report");
        var progress = await grain.StartAsync(new RunRequest(await Documents.StoreAsync(Grains, ScenarioJsonText), 11, 0, 3));
        Assert.Equal(3 * 1440, progress.EndMinute);
        while (!progress.IsFinished)
        {
            progress = await grain.AdvanceAsync(progress.SimulatedMinute + 500);
        }
        var result = await grain.GetResultAsync();

        var sim = new Simulator(ScenarioBuilder.Build(ScenarioJson.Parse(ScenarioJsonText, "test")), 11, 0, 3);
        sim.RunToEnd();
        Assert.Equal(ReportJson.Serialize(ReportBuilder.Build(sim)), result.ReportJson);
        // The test cluster's client is another process as far as Orleans is concerned: the report
        // travels as its text, and the object is read back from it.
        Assert.Null(result.Report);
        Assert.Equal(result.ReportJson, ReportJson.Serialize(result.ReadReport()));
        var atEnd = new StringBuilder(CsvWriters.IncidentsHeader).Append('\n');
        CsvWriters.AppendIncidents(atEnd, sim);
        // The rows are not in the result: it says where the silo wrote them (read here, and through the grain).
        Assert.Equal(Encoding.UTF8.GetByteCount(atEnd.ToString()), result.IncidentRows!.Bytes);
        Assert.Equal(atEnd.ToString(), await IncidentRowsTransfer.ReadTextAsync(Grains, result.IncidentRows));
        Assert.Equal(atEnd.ToString(), await IncidentRowsTransfer.ReadTextAsync(Grains, result.IncidentRows, local: false));
        Assert.Equal(sim.EventsProcessed, progress.EventsProcessed);
    }

    [Fact]
    public async Task Zone_and_unit_grains_hold_the_state_of_the_run_mid_way()
    {
        const string runId = "grain-test-midway";
        var grain = Grains.GetGrain<IScenarioGrain>(runId);
        await grain.StartAsync(new RunRequest(await Documents.StoreAsync(Grains, ScenarioJsonText), 5, 0, 2));
        var at = await grain.AdvanceAsync(1000);
        Assert.Equal(1000, at.SimulatedMinute);
        Assert.False(at.IsFinished);

        var sim = new Simulator(ScenarioBuilder.Build(ScenarioJson.Parse(ScenarioJsonText, "test")), 5, 0, 2);
        sim.RunUntil(1000);
        foreach (var unit in sim.Units)
        {
            var view = await Grains.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, unit.Spec.Id)).GetAsync();
            Assert.NotNull(view);
            Assert.Equal(unit.Status.ToString(), view.Status);
            Assert.Equal(unit.Dispatches, view.Dispatches);
            Assert.Equal(unit.PositionAt(1000).X, view.X, 6);
        }
        foreach (var zone in sim.Scenario.Zones)
        {
            var mine = sim.Incidents.Where(i => i.Zone == zone.Index).ToList();
            var view = await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, zone.Id)).GetAsync();
            Assert.NotNull(view);
            Assert.Equal(zone.Id, view.ZoneId);
            Assert.Equal(1000, view.AtMinute);
            Assert.Equal(mine.Count, view.Incidents);
            Assert.Equal(mine.Count(i => i.IsAttended), view.Attended);
            Assert.Equal(mine.TakeLast(50).Select(i => i.Id), view.Recent.Select(r => r.Id));
            var attended = mine.Where(i => i.IsAttended).ToList();
            if (attended.Count > 0)
            {
                Assert.Equal(attended.Average(i => i.ArrivedAt - i.CreatedAt), view.ResponseMinutesMean, 9);
            }
        }

        // The views follow the run: after more simulated time a zone shows the incidents added since.
        await grain.AdvanceAsync(2000);
        sim.RunUntil(2000);
        var busiest = sim.Scenario.Zones.MaxBy(z => sim.Incidents.Count(i => i.Zone == z.Index))!;
        var later = await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, busiest.Id)).GetAsync();
        Assert.Equal(sim.Incidents.Count(i => i.Zone == busiest.Index), later!.Incidents);
        Assert.Equal(2000, later.AtMinute);
    }

    [Fact]
    public async Task Replications_share_one_stored_scenario_text_keyed_by_its_hash()
    {
        await Grains.GetGrain<IScenarioGrain>("grain-test-doc-r0").StartAsync(new RunRequest(await Documents.StoreAsync(Grains, ScenarioJsonText), 4, 0, 1));
        await Grains.GetGrain<IScenarioGrain>("grain-test-doc-r1").StartAsync(new RunRequest(await Documents.StoreAsync(Grains, ScenarioJsonText), 4, 1, 1));
        var key = IScenarioDocumentGrain.KeyOf(ScenarioJsonText);
        Assert.StartsWith("sha256-", key);
        Assert.Equal(71, key.Length);
        Assert.Equal(ScenarioJsonText, await Grains.GetGrain<IScenarioDocumentGrain>(key).GetAsync());
        Assert.NotEqual(key, IScenarioDocumentGrain.KeyOf(ScenarioJsonText + " "));
        Assert.Null(await Grains.GetGrain<IScenarioDocumentGrain>("sha256-unknown").GetAsync());
        var wrong = await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<IScenarioDocumentGrain>("sha256-00").StoreAsync(ScenarioJsonText));
        Assert.Contains("does not hash to", wrong.Message);
    }

    [Fact]
    public async Task Unknown_zones_units_and_runs_have_no_view()
    {
        const string runId = "grain-test-unknown";
        Assert.Null(await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, "mall")).GetAsync());
        await Grains.GetGrain<IScenarioGrain>(runId).StartAsync(new RunRequest(await Documents.StoreAsync(Grains, ScenarioJsonText), 5, 0, 1));
        await Grains.GetGrain<IScenarioGrain>(runId).AdvanceAsync(720);
        Assert.Null(await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, "no-such-zone")).GetAsync());
        Assert.Null(await Grains.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, "no-such-unit")).GetAsync());
        Assert.NotNull(await Grains.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, "mall")).GetAsync());
    }

    [Fact]
    public async Task Runs_are_isolated_by_key_and_start_is_idempotent()
    {
        var a = Grains.GetGrain<IScenarioGrain>("grain-test-iso-a");
        var b = Grains.GetGrain<IScenarioGrain>("grain-test-iso-b");
        var requestA = new RunRequest(await Documents.StoreAsync(Grains, ScenarioJsonText), 1, 0, 1);
        await a.StartAsync(requestA);
        await b.StartAsync(new RunRequest(await Documents.StoreAsync(Grains, ScenarioJsonText), 2, 0, 1));
        var pa = await a.AdvanceAsync(1440);
        var pb = await b.AdvanceAsync(1440);
        Assert.True(pa.IsFinished && pb.IsFinished);
        Assert.NotEqual(await IncidentRowsTransfer.ReadTextAsync(Grains, (await a.GetResultAsync()).IncidentRows!), await IncidentRowsTransfer.ReadTextAsync(Grains, (await b.GetResultAsync()).IncidentRows!));
        Assert.Equal(pa.EventsProcessed, (await a.StartAsync(requestA)).EventsProcessed);
        await Assert.ThrowsAnyAsync<Exception>(() => a.StartAsync(requestA with { Seed = 99 }));
    }

    [Fact]
    public async Task Result_is_refused_before_the_run_has_finished()
    {
        var grain = Grains.GetGrain<IScenarioGrain>("grain-test-unfinished");
        await grain.StartAsync(new RunRequest(await Documents.StoreAsync(Grains, ScenarioJsonText), 1, 0, 2));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => grain.GetResultAsync());
        Assert.Contains("has not finished", error.Message);
    }
}
