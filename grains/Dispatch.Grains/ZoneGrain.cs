using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>
/// A zone of one run: how many incidents it has seen, how fast they were reached, and the most
/// recent ones (newest last).
/// </summary>
public sealed class ZoneGrain(
    [PersistentState("zone", StorageNames.Dispatch)] IPersistentState<ZoneGrainState> state) : Grain, IZoneGrain
{
    /// <summary>How many recent incidents a zone keeps for queries.</summary>
    public const int RecentLimit = 50;

    public async Task UpdateAsync(ZoneUpdate update, bool persist)
    {
        var s = state.State;
        s.RunId = update.RunId;
        s.ZoneId = update.ZoneId;
        s.Kind = update.Kind;
        s.AtMinute = update.AtMinute;
        foreach (var incident in update.Incidents)
        {
            var previous = s.Recent.FindIndex(r => r.Id == incident.Id);
            if (s.SeenIds.Add(incident.Id))
            {
                s.Incidents++;
            }
            if (!double.IsNaN(incident.ArrivedAt) && s.AttendedIds.Add(incident.Id))
            {
                s.Attended++;
                s.ResponseMinutesSum += incident.ArrivedAt - incident.CreatedAt;
            }
            if (previous >= 0)
            {
                s.Recent[previous] = incident;
            }
            else
            {
                s.Recent.Add(incident);
            }
        }
        if (s.Recent.Count > RecentLimit)
        {
            s.Recent.RemoveRange(0, s.Recent.Count - RecentLimit);
        }
        if (persist)
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ZoneView?> GetAsync()
    {
        var s = state.State;
        return Task.FromResult<ZoneView?>(s.ZoneId is null ? null
            : new ZoneView(s.RunId!, s.ZoneId, s.Kind!, s.AtMinute, s.Incidents, s.Attended,
                s.Attended > 0 ? s.ResponseMinutesSum / s.Attended : double.NaN, s.Recent.ToList()));
    }
}

[GenerateSerializer, Alias("Dispatch.ZoneGrainState")]
public sealed class ZoneGrainState
{
    [Id(0)] public string? RunId { get; set; }
    [Id(1)] public string? ZoneId { get; set; }
    [Id(2)] public string? Kind { get; set; }
    [Id(3)] public double AtMinute { get; set; }
    [Id(4)] public int Incidents { get; set; }
    [Id(5)] public int Attended { get; set; }
    [Id(6)] public double ResponseMinutesSum { get; set; }
    [Id(7)] public List<IncidentView> Recent { get; set; } = [];
    [Id(8)] public HashSet<int> SeenIds { get; set; } = [];
    [Id(9)] public HashSet<int> AttendedIds { get; set; } = [];
}
