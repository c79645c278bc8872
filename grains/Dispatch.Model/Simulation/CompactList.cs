namespace Dispatch.Model.Simulation;

/// <summary>
/// A growable array of plain values (a double 8 bytes, a byte 1, no object per value): the compact
/// store of per-incident figures (response minutes, their priority and zone, end minutes and outcomes).
/// </summary>
public sealed class CompactList<T> where T : unmanaged
{
    private T[] _items = new T[64];

    /// <summary>How many values there are.</summary>
    public int Count { get; private set; }

    /// <summary>The value at <paramref name="index"/>.</summary>
    public T this[int index] => index < Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Appends a value.</summary>
    public void Add(T value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, 2 * _items.Length);
        }
        _items[Count++] = value;
    }

    /// <summary>The values, in a new array of their count.</summary>
    public T[] ToArray() => _items.AsSpan(0, Count).ToArray();

    /// <summary>A copy.</summary>
    public CompactList<T> Copy() => new() { _items = (T[])_items.Clone(), Count = Count };
}
