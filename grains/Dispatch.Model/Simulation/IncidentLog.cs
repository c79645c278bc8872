
namespace Dispatch.Model.Simulation;

/// <summary>
/// The run's incidents by id (the order they were created in), those changed since the last drain
/// (for batched grain updates), and their retirement: once an incident and every one before it is
/// final (cleared or diverted: the kernel never changes it again), it is folded into the run's
/// <see cref="IncidentTotals"/> and dropped, so the kernel holds only the incidents from the oldest
/// open one on (docs/performance.md, "Memory of long runs"). Retirement happens after every event,
/// so it does not depend on how a run is cut into chunks.
/// </summary>
internal sealed class IncidentLog(IncidentTotals totals, bool keepAll)
{
    /// <summary>How many finished incidents are remembered for a live snapshot.</summary>
    public const int RecentLimit = 20;

    private readonly List<IncidentRecord>? _all = keepAll ? [] : null;
    private readonly List<IncidentRecord> _window = [];
    private readonly List<IncidentRecord> _touched = [];
    private readonly Queue<IncidentRecord> _recent = new();
    private readonly CompactList<double> _endAt = new();
    private readonly CompactList<byte> _endOutcome = new();
    private FinishedIncident[]? _recentByZone;
    private int[] _recentCount = [];
    private int _recentPerZone;
    private List<IncidentRecord>? _retiredSink;
    private int _head;
    private int _base;

    /// <summary>Every incident, when the log was made to keep them all (tests, the history writer); else null.</summary>
    public IReadOnlyList<IncidentRecord>? All => _all;

    /// <summary>How many incidents there are (the id of the next one).</summary>
    public int Count => _base + _window.Count;

    /// <summary>How many incidents are retired (ids below this one).</summary>
    public int Retired => _base + _head;

    /// <summary>The retired incidents folded in (counted ones only).</summary>
    public IncidentTotals Totals => totals;

    /// <summary>The incidents not retired, in id order.</summary>
    public IEnumerable<IncidentRecord> Unretired
    {
        get
        {
            for (var k = _head; k < _window.Count; k++)
            {
                yield return _window[k];
            }
        }
    }

    /// <summary>The last <see cref="RecentLimit"/> retired incidents, in id order.</summary>
    public IReadOnlyCollection<IncidentRecord> RecentRetired => _recent;

    /// <summary>An incident not yet retired (the kernel only looks up those).</summary>
    public IncidentRecord this[int id] => id >= Retired ? _window[id - _base]
        : throw new InvalidOperationException($"incident #{id} is retired");

    /// <summary>The incident if it is not retired.</summary>
    public bool TryGet(int id, out IncidentRecord incident)
    {
        incident = id >= Retired && id < Count ? _window[id - _base] : null!;
        return incident is not null;
    }

    /// <summary>How a retired incident ended: its outcome (cleared or diverted) and when.</summary>
    public (IncidentOutcome Outcome, double At) EndOf(int id) => ((IncidentOutcome)_endOutcome[id], _endAt[id]);

    /// <summary>Keeps the last <paramref name="limit"/> retired incidents of every zone (for the zone grains' recent lists).</summary>
    public void KeepRecentPerZone(int zones, int limit)
    {
        _recentByZone = new FinishedIncident[zones * limit];
        _recentCount = new int[zones];
        _recentPerZone = limit;
    }

    /// <summary>The last retired incidents of a zone, in id order (none unless <see cref="KeepRecentPerZone"/>).</summary>
    public IEnumerable<FinishedIncident> RecentRetiredIn(int zone)
    {
        if (_recentByZone is null)
        {
            yield break;
        }
        // A ring per zone: the oldest is at the next place to write once it is full.
        var count = _recentCount[zone];
        var kept = Math.Min(count, _recentPerZone);
        for (var k = count - kept; k < count; k++)
        {
            yield return _recentByZone[zone * _recentPerZone + k % _recentPerZone];
        }
    }

    /// <summary>From now on, collects the retired incidents for <see cref="DrainRetired"/> (the incidents.csv writer).</summary>
    public void CollectRetired() => _retiredSink ??= [];

    /// <summary>The incidents retired since the previous call, in id order.</summary>
    public List<IncidentRecord> DrainRetired()
    {
        var drained = _retiredSink ?? [];
        if (_retiredSink is not null)
        {
            _retiredSink = [];
        }
        return drained;
    }

    /// <summary>Adds a new incident (its id is <see cref="Count"/>), as changed.</summary>
    public void Add(IncidentRecord incident)
    {
        _window.Add(incident);
        _all?.Add(incident);
        Touch(incident);
    }

    /// <summary>Marks an incident as changed.</summary>
    public void Touch(IncidentRecord incident)
    {
        if (!incident.Touched)
        {
            incident.Touched = true;
            _touched.Add(incident);
        }
    }

    /// <summary>The incidents changed since the previous call, in the order of their first change.</summary>
    public List<IncidentRecord> DrainTouched()
    {
        var incidents = _touched.ToList();
        foreach (var incident in _touched)
        {
            incident.Touched = false;
        }
        _touched.Clear();
        return incidents;
    }

    /// <summary>Retires the final incidents at the front, in id order.</summary>
    public void Retire()
    {
        while (_head < _window.Count && IsFinal(_window[_head]))
        {
            var incident = _window[_head];
            totals.Add(incident);
            _endOutcome.Add((byte)incident.Outcome);
            _endAt.Add(incident.Diverted ? incident.CreatedAt : incident.ClearedAt);
            Remember(_recent, incident, RecentLimit);
            if (_recentByZone is not null)
            {
                _recentByZone[incident.Zone * _recentPerZone + _recentCount[incident.Zone]++ % _recentPerZone] = FinishedIncident.Of(incident);
            }
            _retiredSink?.Add(incident);
            _window[_head++] = null!;
        }
        if (_head >= 1024 && _head * 2 >= _window.Count)
        {
            _window.RemoveRange(0, _head);
            _base += _head;
            _head = 0;
        }
    }

    private static void Remember(Queue<IncidentRecord> recent, IncidentRecord incident, int limit)
    {
        recent.Enqueue(incident);
        if (recent.Count > limit)
        {
            recent.Dequeue();
        }
    }

    /// <summary>Cleared (no unit on it any more) or diverted: the kernel never changes it again.</summary>
    private static bool IsFinal(IncidentRecord incident) =>
        (incident.Diverted || !double.IsNaN(incident.ClearedAt)) && incident.UnitsBusy == 0 && !incident.InQueue;
}
