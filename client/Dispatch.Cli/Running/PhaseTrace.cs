using System.Diagnostics;
using System.Globalization;

namespace Dispatch.Cli.Running;

/// <summary>
/// Where a command's time goes: with <c>DISPATCH_TIMINGS=1</c> each phase mark prints, on the error
/// stream, the wall seconds since the process started (runtime start included) and the process's
/// CPU seconds so far. Costs nothing when the variable is unset. See docs/performance.md.
/// </summary>
public static class PhaseTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("DISPATCH_TIMINGS") == "1";

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
            $"timing: {wall.TotalSeconds,6:0.000} s (cpu {process.TotalProcessorTime.TotalSeconds:0.000} s) {phase}"));
    }
}
