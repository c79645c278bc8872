using System.Globalization;
using System.Text;

namespace Dispatch.Bench;

/// <summary>The bench report as Markdown tables (<c>bench --markdown</c>).</summary>
public static class BenchMarkdown
{
    /// <summary>The report as Markdown tables.</summary>
    public static string Write(BenchReport r)
    {
        var b = new StringBuilder();
        b.AppendLine(r.Sizes.Count == 0 ? F($"Machine: {r.Machine}, {r.Cores} cores, {r.Runtime}, {r.Configuration} build; whole processes timed from outside, medians (min - max); bench took {r.TotalSeconds:0} s.") : F($"Machine: {r.Machine}, {r.Cores} cores, {r.Runtime}, {r.Configuration} build, {r.GarbageCollector} GC; timed runs per size: {string.Join(", ", r.Sizes.Select(x => $"{x.Size} {x.Runs}"))} (medians, after one untimed run of the same city: cold is that run, then {r.WarmupRuns} warm-up runs of a small city so that the timed code is in its steady state), as many runs per replication figure (one and all replications alternately); bench took {r.TotalSeconds:0} s."));
        b.AppendLine();
        if (r.Processes.Count > 0)
        {
            b.AppendLine("| case | command | runs | whole process, wall (s) | CPU (s) | peak resident (MiB) | simulation (s) |");
            b.AppendLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var x in r.Processes)
            {
                b.AppendLine(F($"| {x.Name} | `{x.Command}` | {x.Runs} | {BenchTables.Range(x.WallSeconds, "0.00")} | {BenchTables.Range(x.CpuSeconds, "0.00")} | {BenchTables.Range(x.PeakMib, "0")} | {(x.SimulationSeconds is { } sim ? sim.ToString("0.00", CultureInfo.InvariantCulture) : "")} |"));
            }
            b.AppendLine();
        }
        if (r.Sizes.Count > 0)
        {
            b.AppendLine("| city | zones | units | events | grain path (s) | cores busy | cold (s) | sim days / s | events / s | kernel (s) | kernel events / s | build (s) | grain overhead (s) | peak working set (MiB) | peak managed heap (MiB) |");
            b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var x in r.Sizes)
            {
                b.AppendLine(F($"| {x.Size} | {x.Zones:N0} | {x.Units:N0} | {x.Events:N0} | {x.GrainSeconds:0.000} | {x.GrainCoresBusy:0.00} | {x.FirstGrainSeconds:0.000} | {x.SimulatedDaysPerSecond:N1} | {x.EventsPerSecond:N0} | {x.KernelSeconds:0.000} | {x.KernelEventsPerSecond:N0} | {x.BuildSeconds:0.000} | {x.GrainOverheadSeconds:0.000} | {BenchParent.Mib(x.PeakWorkingSetBytes):N0} | {BenchParent.Mib(x.PeakManagedBytes):N0} |"));
            }
            b.AppendLine();
            b.AppendLine("| city | replications | cores | one replication (s) | cores busy, one | grain path wall (s) | sim days / s | events / s | speedup | efficiency | one replication, one core (s) | speedup against one core | efficiency against one core | kernel, one (s) | kernel alone wall (s) | kernel speedup | peak working set (MiB) |");
            b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var x in r.Replications)
            {
                b.AppendLine(F($"| {x.Size} | {x.Replications} | {x.Cores} | {x.OneSeconds:0.000} | {x.OneCoresBusy:0.00} | {x.Seconds:0.000} | {x.SimulatedDaysPerSecond:N1} | {x.EventsPerSecond:N0} | {x.Speedup:0.00} | {x.Efficiency:0.00} | {x.OneCoreSeconds:0.000} | {x.CoreSpeedup:0.00} | {x.CoreEfficiency:0.00} | {x.OneKernelSeconds:0.000} | {x.KernelSeconds:0.000} | {x.KernelSpeedup:0.00} | {BenchParent.Mib(x.PeakWorkingSetBytes):N0} |"));
            }
            if (r.MachineScaling.Count > 0)
            {
                b.AppendLine();
                b.AppendLine("| city | separate processes | kernel alone (s) | kernel, each, all at once (s) | speedup | efficiency |");
                b.AppendLine("|---|---:|---:|---:|---:|---:|");
                foreach (var x in r.MachineScaling)
                {
                    b.AppendLine(F($"| {x.Size} | {x.Processes} | {x.AloneSeconds:0.000} | {x.TogetherSeconds:0.000} | {x.Speedup:0.00} | {x.Efficiency:0.00} |"));
                }
            }
        }
        b.AppendLine();
        b.AppendLine("| target | goal | measured | met |");
        b.AppendLine("|---|---|---:|---|");
        foreach (var t in r.Targets)
        {
            b.AppendLine($"| {t.Name} | {t.Goal} | {t.Measured} | {(t.Met ? "yes" : "no")} |");
        }
        return b.ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
