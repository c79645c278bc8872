using System.Buffers;

namespace Dispatch.Model.Reporting;

/// <summary>
/// Text appended to a buffer rented from the shared array pool, which it goes back to on
/// <see cref="Dispose"/>. incidents.csv is formatted into one while a run goes on and written out
/// to its file whenever it holds about a megabyte (<see cref="IncidentRowsWriter"/>); fresh memory
/// for every part cost more (a page fault each 4 KB on first touch) than writing the rows.
/// </summary>
internal sealed class PooledText(int capacity) : IDisposable
{
    private char[] _buffer = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 256));

    public int Length { get; private set; }

    public ReadOnlySpan<char> Slice(int start, int length)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, Length);
        return _buffer.AsSpan(start, length);
    }

    public void Append(ReadOnlySpan<char> text)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (Length + text.Length > _buffer.Length)
        {
            var bigger = ArrayPool<char>.Shared.Rent(Math.Max(Length + text.Length, 2 * _buffer.Length));
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        text.CopyTo(_buffer.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Forgets the text, keeping the buffer.</summary>
    public void Clear() => Length = 0;

    /// <summary>The buffer's size: the most text it holds without growing.</summary>
    public int Capacity => _buffer.Length;

    public override string ToString() => new(_buffer, 0, Length);

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
