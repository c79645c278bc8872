namespace Dispatch.Grains.Live;

/// <summary>
/// Paces a live run against the wall clock: the simulated minute a run should have reached now, at
/// a speed factor (simulated seconds per wall second), with pause and speed changes. Wall time
/// comes from an injected <see cref="TimeProvider"/>, so tests drive it exactly.
/// </summary>
public sealed class Pacer(TimeProvider time, double speed, double startMinute)
{
    /// <summary>Speeds offered by faster/slower; infinity is "max": as fast as the machine goes, still observable.</summary>
    public static readonly double[] Ladder = [1, 10, 60, 300, 600, 3600, double.PositiveInfinity];

    /// <summary>Simulated minutes per tick at max speed.</summary>
    public const double MaxStepMinutes = 60;

    private long _anchorTimestamp = time.GetTimestamp();
    private double _anchorMinute = startMinute;

    public double Speed { get; private set; } = speed;

    public bool Paused { get; private set; }

    public bool IsMax => double.IsPositiveInfinity(Speed);

    /// <summary>The simulated minute the run should have reached now.</summary>
    public double TargetMinute(double simulatedNow)
    {
        if (Paused)
        {
            return simulatedNow;
        }
        if (IsMax)
        {
            return simulatedNow + MaxStepMinutes;
        }
        var wallSeconds = time.GetElapsedTime(_anchorTimestamp).TotalSeconds;
        return _anchorMinute + wallSeconds * Speed / 60.0;
    }

    /// <summary>How far behind the target may be and still count as on time: one wall second, scaled.</summary>
    public double ToleranceMinutes => IsMax || Paused ? double.PositiveInfinity : Speed / 60.0;

    public void Pause(double simulatedNow)
    {
        Paused = true;
        Anchor(simulatedNow);
    }

    public void Resume(double simulatedNow)
    {
        Paused = false;
        Anchor(simulatedNow);
    }

    public void SetSpeed(double speed, double simulatedNow)
    {
        Speed = speed;
        Anchor(simulatedNow);
    }

    /// <summary>The next speed up or down the ladder.</summary>
    public double Step(int direction)
    {
        if (direction > 0)
        {
            return Ladder.FirstOrDefault(s => s > Speed, Ladder[^1]);
        }
        return Ladder.LastOrDefault(s => s < Speed, Ladder[0]);
    }

    private void Anchor(double simulatedNow)
    {
        _anchorMinute = simulatedNow;
        _anchorTimestamp = time.GetTimestamp();
    }
}
