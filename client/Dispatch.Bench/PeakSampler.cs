namespace Dispatch.Bench;

/// <summary>Samples the managed heap size every 20 ms and keeps the largest value.</summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public PeakSampler()
    {
        _peak = GC.GetTotalMemory(false);
        _timer = new Timer(_ => Sample(), null, 0, 20);
    }

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    public void Dispose() => _timer.Dispose();
}
