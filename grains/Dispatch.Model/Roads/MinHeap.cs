namespace Dispatch.Model.Roads;

/// <summary>A binary min-heap of (key, node) pairs in flat arrays, with lazy deletion left to the caller (a node may be in it more than once).</summary>
internal sealed class MinHeap
{
    private double[] _keys = new double[64];
    private int[] _nodes = new int[64];

    public int Count { get; private set; }

    public double MinKey => _keys[0];

    public void Clear() => Count = 0;

    public void Push(double key, int node)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }
            _keys[i] = _keys[parent];
            _nodes[i] = _nodes[parent];
            i = parent;
        }
        _keys[i] = key;
        _nodes[i] = node;
    }

    public int Pop(out double key)
    {
        key = _keys[0];
        var top = _nodes[0];
        var lastKey = _keys[--Count];
        var lastNode = _nodes[Count];
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count)
            {
                break;
            }
            if (child + 1 < Count && _keys[child + 1] < _keys[child])
            {
                child++;
            }
            if (_keys[child] >= lastKey)
            {
                break;
            }
            _keys[i] = _keys[child];
            _nodes[i] = _nodes[child];
            i = child;
        }
        _keys[i] = lastKey;
        _nodes[i] = lastNode;
        return top;
    }
}
