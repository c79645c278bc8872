namespace Dispatch.Model.Roads;

/// <summary>A binary min-heap of (key, node) pairs in one flat array, with lazy deletion left to the caller (a node may be in it more than once).</summary>
internal sealed class MinHeap
{
    private Entry[] _entries = new Entry[64];

    public int Count { get; private set; }

    public double MinKey => _entries[0].Key;

    public void Clear() => Count = 0;

    public void Push(double key, int node)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count * 2);
        }
        var entries = _entries;
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (entries[parent].Key <= key)
            {
                break;
            }
            entries[i] = entries[parent];
            i = parent;
        }
        entries[i] = new Entry(key, node);
    }

    public int Pop(out double key)
    {
        var entries = _entries;
        key = entries[0].Key;
        var top = entries[0].Node;
        var last = entries[--Count];
        var count = Count;
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && entries[child + 1].Key < entries[child].Key)
            {
                child++;
            }
            if (entries[child].Key >= last.Key)
            {
                break;
            }
            entries[i] = entries[child];
            i = child;
        }
        entries[i] = last;
        return top;
    }

    private readonly record struct Entry(double Key, int Node);
}
