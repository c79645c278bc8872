using System.Text;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>
/// Writes a run's incidents.csv while the run goes on. Between two chunks of simulated time
/// <see cref="WriteFinished"/> formats the rows of the incidents that can no longer change, so the
/// text is written a chunk at a time instead of all at the end; <see cref="Finish"/> writes the rest
/// once the run is over and puts every row in incident order, after the header line. The rows are
/// exactly those of <see cref="CsvWriters.AppendIncidents(StringBuilder, Simulator)"/> at the end of
/// the run. Everything runs on the caller's thread (inside a grain turn: no thread-pool work).
/// </summary>
/// <remarks>
/// An incident is final once cleared or diverted: after that the kernel never writes to it again.
/// Incidents finish out of order, and in an overloaded run a low-priority call may wait for days,
/// so rows are written wherever they are and put in order at the end.
/// </remarks>
public sealed class IncidentRowsWriter(Simulator sim, int minimumBatch = IncidentRowsWriter.DefaultMinimumBatch)
{
    /// <summary>Fewer final rows than this are left for a later call (a part per tick of a live run would cost more than it saves).</summary>
    public const int DefaultMinimumBatch = 256;

    private readonly List<Part> _parts = [];

    /// <summary>Which incidents' rows are written, by incident index.</summary>
    private bool[] _handed = [];

    /// <summary>Every incident before this index is handed over.</summary>
    private int _firstOpen;

    private bool _finished;

    /// <summary>The number of incidents whose rows are written.</summary>
    public int Handed { get; private set; }

    /// <summary>Writes the rows of the final incidents not yet written. Call it between chunks, never while the kernel runs.</summary>
    public void WriteFinished()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var incidents = sim.Incidents;
        var count = 0;
        for (var k = _firstOpen; k < incidents.Count; k++)
        {
            if (!IsHanded(k) && IsFinal(incidents[k]))
            {
                count++;
            }
        }
        if (count < Math.Max(1, minimumBatch))
        {
            return;
        }
        if (_handed.Length < incidents.Count)
        {
            Array.Resize(ref _handed, Math.Max(incidents.Count, 2 * _handed.Length));
        }
        var indices = new int[count];
        var batch = new IncidentRecord[count];
        var n = 0;
        for (var k = _firstOpen; k < incidents.Count; k++)
        {
            if (!_handed[k] && IsFinal(incidents[k]))
            {
                _handed[k] = true;
                indices[n] = k;
                batch[n++] = incidents[k];
            }
        }
        Handed += count;
        while (_firstOpen < incidents.Count && _handed[_firstOpen])
        {
            _firstOpen++;
        }
        _parts.Add(Part.Write(sim, indices, batch));
    }

    /// <summary>
    /// The text of incidents.csv: the header line, then all the rows in incident order (the parts
    /// written during the run and the rest, open incidents among them). Call it once the run is over.
    /// </summary>
    public string Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        var incidents = sim.Incidents;
        var restIndices = new List<int>();
        var rest = new List<IncidentRecord>();
        for (var k = _firstOpen; k < incidents.Count; k++)
        {
            if (!IsHanded(k))
            {
                restIndices.Add(k);
                rest.Add(incidents[k]);
            }
        }
        _parts.Add(Part.Write(sim, [.. restIndices], [.. rest]));
        return Part.Join([.. _parts], incidents.Count);
    }

    private bool IsHanded(int incident) => incident < _handed.Length && _handed[incident];

    private static bool IsFinal(IncidentRecord incident) => incident.Diverted || !double.IsNaN(incident.ClearedAt);

    /// <summary>
    /// The rows of some incidents, one after another, with where each ends. Kept in the pooled
    /// text they were written to: the rows are copied once, into the joined text, and runs of rows
    /// that follow each other in both orders (the usual case) are copied at once; then the text
    /// goes back to the pool.
    /// </summary>
    private sealed record Part(int[] Indices, PooledText Rows, int[] Ends)
    {
        /// <summary>Room for a typical row (about 127 characters in the medium city), so a part's text seldom grows.</summary>
        private const int RowCapacity = 144;

        private const string Header = CsvWriters.IncidentsHeader + "\n";

        public static Part Write(Simulator sim, int[] indices, IncidentRecord[] incidents)
        {
            var csv = new PooledText(incidents.Length * RowCapacity);
            var ends = new int[incidents.Length];
            for (var k = 0; k < incidents.Length; k++)
            {
                CsvWriters.AppendIncident(csv, sim, incidents[k]);
                ends[k] = csv.Length;
            }
            return new Part(indices, csv, ends);
        }

        /// <summary>
        /// The header line, then the rows of all parts in incident order (every incident below
        /// <paramref name="count"/> is in exactly one part). The parts' texts go back to the pool.
        /// </summary>
        public static string Join(Part[] parts, int count)
        {
            var part = new int[count];
            var row = new int[count];
            var length = Header.Length;
            for (var p = 0; p < parts.Length; p++)
            {
                for (var j = 0; j < parts[p].Indices.Length; j++)
                {
                    part[parts[p].Indices[j]] = p;
                    row[parts[p].Indices[j]] = j;
                }
                length += parts[p].Rows.Length;
            }
            var text = string.Create(length, (parts, part, row), static (span, state) =>
            {
                var (parts, part, row) = state;
                Header.CopyTo(span);
                var at = Header.Length;
                for (var k = 0; k < part.Length;)
                {
                    // Incidents k, k+1, ... whose rows follow each other in the same part.
                    var p = parts[part[k]];
                    var first = row[k];
                    var last = first;
                    for (k++; k < part.Length && part[k] == part[k - 1] && row[k] == last + 1; k++)
                    {
                        last++;
                    }
                    var start = first == 0 ? 0 : p.Ends[first - 1];
                    var length = p.Ends[last] - start;
                    p.Rows.Slice(start, length).CopyTo(span.Slice(at, length));
                    at += length;
                }
            });
            foreach (var p in parts)
            {
                p.Rows.Dispose();
            }
            return text;
        }
    }
}
