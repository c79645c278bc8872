using System.Runtime.CompilerServices;

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
    /// <summary>An incident's call handling is done: it is ready for dispatch (Incident holds its id).</summary>
    CallHandled,
    /// <summary>A unit's call-in ends (Version holds which call-in of the unit).</summary>
    CallInEnds,
}

/// <summary>A scheduled event. <see cref="Version"/> lets a unit's superseded events be ignored.</summary>
public readonly record struct SimEvent(EventKind Kind, int Subject, int Incident, int Version);

/// <summary>
/// Future event list ordered by time, then by scheduling order, so simultaneous events are processed
/// in a reproducible order.
/// </summary>
/// <remarks>
/// A binary min-heap of (time, sequence, event) entries in one array, compared inline: the keys are
/// unique (the sequence numbers are), so events come out in exactly the order any priority queue
/// with this comparison gives.
/// </remarks>
public sealed class EventQueue
{
    /// <summary>
    /// Subtracted from the sequence number of an entry whose time is NaN, whose time is then held as
    /// negative infinity: such entries come first, in scheduling order, as under
    /// <see cref="double.CompareTo(double)"/>, and <see cref="Before"/> needs no NaN case (the
    /// model never schedules one).
    /// </summary>
    private const long NaNFirst = 1L << 62;

    private Entry[] _heap = new Entry[256];
    private int _count;
    private long _sequence;

    public int Count => _count;

    public void Schedule(double time, SimEvent e)
    {
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }
        var entry = double.IsNaN(time)
            ? new Entry(double.NegativeInfinity, _sequence++ - NaNFirst, e)
            : new Entry(time, _sequence++, e);
        // Sift up: move the parents that come after the new entry down a level.
        var heap = _heap;
        var i = _count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Before(entry, heap[parent]))
            {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    public bool TryPeekTime(out double time)
    {
        if (_count > 0)
        {
            time = _heap[0].OriginalTime;
            return true;
        }
        time = double.PositiveInfinity;
        return false;
    }

    public SimEvent Dequeue(out double time)
    {
        if (_count == 0)
        {
            time = default;
            return default;
        }
        var heap = _heap;
        var first = heap[0];
        var last = heap[--_count];
        heap[_count] = default;
        if (_count > 0)
        {
            // Sift down: move the earlier child up until the last entry fits.
            var i = 0;
            while (true)
            {
                var child = 2 * i + 1;
                if (child >= _count)
                {
                    break;
                }
                if (child + 1 < _count && Before(heap[child + 1], heap[child]))
                {
                    child++;
                }
                if (!Before(heap[child], last))
                {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
        }
        time = first.OriginalTime;
        return first.Event;
    }

    /// <summary>
    /// Time first (as <see cref="double.CompareTo(double)"/>, which for times that are not NaN is
    /// the plain comparison), then the scheduling order; inlined into the sift loops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(in Entry x, in Entry y) =>
        x.Time < y.Time || (x.Time == y.Time && x.Sequence < y.Sequence);

    private readonly record struct Entry(double Time, long Sequence, SimEvent Event)
    {
        /// <summary>The time the event was scheduled at (NaN for the entries of <see cref="NaNFirst"/>).</summary>
        public double OriginalTime => Sequence < 0 ? double.NaN : Time;
    }
}
