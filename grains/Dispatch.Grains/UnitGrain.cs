using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>
/// A unit of one replication, with its own persisted state: where it is and what it does at the
/// last batch, its dispatches, minutes by status, distance travelled and a status timeline that it
/// extends itself whenever a batch brings a new status (the last <see cref="TimelineLimit"/> changes).
/// </summary>
public sealed class UnitGrain(
    [PersistentState("unit", StorageNames.Dispatch)] IPersistentState<UnitGrainState> state) : Grain, IUnitGrain
{
    /// <summary>How many status changes the timeline keeps.</summary>
    public const int TimelineLimit = 500;

    public async Task<UnitView?> GetAsync()
    {
        await TakeFinalBatchAsync();
        if (state.State.Last is not { } f)
        {
            return null;
        }
        var (runId, unitId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return new UnitView(runId, unitId, f.Mode, f.Status, f.X, f.Y, f.AtMinute, f.Dispatches, f.CurrentIncident,
            f.Minutes, f.Utilisation, f.TravelledKm, [.. state.State.Timeline], f.Final);
    }

    public async Task<CommandReply> CommandAsync(string line, string console)
    {
        await TakeFinalBatchAsync();
        return await ActorCommands.TakeAsync(GrainFactory, this.GetPrimaryKeyString(), "unit", state.State.Last is not null, state.State.Last?.Final ?? false,
            line, console, state.State.Commands, () => state.WriteStateAsync());
    }

    /// <summary>A unit never fed takes the batch its batch replication stored for it at its end, if any (as a zone does).</summary>
    private async Task TakeFinalBatchAsync()
    {
        if (state.State.Last is not null)
        {
            return;
        }
        var (runId, unitId) = GrainKeys.Split(this.GetPrimaryKeyString());
        if (await GrainFactory.GetGrain<IScenarioGrain>(runId).GetFinalUnitFeedAsync(unitId) is { } feed)
        {
            await FeedAsync(feed);
        }
    }

    public Task<IReadOnlyList<CommandEntry>> GetCommandsAsync() => Task.FromResult<IReadOnlyList<CommandEntry>>([.. state.State.Commands]);

    public async Task FeedAsync(UnitFeed feed)
    {
        var s = state.State;
        if (s.Last is { } last && feed.AtMinute < last.AtMinute)
        {
            return; // an older batch (a replay still catching up)
        }
        if (s.Timeline.Count == 0 || s.Timeline[^1].Status != feed.Status)
        {
            s.Timeline.Add(new StatusChange(feed.AtMinute, feed.Status));
            if (s.Timeline.Count > TimelineLimit)
            {
                s.Timeline.RemoveAt(0);
            }
        }
        s.Last = feed;
        await state.WriteStateAsync();
    }
}

/// <summary>A unit grain's persisted state: the last batch and the status timeline.</summary>
[GenerateSerializer, Alias("Dispatch.UnitGrainState")]
public sealed class UnitGrainState
{
    [Id(0)] public UnitFeed? Last { get; set; }
    [Id(1)] public List<StatusChange> Timeline { get; set; } = [];
    [Id(2)] public List<CommandEntry> Commands { get; set; } = [];
}
