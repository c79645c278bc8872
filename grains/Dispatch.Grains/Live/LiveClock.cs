namespace Dispatch.Grains.Live;

/// <summary>
/// The wall clock that paces live runs. Registered as its own service so that tests can drive it
/// (a manual <see cref="TimeProvider"/>) without touching the clock Orleans itself runs on.
/// </summary>
public sealed class LiveClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;
}
