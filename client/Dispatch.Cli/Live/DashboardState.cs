using System.Globalization;
using Dispatch.Abstractions.Live;

namespace Dispatch.Cli.Live;

/// <summary>
/// What a watcher knows about a live run: the static district, every unit, open incidents, the
/// rolling feed of events and the latest figures. Built from a snapshot, then updated batch by batch.
/// </summary>
public sealed class DashboardState
{
    public const int FeedLength = 12;

    private readonly Dictionary<int, LiveIncident> _incidents = [];
    private readonly List<string> _feed = [];

    public DashboardState(LiveSnapshot snapshot)
    {
        Info = snapshot.Info;
        Units = new LiveUnit[Info.UnitIds.Count];
        Latest = snapshot.State;
        Apply(snapshot.State, initial: true);
    }

    public LiveScenarioInfo Info { get; }

    public LiveUnit?[] Units { get; }

    public LiveBatch Latest { get; private set; }

    /// <summary>False when a batch was missed (sequence gap): the watcher should re-subscribe for a fresh snapshot.</summary>
    public bool InSync { get; private set; } = true;

    public IReadOnlyList<string> Feed => _feed;

    public IEnumerable<LiveIncident> OpenIncidents => _incidents.Values.Where(i => double.IsNaN(i.ClearedAt) && i.Outcome != "Diverted");

    /// <summary>Lines for the feed produced by the last batch (for plain output).</summary>
    public List<string> LastLines { get; } = [];

    public void Apply(LiveBatch batch, bool initial = false)
    {
        LastLines.Clear();
        if (!initial && batch.Sequence != Latest.Sequence + 1 && batch.Sequence > Latest.Sequence)
        {
            InSync = false;
        }
        if (!initial && batch.Sequence <= Latest.Sequence)
        {
            return;
        }
        Latest = batch;
        foreach (var unit in batch.Units)
        {
            Units[unit.Index] = unit;
        }
        var lines = new List<(double At, string Text)>();
        foreach (var incident in batch.Incidents)
        {
            _incidents.TryGetValue(incident.Id, out var before);
            _incidents[incident.Id] = incident;
            if (!initial)
            {
                lines.AddRange(Transitions(before, incident));
            }
        }
        LastLines.AddRange(lines.OrderBy(l => l.At).Select(l => l.Text));
        LastLines.AddRange(batch.Commands ?? []);
        foreach (var line in LastLines)
        {
            _feed.Add(line);
        }
        if (_feed.Count > FeedLength)
        {
            _feed.RemoveRange(0, _feed.Count - FeedLength);
        }
        foreach (var closed in _incidents.Values.Where(i => !double.IsNaN(i.ClearedAt) || i.Outcome == "Diverted").Select(i => i.Id).ToList())
        {
            _incidents.Remove(closed);
        }
    }

    /// <summary>The simulated date and time of a minute of the run.</summary>
    public string Clock(double minute) => Info.Start.AddMinutes(minute).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private IEnumerable<(double At, string Text)> Transitions(LiveIncident? before, LiveIncident now)
    {
        var what = $"#{now.Id} {now.Type} P{now.Priority} in {now.Zone}";
        if (before is null)
        {
            yield return (now.CreatedAt, $"{Time(now.CreatedAt)} new {what}" + (now.DiscoveredOnView ? " (found on view)" : ""));
        }
        if (!double.IsNaN(now.DispatchedAt) && (before is null || double.IsNaN(before.DispatchedAt)))
        {
            yield return (now.DispatchedAt, string.Create(CultureInfo.InvariantCulture,
                $"{Time(now.DispatchedAt)} {now.Unit} sent to #{now.Id} from ({now.FromX:0}, {now.FromY:0}), ETA {Time(now.EtaAt)} ({now.EtaAt - now.DispatchedAt:0.0} min)"));
        }
        if (!double.IsNaN(now.ArrivedAt) && (before is null || double.IsNaN(before.ArrivedAt)))
        {
            yield return (now.ArrivedAt, string.Create(CultureInfo.InvariantCulture, $"{Time(now.ArrivedAt)} {now.Unit} on scene at #{now.Id} after {now.ArrivedAt - now.CreatedAt:0.0} min"));
        }
        if (!double.IsNaN(now.ClearedAt) && (before is null || double.IsNaN(before.ClearedAt)))
        {
            yield return (now.ClearedAt, $"{Time(now.ClearedAt)} #{now.Id} cleared by {now.Unit}");
        }
        if (now.Outcome == "Diverted" && before?.Outcome != "Diverted")
        {
            yield return (now.CreatedAt, $"{Time(now.CreatedAt)} #{now.Id} diverted: no unit free");
        }
    }

    private string Time(double minute) => Info.Start.AddMinutes(minute).ToString("HH:mm", CultureInfo.InvariantCulture);
}
