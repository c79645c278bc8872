namespace Dispatch.Model.Simulation;

/// <summary>Kinds of events in the kernel (closed vocabulary).</summary>
public enum EventKind : byte
{
    /// <summary>A candidate arrival of the thinned Poisson process of a zone.</summary>
    ZoneCandidate,
    UnitArrives,
    UnitClears,
    UnitBackAtBase,
    ShiftStarts,
    ShiftEnds,
    /// <summary>A patrol, check or school-post leg (travel or dwell) ends.</summary>
    UnitLegEnds,
    /// <summary>A patrolling unit crosses into a zone (Incident holds the zone).</summary>
    ZoneEnter,
    /// <summary>A patrolling unit crosses out of a zone (Incident holds the zone).</summary>
    ZoneExit,
    Replan,
    SchoolWindowStarts,
    SchoolWindowEnds,
    Escalation,
    /// <summary>The end of the warm-up period.</summary>
    StatisticsStart,
}

/// <summary>A scheduled event. <see cref="Version"/> lets a unit's superseded events be ignored.</summary>
public readonly record struct SimEvent(EventKind Kind, int Subject, int Incident, int Version);

/// <summary>
/// Future event list ordered by time, then by scheduling order, so simultaneous events are processed
/// in a reproducible order.
/// </summary>
public sealed class EventQueue
{
    private readonly PriorityQueue<SimEvent, (double Time, long Sequence)> _queue = new(new TimeThenSequence());
    private long _sequence;

    public int Count => _queue.Count;

    public void Schedule(double time, SimEvent e) => _queue.Enqueue(e, (time, _sequence++));

    public bool TryPeekTime(out double time)
    {
        if (_queue.TryPeek(out _, out var key))
        {
            time = key.Time;
            return true;
        }
        time = double.PositiveInfinity;
        return false;
    }

    public SimEvent Dequeue(out double time)
    {
        _queue.TryDequeue(out var e, out var key);
        time = key.Time;
        return e;
    }

    private sealed class TimeThenSequence : IComparer<(double Time, long Sequence)>
    {
        public int Compare((double Time, long Sequence) x, (double Time, long Sequence) y)
        {
            var c = x.Time.CompareTo(y.Time);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
