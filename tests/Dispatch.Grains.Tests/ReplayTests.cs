using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains.Tests;

/// <summary>A replay: a live run of a command log, which takes no commands, seeks both ways and ends as the run it plays.</summary>
[Collection(LiveClusterCollection.Name)]
public sealed class ReplayTests(LiveClusterFixture fixture)
{
    private static readonly string Json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));

    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_replay_seeks_forwards_and_backwards_and_finishes_with_the_report_of_the_batch_run()
    {
        var log = CommandLogFile.Write([new CommandRecord(new KernelCommand(300, CommandKind.Alert) { Zone = "bar-street" }, new CommandOutcome(true, ""))]);
        var request = new RunRequest(await Documents.StoreAsync(Client, Json), 8, 0, 1, Commands: log);
        var batch = Client.GetGrain<IScenarioGrain>("replay-batch");
        await batch.StartAsync(request);
        await batch.AdvanceAsync(1440);
        var expected = await batch.GetResultAsync();

        var replay = Client.GetGrain<IScenarioGrain>("replay-live");
        await replay.StartLiveAsync(request, 1);
        Assert.Equal("a replay plays its command log again and takes no new commands", (await replay.CommandAsync("alert bar-street", "x")).Message);
        Assert.Equal(900, (await replay.SeekAsync(900)).SimulatedMinute);
        Assert.Equal(120, (await replay.SeekAsync(120)).SimulatedMinute);
        Assert.Equal(1440, (await replay.SeekAsync(5000)).SimulatedMinute);
        Assert.True((await replay.GetProgressAsync()).IsFinished);

        var played = await replay.GetResultAsync();
        Assert.Equal(expected.ReportJson, played.ReportJson);
        Assert.Equal(await IncidentRowsTransfer.ReadTextAsync(Client, expected.IncidentRows!), await IncidentRowsTransfer.ReadTextAsync(Client, played.IncidentRows!));
        var source = await replay.GetReplaySourceAsync();
        Assert.Null(source.Request.Commands);
        Assert.Equal(expected.CommandLog, source.CommandLog);
        Assert.Contains("alert in bar-street", source.CommandLog);
    }

    [Fact]
    public async Task A_live_run_that_is_not_a_replay_cannot_seek()
    {
        var run = Client.GetGrain<IScenarioGrain>("replay-not");
        await run.StartLiveAsync(new RunRequest(await Documents.StoreAsync(Client, Json), 9, 0, 1), 60);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.SeekAsync(100));
        Assert.Contains("only a replay can seek", error.Message);
        await run.ControlAsync(LiveCommand.Stop);
    }
}
