using System.Text;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>
/// Writes a run's incidents.csv while the run goes on. The kernel folds an incident into its totals
/// once it and every incident before it are final (cleared or diverted) and hands it over
/// (<see cref="Simulator.CollectRetired"/>), so the final incidents arrive in id order: between two
/// chunks of simulated time <see cref="WriteFinished"/> formats their rows after those already
/// written, and the kernel keeps no record of them. <see cref="Finish"/> adds the rows of the
/// incidents still open at the end (in id order too) after the header line. The rows are exactly
/// those of <see cref="CsvWriters.AppendIncidents(StringBuilder, Simulator)"/> at the end of the run.
/// Everything runs on the caller's thread (inside a grain turn: no thread-pool work).
/// </summary>
public sealed class IncidentRowsWriter
{
    /// <summary>Room for a typical row (about 127 characters in the medium city), so a part's text seldom grows.</summary>
    private const int RowCapacity = 144;

    private const string Header = CsvWriters.IncidentsHeader + "\n";

    private readonly Simulator _sim;
    private readonly List<PooledText> _parts = [];
    private bool _finished;

    /// <summary>A writer of the rows of <paramref name="sim"/>'s incidents, from the first one it folded in.</summary>
    public IncidentRowsWriter(Simulator sim)
    {
        _sim = sim;
        sim.CollectRetired();
    }

    /// <summary>The number of incidents whose rows are written.</summary>
    public int Handed { get; private set; }

    /// <summary>Writes the rows of the incidents folded in since the previous call. Call it between chunks, never while the kernel runs.</summary>
    public void WriteFinished()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        Write(_sim.DrainRetired());
    }

    /// <summary>The text of incidents.csv: the header line, then all the rows in incident order. Call it once the run is over.</summary>
    public string Finish()
    {
        WriteFinished();
        _finished = true;
        Write([.. _sim.UnretiredIncidents]);
        var length = Header.Length + _parts.Sum(p => p.Length);
        var text = string.Create(length, _parts, static (span, parts) =>
        {
            Header.CopyTo(span);
            var at = Header.Length;
            foreach (var part in parts)
            {
                part.Slice(0, part.Length).CopyTo(span[at..]);
                at += part.Length;
            }
        });
        foreach (var part in _parts)
        {
            part.Dispose();
        }
        _parts.Clear();
        return text;
    }

    private void Write(List<IncidentRecord> incidents)
    {
        if (incidents.Count == 0)
        {
            return;
        }
        var csv = new PooledText(incidents.Count * RowCapacity);
        foreach (var incident in incidents)
        {
            CsvWriters.AppendIncident(csv, _sim, incident);
        }
        _parts.Add(csv);
        Handed += incidents.Count;
    }
}
