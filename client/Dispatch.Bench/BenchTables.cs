using System.Globalization;
using Spectre.Console;

namespace Dispatch.Bench;

/// <summary>The bench report as console tables (the default output of <c>bench</c>).</summary>
public static class BenchTables
{
    /// <summary>Writes the report as console tables, then one line per target with its verdict.</summary>
    public static void Write(IAnsiConsole console, BenchReport r)
    {
        console.MarkupLine(Markup.Escape($"{r.Machine}, {r.Cores} cores, {r.Runtime}, {r.Configuration} build, {r.GarbageCollector} GC; {r.WarmupRuns} warm-up runs before warm figures; bench took {r.TotalSeconds:0} s"));
        if (r.Processes.Count > 0)
        {
            console.MarkupLine("What a user waits for: each command started as a fresh process of this program and timed from outside (wall and CPU seconds, peak resident MiB), median (min - max) of the timed runs after one untimed run.");
            var processes = new Table();
            foreach (var column in new[] { "case", "command", "runs", "wall s", "cpu s", "peak MiB", "simulation s" })
            {
                processes.AddColumn(new TableColumn(column));
            }
            foreach (var x in r.Processes)
            {
                processes.AddRow(Markup.Escape(x.Name), Markup.Escape(x.Command), N(x.Runs), Range(x.WallSeconds, "0.00"), Range(x.CpuSeconds, "0.00"), Range(x.PeakMib, "0"),
                    x.SimulationSeconds is { } sim ? S(sim) : "");
            }
            console.Write(processes);
        }
        if (r.Sizes.Count == 0)
        {
            WriteTargets(console, r);
            return;
        }
        console.MarkupLine("Secondary, warm figures inside one process. A simulated week per city: grain = scenario grain on the embedded silo from the first StartAsync to the result (silo start-up excluded); kernel = new Simulator + RunToEnd + ReportBuilder.Build; build = reading and building the scenario; peak = peak working set of the child process; medians of the timed runs, after one untimed run of the same city (cold = that run).");
        var sizes = new Table();
        foreach (var column in new[] { "city", "zones/units", "events", "grain s", "cold s", "days/s", "events/s", "kernel s", "build s", "peak MiB" })
        {
            sizes.AddColumn(new TableColumn(column).RightAligned());
        }
        foreach (var x in r.Sizes)
        {
            sizes.AddRow(x.Size, $"{N(x.Zones)}/{N(x.Units)}", N(x.Events), S(x.GrainSeconds), S(x.FirstGrainSeconds), D(x.SimulatedDaysPerSecond), N(x.EventsPerSecond), S(x.KernelSeconds),
                S(x.BuildSeconds), N(BenchParent.Mib(x.PeakWorkingSetBytes)));
        }
        console.Write(sizes);
        if (r.Replications.Count > 0)
        {
            console.MarkupLine("Replications in parallel (one scenario grain each); speedup = replications x one replication's time / wall time, one and all timed alternately; per core = the same against one replication in a process confined to one core.");
            var reps = new Table();
            foreach (var column in new[] { "city", "replications", "one s", "wall s", "days/s", "speedup", "one core s", "per core speedup", "kernel one s", "kernel s", "kernel speedup", "peak MiB" })
            {
                reps.AddColumn(new TableColumn(column).RightAligned());
            }
            foreach (var x in r.Replications)
            {
                reps.AddRow(x.Size, N(x.Replications), S(x.OneSeconds), S(x.Seconds), D(x.SimulatedDaysPerSecond), F2(x.Speedup), x.OneCoreSeconds is { } oneCore ? S(oneCore) : "", F2(x.CoreSpeedup), S(x.OneKernelSeconds), S(x.KernelSeconds), F2(x.KernelSpeedup), N(BenchParent.Mib(x.PeakWorkingSetBytes)));
            }
            console.Write(reps);
        }
        if (r.MachineScaling.Count > 0)
        {
            console.MarkupLine("The machine: the same kernel week in one process alone, then in as many separate processes at once as there are cores (they share only the hardware).");
            var machine = new Table();
            foreach (var column in new[] { "city", "processes", "alone s", "each, at once s", "speedup" })
            {
                machine.AddColumn(new TableColumn(column).RightAligned());
            }
            foreach (var x in r.MachineScaling)
            {
                machine.AddRow(x.Size, N(x.Processes), S(x.AloneSeconds), S(x.TogetherSeconds), F2(x.Speedup));
            }
            console.Write(machine);
        }
        WriteTargets(console, r);
    }

    private static void WriteTargets(IAnsiConsole console, BenchReport r)
    {
        foreach (var t in r.Targets)
        {
            console.MarkupLine($"{(t.Met ? "[green]met[/]" : "[red]not met[/]")}  {Markup.Escape(t.Name)}: {Markup.Escape(t.Goal)}; measured {Markup.Escape(t.Measured)}");
        }
    }

    /// <summary>"median (min - max)", or empty.</summary>
    public static string Range(BenchRange? range, string format) => range is null ? "" :
        $"{range.Median.ToString(format, CultureInfo.InvariantCulture)} ({range.Min.ToString(format, CultureInfo.InvariantCulture)} - {range.Max.ToString(format, CultureInfo.InvariantCulture)})";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    private static string S(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string F2(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
