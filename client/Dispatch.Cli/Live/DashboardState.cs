using System.Globalization;
using Dispatch.Abstractions.Live;

namespace Dispatch.Cli.Live;

/// <summary>
/// What a watcher knows about a live run: the static district, every unit, open incidents, the
/// feed of events and the latest figures. Built from a snapshot (whose recent incidents start the
/// feed), then updated batch by batch; a resynchronised state keeps the feed it had.
/// </summary>
public sealed class DashboardState
{
    private readonly Dictionary<int, LiveIncident> _incidents = [];
    private readonly FeedText _text;

    public DashboardState(LiveSnapshot snapshot)
        : this(snapshot, null)
    {
    }

    private DashboardState(LiveSnapshot snapshot, FeedLog? log)
    {
        Info = snapshot.Info;
        _text = new FeedText(Info);
        Units = new LiveUnit[Info.UnitIds.Count];
        Latest = snapshot.State;
        Log = log ?? new FeedLog();
        Apply(snapshot.State, initial: true, feed: log is null);
    }

    public LiveScenarioInfo Info { get; }

    public LiveUnit?[] Units { get; }

    public LiveBatch Latest { get; private set; }

    /// <summary>False when a batch was missed (sequence gap): the watcher should re-subscribe for a fresh snapshot.</summary>
    public bool InSync { get; private set; } = true;

    /// <summary>The feed: lines and counts per interval.</summary>
    public FeedLog Log { get; }

    /// <summary>The latest feed lines' text, oldest first.</summary>
    public IReadOnlyList<string> Feed => Log.Entries.Select(e => e.Text).ToList();

    public IEnumerable<LiveIncident> OpenIncidents => _incidents.Values.Where(i => double.IsNaN(i.ClearedAt) && i.Outcome != "Diverted");

    /// <summary>Lines for the feed produced by the last batch (for plain output).</summary>
    public List<string> LastLines { get; } = [];

    /// <summary>
    /// A state from a fresh snapshot (after a missed batch) that keeps this state's feed; a snapshot
    /// from earlier in the run (a replay that jumped back) starts the feed again from its own incidents.
    /// </summary>
    public DashboardState Resync(LiveSnapshot snapshot) =>
        snapshot.State.SimulatedMinute < Latest.SimulatedMinute ? new(snapshot) : new(snapshot, Log.Copy());

    public void Apply(LiveBatch batch) => Apply(batch, initial: false, feed: true);

    /// <summary>The simulated date and time of a minute of the run.</summary>
    public string Clock(double minute) => Info.Start.AddMinutes(minute).ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private void Apply(LiveBatch batch, bool initial, bool feed)
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
        var entries = new List<FeedEntry>();
        var counts = new List<(double, FeedKind, int)>();
        var was = Units.Select(u => u?.Status).ToArray();
        var on = new List<int>();
        var off = new List<int>();
        foreach (var unit in batch.Units)
        {
            var before = Units[unit.Index];
            Units[unit.Index] = unit;
            if (initial || before is null)
            {
                continue;
            }
            if (_text.Unit(before, unit, batch.SimulatedMinute) is { } entry)
            {
                entries.Add(entry);
            }
            if ((before.Status == "OffShift") != (unit.Status == "OffShift"))
            {
                (unit.Status == "OffShift" ? off : on).Add(unit.Index);
            }
        }
        foreach (var (list, isOn) in new[] { (on, true), (off, false) }.Where(p => p.Item1.Count > 0))
        {
            entries.Add(_text.Shift(list, isOn, batch.SimulatedMinute));
            counts.Add((batch.SimulatedMinute, isOn ? FeedKind.OnDuty : FeedKind.OffDuty, list.Count));
        }
        var index = Info.UnitIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        foreach (var incident in batch.Incidents)
        {
            _incidents.TryGetValue(incident.Id, out var before);
            _incidents[incident.Id] = incident;
            var unitWas = incident.Unit is { } u && index.TryGetValue(u, out var k) ? was[k] : null;
            entries.AddRange(_text.Incident(before, incident, unitWas, batch.Kpis.QueueLength, batch.SimulatedMinute));
        }
        var ordered = entries.OrderBy(e => e.At).ToList();
        ordered.AddRange((batch.Commands ?? []).Select(c => new FeedEntry(batch.SimulatedMinute, FeedKind.Command, c)));
        if (feed)
        {
            Log.Add(ordered, counts, history: initial);
            LastLines.AddRange(initial ? [] : ordered.Select(e => e.Text));
        }
        foreach (var closed in _incidents.Values.Where(i => !double.IsNaN(i.ClearedAt) || i.Outcome == "Diverted").Select(i => i.Id).ToList())
        {
            _incidents.Remove(closed);
        }
    }
}
