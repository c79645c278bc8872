using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;

namespace Dispatch.Grains.Tests;

/// <summary>
/// A duty officer's commands to a live run, through the unit and zone grains they concern; the run's
/// command log replayed in batch; one controller at a time (docs/live.md, "Commands").
/// </summary>
[Collection(LiveClusterCollection.Name)]
public sealed class CommandRunTests(LiveClusterFixture fixture)
{
    private static readonly string Json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(TestPaths.Scenario("small-town.json")));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task A_command_log_applied_in_batch_gives_the_report_of_the_live_run_it_came_from_byte_for_byte()
    {
        const string runId = "live-commands";
        var request = new RunRequest(await Documents.StoreAsync(Client, Json), 6, 0, 1);
        var run = Client.GetGrain<IScenarioGrain>(runId);
        await run.StartLiveAsync(request, 600);
        fixture.Clock.Advance(TimeSpan.FromSeconds(60)); // 600 simulated minutes
        await Until(async () => (await run.GetProgressAsync()).SimulatedMinute >= 600);
        await run.ControlAsync(LiveCommand.Pause);
        await Until(async () => await Client.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, "car-n-1")).GetAsync() is not null);

        var replies = new[]
        {
            await Client.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, "car-n-1")).CommandAsync("post car-n-1 night-market 30", "officer"),
            await Client.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, "bar-street")).CommandAsync("alert bar-street", "officer"),
            await Client.GetGrain<IZoneGrain>(GrainKeys.Zone(runId, "station-square")).CommandAsync("inject fight station-square 1", "officer"),
            await Client.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, "car-s-1")).CommandAsync("send car-s-1 99999", "officer"),
        };
        Assert.All(replies.Take(3), r => Assert.True(r.Applied, r.Message));
        Assert.StartsWith("no incident #99999 yet", replies[3].Message);
        var unknown = await Client.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, "nobody")).CommandAsync("release nobody", "officer");
        Assert.Equal($"unknown unit 'nobody' in run '{runId}' (or the run has not reported its units yet)", unknown.Message);
        var history = await Client.GetGrain<IUnitGrain>(GrainKeys.Unit(runId, "car-n-1")).GetCommandsAsync();
        Assert.Equal("post car-n-1 night-market 30", Assert.Single(history).Command);

        await run.ControlAsync(LiveCommand.Resume);
        fixture.Clock.Advance(TimeSpan.FromSeconds(100));
        await Until(async () => (await run.GetProgressAsync()).IsFinished);
        var live = await run.GetResultAsync();
        Assert.Equal("the run has finished", (await run.CommandAsync("alert bar-street", "officer")).Message);
        var log = CommandLogFile.Read(live.CommandLog!, "log", out _)!;
        Assert.Equal(4, log.Count);
        Assert.All(log, c => Assert.Equal(replies[0].AtMinute, c.At));

        var batch = Client.GetGrain<IScenarioGrain>("batch-commands");
        await batch.StartAsync(request with { Commands = live.CommandLog });
        Assert.Equal("a batch run takes no commands while it runs: give them with 'dispatch run --commands FILE'",
            (await batch.CommandAsync("alert bar-street", "officer")).Message);
        await batch.AdvanceAsync(1440);
        var replayed = await batch.GetResultAsync();
        Assert.Equal(live.ReportJson, replayed.ReportJson);
        Assert.Equal(await Csv(live), await Csv(replayed));
        Assert.Equal(live.CommandLog, replayed.CommandLog);

        var plain = Client.GetGrain<IScenarioGrain>("batch-no-commands");
        await plain.StartAsync(request);
        await plain.AdvanceAsync(1440);
        Assert.NotEqual(live.ReportJson, (await plain.GetResultAsync()).ReportJson);
    }

    [Fact]
    public async Task A_live_run_stopped_early_logs_the_stop_and_its_log_replays_to_the_same_report()
    {
        var request = new RunRequest(await Documents.StoreAsync(Client, Json), 11, 0, 1);
        var run = Client.GetGrain<IScenarioGrain>("live-stopped");
        await run.StartLiveAsync(request, 600);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30)); // 300 simulated minutes
        await Until(async () => (await run.GetProgressAsync()).SimulatedMinute >= 300);
        Assert.True((await run.CommandAsync("inject theft district", "officer")).Applied);
        Assert.True((await run.ControlAsync(LiveCommand.Stop)).Finished);
        var live = await run.GetResultAsync();
        var log = CommandLogFile.Read(live.CommandLog!, "log", out _)!;
        Assert.Equal(["inject theft district", "stop"], log.Select(c => c.Text));

        var batch = Client.GetGrain<IScenarioGrain>("batch-stopped");
        await batch.StartAsync(request with { Commands = live.CommandLog });
        Assert.True((await batch.AdvanceAsync(1440)).IsFinished);
        var replayed = await batch.GetResultAsync();
        Assert.Equal(live.ReportJson, replayed.ReportJson);
        Assert.Equal(await Csv(live), await Csv(replayed));
    }

    private Task<string> Csv(RunResult result) => IncidentRowsTransfer.ReadTextAsync(Client, result.IncidentRows!);

    [Fact]
    public async Task One_console_holds_control_at_a_time_and_a_second_is_refused()
    {
        var run = Client.GetGrain<IScenarioGrain>("live-control");
        await run.StartLiveAsync(new RunRequest(await Documents.StoreAsync(Client, Json), 7, 0, 1), 60);

        Assert.Equal(new ControlReply(true, "console-a"), await run.TakeControlAsync("console-a", true));
        Assert.Equal(new ControlReply(false, "console-a"), await run.TakeControlAsync("console-b", true));
        var refused = await run.CommandAsync("alert bar-street", "console-b");
        Assert.False(refused.Applied);
        Assert.Equal("console 'console-a' has control of this run", refused.Message);
        Assert.DoesNotContain("control", (await run.CommandAsync("alert bar-street", "console-a")).Message);
        var pause = await run.PaceAsync(LiveCommand.Pause, "console-b");
        Assert.Equal("console 'console-a' has control of this run", pause.Message);
        Assert.Equal("paused", (await run.PaceAsync(LiveCommand.Pause, "console-a")).Message);

        await run.TakeControlAsync("console-a", false);
        Assert.Equal(new ControlReply(true, "console-b"), await run.TakeControlAsync("console-b", true));
        await run.ControlAsync(LiveCommand.Stop);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached");
            }
            await Task.Delay(20);
        }
    }
}
