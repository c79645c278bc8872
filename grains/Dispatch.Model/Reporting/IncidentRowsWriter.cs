using System.Buffers;
using System.Text;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>
/// Writes a run's incidents.csv to a stream (the replication's spool file) while the run goes on.
/// The kernel folds an incident into its totals once it and every incident before it are final
/// (cleared or diverted) and hands it over (<see cref="Simulator.CollectRetired"/>), so the final
/// incidents arrive in id order: between two chunks of simulated time <see cref="WriteFinished"/>
/// formats their rows after those already written, and the kernel keeps no record of them. The
/// rows are formatted into one buffer, which goes out to the stream (UTF-8, no byte order mark)
/// whenever it holds <see cref="FlushChars"/> characters or more, so the text held is bounded
/// whatever the run's length. <see cref="Finish"/> adds the rows of the incidents still open at the
/// end (in id order too). The header line comes first. The bytes are exactly those of the header and
/// <see cref="CsvWriters.AppendIncidents(StringBuilder, Simulator)"/> at the end of the run.
/// Everything runs on the caller's thread (inside a grain turn: no thread-pool work).
/// </summary>
public sealed class IncidentRowsWriter : IDisposable
{
    /// <summary>The text held before it goes out to the stream: about 1 MB.</summary>
    public const int DefaultFlushChars = 1 << 20;

    /// <summary>Room for a row beyond the flush mark (a typical row is about 130 characters), so the buffer seldom grows.</summary>
    private const int RowRoom = 4096;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly Simulator _sim;
    private readonly Stream _output;
    private PooledText? _text;
    private bool _finished;

    /// <summary>
    /// A writer of the rows of <paramref name="sim"/>'s incidents to <paramref name="output"/>, from the
    /// first one the kernel folded in; the header line is written first.
    /// </summary>
    public IncidentRowsWriter(Simulator sim, Stream output, int flushChars = DefaultFlushChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(flushChars, 1);
        _sim = sim;
        _output = output;
        FlushChars = flushChars;
        _text = new PooledText(flushChars + RowRoom);
        sim.CollectRetired();
        _text.Append(CsvWriters.IncidentsHeader);
        _text.Append("\n");
    }

    /// <summary>The text held at most before it is written out (one row more may be held).</summary>
    public int FlushChars { get; }

    /// <summary>The number of incidents whose rows are written.</summary>
    public int Handed { get; private set; }

    /// <summary>Characters formatted and not yet written to the stream.</summary>
    public int BufferedChars => _text?.Length ?? 0;

    /// <summary>The most characters held at once so far (after any row).</summary>
    public int PeakBufferedChars { get; private set; }

    /// <summary>The bytes written to the stream so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes the rows of the incidents folded in since the previous call. Call it between chunks, never while the kernel runs.</summary>
    public void WriteFinished()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        Write(_sim.DrainRetired());
    }

    /// <summary>
    /// Writes the rows still to come (the incidents folded in since the last call, then those open at
    /// the end) and flushes the stream; returns the bytes written in all. Call it once the run is over.
    /// </summary>
    public long Finish()
    {
        WriteFinished();
        Write(_sim.UnretiredIncidents);
        Flush();
        _output.Flush();
        _finished = true;
        ReleaseBuffer();
        return BytesWritten;
    }

    /// <summary>Gives back the buffer (the stream is the caller's to close).</summary>
    public void Dispose()
    {
        _finished = true;
        ReleaseBuffer();
    }

    private void Write(IEnumerable<IncidentRecord> incidents)
    {
        var text = _text!;
        foreach (var incident in incidents)
        {
            CsvWriters.AppendIncident(text, _sim, incident);
            Handed++;
            if (text.Length >= FlushChars)
            {
                Flush();
            }
        }
    }

    /// <summary>Encodes the text held (whole rows: no character is split) and writes it to the stream.</summary>
    private void Flush()
    {
        var text = _text!;
        PeakBufferedChars = Math.Max(PeakBufferedChars, text.Length);
        if (text.Length == 0)
        {
            return;
        }
        var chars = text.Slice(0, text.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(chars.Length));
        try
        {
            var count = Utf8.GetBytes(chars, bytes);
            _output.Write(bytes, 0, count);
            BytesWritten += count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
        text.Clear();
    }

    private void ReleaseBuffer()
    {
        _text?.Dispose();
        _text = null;
    }
}
