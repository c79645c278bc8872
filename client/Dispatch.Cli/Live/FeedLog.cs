using System.Globalization;

namespace Dispatch.Cli.Live;

/// <summary>The kinds of line in the live feed, in the order their counts are listed.</summary>
public enum FeedKind
{
    New,
    Queued,
    Dispatch,
    Arrival,
    Cleared,
    Diverted,
    Escalated,
    Check,
    SchoolPost,
    CommandPost,
    OnDuty,
    OffDuty,
    Command,
}

/// <summary>One line of the feed: when (simulated minute), what kind, and its text (time first).</summary>
public sealed record FeedEntry(double At, FeedKind Kind, string Text);

/// <summary>
/// The feed of a live run: the latest lines, and counts per kind per 10 simulated minutes. When
/// lines come faster than anyone reads (more than <see cref="ReadablePerSecond"/> a second of wall
/// time at the current speed, or more than <see cref="BurstLines"/> in one batch), the dashboard shows
/// counts per interval instead of the lines.
/// </summary>
public sealed class FeedLog
{
    /// <summary>Lines a second a watcher can read.</summary>
    public const double ReadablePerSecond = 2;

    /// <summary>Lines in one batch (a tenth of a second) beyond which the feed is counted.</summary>
    public const int BurstLines = 8;

    /// <summary>The finest interval of the counts (simulated minutes).</summary>
    public const int BucketMinutes = 10;

    private const int KeepLines = 200;
    private const int KeepBuckets = 400;

    private static readonly string[][] Labels =
    [
        ["new incident", "new incidents"], ["queued", "queued"], ["dispatch", "dispatches"], ["arrival", "arrivals"], ["cleared", "cleared"],
        ["diverted", "diverted"], ["escalation", "escalations"], ["check", "checks"], ["school post", "school posts"],
        ["command post", "command posts"], ["on duty", "on duty"], ["off duty", "off duty"], ["command", "commands"],
    ];

    private readonly List<FeedEntry> _entries = [];
    private readonly SortedDictionary<long, int[]> _buckets = [];

    /// <summary>The latest lines, oldest first.</summary>
    public IReadOnlyList<FeedEntry> Entries => _entries;

    /// <summary>How many lines the last batch brought.</summary>
    public int LastBatch { get; private set; }

    /// <summary>Adds one batch's lines (a unit coming on or off duty counts once per unit); <paramref name="history"/>: a snapshot's past, no burst.</summary>
    public void Add(IReadOnlyList<FeedEntry> entries, IReadOnlyList<(double At, FeedKind Kind, int Count)>? counts = null, bool history = false)
    {
        LastBatch = history ? 0 : entries.Count;
        foreach (var entry in entries)
        {
            _entries.Add(entry);
            if (entry.Kind is not (FeedKind.OnDuty or FeedKind.OffDuty))
            {
                Count(entry.At, entry.Kind, 1);
            }
        }
        foreach (var (at, kind, count) in counts ?? [])
        {
            Count(at, kind, count);
        }
        if (_entries.Count > KeepLines)
        {
            _entries.RemoveRange(0, _entries.Count - KeepLines);
        }
        while (_buckets.Count > KeepBuckets)
        {
            _buckets.Remove(_buckets.Keys.First());
        }
    }

    /// <summary>Whether lines arrive faster than they can be read at <paramref name="speed"/> (simulated minutes per wall minute).</summary>
    public bool Aggregating(double speed, double now)
    {
        if (LastBatch > BurstLines || (double.IsPositiveInfinity(speed) && _entries.Count > 0))
        {
            return true;
        }
        var lastHour = _entries.Count(e => e.At > now - 60);
        return lastHour / 60.0 * speed / 60.0 > ReadablePerSecond;
    }

    /// <summary>The interval the counts are shown by: about five wall seconds at that speed, at least 10 simulated minutes.</summary>
    public static int IntervalMinutes(double speed)
    {
        var wanted = double.IsPositiveInfinity(speed) ? 240 : speed * 5 / 60;
        return new[] { 10, 15, 30, 60, 120, 240 }.FirstOrDefault(m => m >= wanted, 240);
    }

    /// <summary>The counts of the last <paramref name="count"/> intervals up to <paramref name="now"/>: "14:00-14:10: 23 dispatches, 4 queued".</summary>
    /// <remarks>The last interval is marked "(so far)" unless <paramref name="open"/> is false (the run has ended).</remarks>
    public IEnumerable<string> Aggregated(int interval, int count, double now, DateTime start, bool open = true)
    {
        var last = (long)Math.Floor(now / interval);
        var lines = new List<string>();
        for (var k = last; k > last - count && k >= 0; k--)
        {
            var totals = new int[Labels.Length];
            for (var b = k * interval / BucketMinutes; b < (k + 1) * interval / BucketMinutes; b++)
            {
                if (_buckets.TryGetValue(b, out var counts))
                {
                    for (var i = 0; i < totals.Length; i++)
                    {
                        totals[i] += counts[i];
                    }
                }
            }
            var parts = totals.Select((n, i) => (n, i)).Where(p => p.n > 0).Select(p => $"{p.n} {Labels[p.i][p.n == 1 ? 0 : 1]}").ToList();
            var from = start.AddMinutes(k * interval).ToString("HH:mm", CultureInfo.InvariantCulture);
            var to = start.AddMinutes((k + 1) * interval).ToString("HH:mm", CultureInfo.InvariantCulture);
            lines.Add($"{from}-{to}{(k == last && open ? " (so far)" : "")}: " + (parts.Count == 0 ? "nothing" : string.Join(", ", parts)));
        }
        lines.Reverse();
        // Quiet intervals before the first event are left out.
        return lines.SkipWhile((l, i) => i < lines.Count - 1 && l.EndsWith(": nothing", StringComparison.Ordinal));
    }

    /// <summary>A copy (a resynchronised dashboard keeps its feed).</summary>
    public FeedLog Copy()
    {
        var copy = new FeedLog { LastBatch = LastBatch };
        copy._entries.AddRange(_entries);
        foreach (var (key, counts) in _buckets)
        {
            copy._buckets[key] = (int[])counts.Clone();
        }
        return copy;
    }

    private void Count(double at, FeedKind kind, int count)
    {
        var key = (long)Math.Floor(at / BucketMinutes);
        if (!_buckets.TryGetValue(key, out var counts))
        {
            _buckets[key] = counts = new int[Labels.Length];
        }
        counts[(int)kind] += count;
    }
}
