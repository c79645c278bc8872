namespace Dispatch.Model.Simulation;

/// <summary>A growable array of doubles (8 bytes a value, no object per value): the compact store of per-incident figures.</summary>
public sealed class DoubleList
{
    private double[] _items = new double[64];

    /// <summary>How many values there are.</summary>
    public int Count { get; private set; }

    /// <summary>The value at <paramref name="index"/>.</summary>
    public double this[int index] => index < Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Appends a value.</summary>
    public void Add(double value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, 2 * _items.Length);
        }
        _items[Count++] = value;
    }

    /// <summary>The values, in a new array of their count.</summary>
    public double[] ToArray() => _items.AsSpan(0, Count).ToArray();

    /// <summary>A copy.</summary>
    public DoubleList Copy() => new() { _items = (double[])_items.Clone(), Count = Count };
}

/// <summary>A growable array of bytes (one byte a value).</summary>
public sealed class ByteList
{
    private byte[] _items = new byte[64];

    /// <summary>How many values there are.</summary>
    public int Count { get; private set; }

    /// <summary>The value at <paramref name="index"/>.</summary>
    public byte this[int index] => index < Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Appends a value.</summary>
    public void Add(byte value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, 2 * _items.Length);
        }
        _items[Count++] = value;
    }

    /// <summary>A copy.</summary>
    public ByteList Copy() => new() { _items = (byte[])_items.Clone(), Count = Count };
}

/// <summary>A growable array of ints (a zone index per response), with no per-value object.</summary>
public sealed class IntList
{
    private int[] _items = new int[64];

    /// <summary>How many values there are.</summary>
    public int Count { get; private set; }

    /// <summary>The value at <paramref name="index"/>.</summary>
    public int this[int index] => index < Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Appends a value.</summary>
    public void Add(int value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, 2 * _items.Length);
        }
        _items[Count++] = value;
    }

    /// <summary>A copy.</summary>
    public IntList Copy() => new() { _items = (int[])_items.Clone(), Count = Count };
}
