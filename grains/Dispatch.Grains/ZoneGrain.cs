using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;

namespace Dispatch.Grains;

/// <summary>
/// A zone of one replication, with its own persisted history. It counts its incidents itself from
/// the batches its replication sends: a new incident (an id above the highest seen) by hour of day
/// and type; an open one when it is attended (its response time) or closed. A batch repeated after
/// a failure (the replication replays and sends everything again) changes nothing.
/// </summary>
public sealed class ZoneGrain(
    [PersistentState("zone", StorageNames.Dispatch)] IPersistentState<ZoneGrainState> state) : Grain, IZoneGrain
{
    /// <summary>How many recent incidents the zone keeps (newest last).</summary>
    public const int RecentLimit = 50;

    public async Task<ZoneView?> GetAsync()
    {
        await TakeFinalBatchAsync();
        var s = state.State;
        if (s.Kind is null)
        {
            return null;
        }
        var (runId, zoneId) = GrainKeys.Split(this.GetPrimaryKeyString());
        return new ZoneView(runId, zoneId, s.Kind, s.AtMinute, s.Incidents, s.Attended,
            s.Attended > 0 ? s.ResponseSum / s.Attended : double.NaN, [.. s.Recent], [.. s.IncidentsByHour],
            new Dictionary<string, int>(s.IncidentsByType), s.VisibilityRate, s.CoveredMinutes, [.. s.PresenceMinutesByHour], s.CurrentRisk, s.Final);
    }

    public async Task<CommandReply> CommandAsync(string line, string console)
    {
        await TakeFinalBatchAsync();
        return await ActorCommands.TakeAsync(GrainFactory, this.GetPrimaryKeyString(), "zone", state.State.Kind is not null, state.State.Final,
            line, console, state.State.Commands, () => state.WriteStateAsync());
    }

    public Task<IReadOnlyList<CommandEntry>> GetCommandsAsync() => Task.FromResult<IReadOnlyList<CommandEntry>>([.. state.State.Commands]);

    /// <summary>
    /// A zone never fed takes the batch its batch replication stored for it at its end, if any (the
    /// replication stores one batch for all its grains rather than calling each: ScenarioGrain.Actors.cs).
    /// </summary>
    private async Task TakeFinalBatchAsync()
    {
        if (state.State.Kind is not null)
        {
            return;
        }
        var (runId, zoneId) = GrainKeys.Split(this.GetPrimaryKeyString());
        if (await GrainFactory.GetGrain<IScenarioGrain>(runId).GetFinalZoneFeedAsync(zoneId) is { } feed)
        {
            await FeedAsync(feed);
        }
    }

    public async Task FeedAsync(ZoneFeed feed)
    {
        var s = state.State;
        if (feed.AtMinute < s.AtMinute)
        {
            return; // an older batch (a replay still catching up)
        }
        s.Kind = feed.Kind;
        if (feed.Retired is { } retired && s.LastId < 0 && s.Incidents == 0)
        {
            // The incidents the kernel no longer holds, as counts (never counted here before).
            s.LastId = retired.Before - 1;
            s.Incidents = retired.Incidents;
            s.Attended = retired.Attended;
            s.ResponseSum = retired.ResponseSum;
            s.IncidentsByHour = [.. retired.ByHour];
            s.IncidentsByType = new Dictionary<string, int>(retired.ByType);
        }
        foreach (var item in feed.Incidents.OrderBy(i => i.Incident.Id))
        {
            Take(s, item);
        }
        var hour = (int)Math.Floor(feed.AtMinute / 60 % 24);
        s.PresenceMinutesByHour[Math.Clamp(hour, 0, 23)] += Math.Max(0, feed.CoveredMinutes - s.CoveredMinutes);
        s.CoveredMinutes = Math.Max(s.CoveredMinutes, feed.CoveredMinutes);
        s.VisibilityRate = feed.VisibilityRate;
        s.CurrentRisk = feed.CurrentRisk;
        s.AtMinute = feed.AtMinute;
        s.Final = feed.Final;
        await state.WriteStateAsync();
    }

    /// <summary>Counts a new incident, or the attendance or closing of an open one; keeps the recent list.</summary>
    private static void Take(ZoneGrainState s, ZoneIncident item)
    {
        var incident = item.Incident;
        if (incident.Id > s.LastId)
        {
            s.LastId = incident.Id;
            if (item.Counted)
            {
                s.Incidents++;
                s.IncidentsByHour[item.HourOfDay]++;
                s.IncidentsByType[incident.Type] = s.IncidentsByType.GetValueOrDefault(incident.Type) + 1;
                s.Open.Add(incident.Id);
            }
        }
        if (s.Open.Contains(incident.Id) && !double.IsNaN(incident.ArrivedAt))
        {
            s.Attended++;
            s.ResponseSum += incident.ArrivedAt - incident.CreatedAt;
            s.Open.Remove(incident.Id);
        }
        else if (item.Closed)
        {
            s.Open.Remove(incident.Id);
        }
        var at = s.Recent.FindIndex(r => r.Id == incident.Id);
        if (at >= 0)
        {
            s.Recent[at] = incident;
        }
        else if (s.Recent.Count < RecentLimit || incident.Id > s.Recent[0].Id)
        {
            s.Recent.Add(incident);
            s.Recent.Sort((a, b) => a.Id.CompareTo(b.Id));
            if (s.Recent.Count > RecentLimit)
            {
                s.Recent.RemoveAt(0);
            }
        }
    }
}

/// <summary>A zone grain's persisted history.</summary>
[GenerateSerializer, Alias("Dispatch.ZoneGrainState")]
public sealed class ZoneGrainState
{
    [Id(0)] public string? Kind { get; set; }
    [Id(1)] public double AtMinute { get; set; }
    [Id(2)] public int LastId { get; set; } = -1;
    [Id(3)] public HashSet<int> Open { get; set; } = [];
    [Id(4)] public int Incidents { get; set; }
    [Id(5)] public int Attended { get; set; }
    [Id(6)] public double ResponseSum { get; set; }
    [Id(7)] public int[] IncidentsByHour { get; set; } = new int[24];
    [Id(8)] public Dictionary<string, int> IncidentsByType { get; set; } = [];
    [Id(9)] public List<LiveIncident> Recent { get; set; } = [];
    [Id(10)] public double? VisibilityRate { get; set; }
    [Id(11)] public double CoveredMinutes { get; set; }
    [Id(12)] public double[] PresenceMinutesByHour { get; set; } = new double[24];
    [Id(13)] public double CurrentRisk { get; set; }
    [Id(14)] public bool Final { get; set; }
    [Id(15)] public List<CommandEntry> Commands { get; set; } = [];
}
