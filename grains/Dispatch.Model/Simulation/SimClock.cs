namespace Dispatch.Model.Simulation;

/// <summary>The kernel's virtual clock, shared by its components: simulated minutes since the start, the end of the run and of the warm-up.</summary>
internal sealed class SimClock(double endTime, double statsFrom)
{
    /// <summary>Simulated minutes since the start (moved only by the <see cref="EventLoop"/>).</summary>
    public double Now { get; set; }

    /// <summary>End of the run in simulated minutes.</summary>
    public double EndTime { get; } = endTime;

    /// <summary>Start of the statistics in simulated minutes (the end of the warm-up).</summary>
    public double StatsFrom { get; } = statsFrom;

    /// <summary>Whether statistics are being collected now (after the warm-up).</summary>
    public bool Counting => Now >= StatsFrom;
}
