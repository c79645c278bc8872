using System.Diagnostics;
using System.Globalization;

namespace Dispatch.Cli.Running;

/// <summary>
/// Where a command's time goes: with <c>DISPATCH_TIMINGS=1</c> each phase mark prints, on the error
/// stream, the wall seconds since the process started (runtime start included) and the process's
/// CPU seconds so far, with the garbage collections so far (generations 0/1/2) and their pauses. Costs nothing when the variable is unset. See docs/performance.md.
/// </summary>
public static class PhaseTrace
{
    /// <summary>Whether <c>DISPATCH_TIMINGS=1</c> is set.</summary>
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("DISPATCH_TIMINGS") == "1";

    /// <summary>Wall seconds since the process started, as text.</summary>
    public static string Now()
    {
        using var process = Process.GetCurrentProcess();
        return (DateTime.Now - process.StartTime).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
    }

    /// <summary>Prints <c>timing: WALL s (cpu CPU s) PHASE</c> when enabled.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }
        using var process = Process.GetCurrentProcess();
        var wall = DateTime.Now - process.StartTime;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timing: {wall.TotalSeconds,6:0.000} s (cpu {process.TotalProcessorTime.TotalSeconds:0.000} s, gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} paused {GC.GetTotalPauseDuration().TotalSeconds:0.000} s) {phase}"));
    }
}
