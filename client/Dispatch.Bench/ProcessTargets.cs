using System.Globalization;

namespace Dispatch.Bench;

/// <summary>
/// The targets of the whole-process figures (issue 19): what a planner waits for, medians on this
/// 2-core machine. A target whose command was not run is left out.
/// </summary>
public static class ProcessTargets
{
    /// <summary>run scenarios/small-town.json --days 1, whole process, seconds.</summary>
    public const double TrivialRunSeconds = 0.8;
    /// <summary>validate scenarios/pengjiang.json, seconds.</summary>
    public const double ValidateSeconds = 0.4;
    /// <summary>The 2,500-zone / 300-unit week from a scenario file, seconds (and its stretch goal).</summary>
    public const double MediumWeekSeconds = 1.0;
    public const double MediumWeekStretchSeconds = 0.6;
    /// <summary>The medium city on roads against the same city in straight lines, whole process, ratio of the medians (issue 22).</summary>
    public const double RoadsOverStraight = 4.0;
    /// <summary>compare of the Pengjiang pair with 10 replications, seconds.</summary>
    public const double CompareSeconds = 4.0;
    /// <summary>The medium city for 365 days: whole process over simulation time, simulated days per second, peak MiB.</summary>
    public const double YearWholeOverSimulation = 1.2;
    public const double YearSimulatedDaysPerSecond = 40;
    public const double YearPeakMib = 400;
    /// <summary>3,650 days of small-town: MiB of peak above its 365-day run.</summary>
    public const double DecadeExtraPeakMib = 50;

    /// <summary>The targets with their verdicts, in the order of the issue.</summary>
    public static List<BenchTarget> Of(IReadOnlyList<BenchProcessResult> results)
    {
        var byName = results.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var targets = new List<BenchTarget>();
        void Wall(string name, string goal, double seconds)
        {
            if (byName.TryGetValue(name, out var r))
            {
                targets.Add(new(name, $"{goal}: whole process at most {F($"{seconds:0.0#}")} s (median)", Range(r.WallSeconds, "s"), r.WallSeconds.Median <= seconds));
            }
        }
        Wall("trivial-run", "run scenarios/small-town.json --days 1", TrivialRunSeconds);
        Wall("validate", "validate scenarios/pengjiang.json", ValidateSeconds);
        Wall("medium-week", "2,500-zone / 300-unit synthetic week from a scenario file", MediumWeekSeconds);
        if (byName.TryGetValue("medium-week", out var week))
        {
            targets.Add(new("medium-week, stretch", $"the same at most {F($"{MediumWeekStretchSeconds:0.0}")} s", Range(week.WallSeconds, "s"), week.WallSeconds.Median <= MediumWeekStretchSeconds));
        }
        if (byName.TryGetValue("medium-week", out var straight) && byName.TryGetValue("medium-roads-week", out var roads))
        {
            var ratio = roads.WallSeconds.Median / straight.WallSeconds.Median;
            targets.Add(new("medium-roads-week, ratio", $"the 2,500-zone week on a street grid: whole process at most {F($"{RoadsOverStraight:0}")} x the straight-line week",
                F($"{ratio:0.00} x ({roads.WallSeconds.Median:0.00} s against {straight.WallSeconds.Median:0.00} s)"), ratio <= RoadsOverStraight));
        }
        Wall("compare", "compare of the Pengjiang pair (no surge, surge) with 10 replications", CompareSeconds);
        if (byName.TryGetValue("medium-year", out var year) && year.SimulationSeconds is { } simulation)
        {
            var ratio = year.WallSeconds.Median / simulation;
            targets.Add(new("medium-year, whole process", $"the medium city for 365 days: whole process at most {F($"{YearWholeOverSimulation:0.0}")} x its simulation time",
                F($"{ratio:0.00} x ({year.WallSeconds.Median:0.00} s for {simulation:0.00} s)"), ratio <= YearWholeOverSimulation));
            var rate = 365 / simulation;
            targets.Add(new("medium-year, simulation", $"at least {F($"{YearSimulatedDaysPerSecond:0}")} simulated days per second",
                F($"{rate:0.0} days / s"), rate >= YearSimulatedDaysPerSecond));
            if (year.PeakMib is { } peak)
            {
                targets.Add(new("medium-year, memory", $"peak resident memory at most {F($"{YearPeakMib:0}")} MiB", F($"{peak.Median:0} MiB"), peak.Median <= YearPeakMib));
            }
        }
        if (byName.TryGetValue("small-town-year", out var town) && byName.TryGetValue("small-town-decade", out var decade) && town.PeakMib is { } a && decade.PeakMib is { } b)
        {
            targets.Add(new("small-town-decade, memory", $"3,650 days of small-town: peak at most the 365-day run's + {F($"{DecadeExtraPeakMib:0}")} MiB",
                F($"{b.Median:0} MiB against {a.Median:0} MiB"), b.Median <= a.Median + DecadeExtraPeakMib));
        }
        return targets;
    }

    private static string Range(BenchRange r, string unit) => F($"{r.Median:0.00} {unit} ({r.Min:0.00} - {r.Max:0.00})");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
