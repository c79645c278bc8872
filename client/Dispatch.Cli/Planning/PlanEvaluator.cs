using Dispatch.Model.Planning;
using Dispatch.Model.Reporting;

namespace Dispatch.Cli.Planning;

/// <summary>
/// Evaluates a plan's candidate settings in the cluster: each batch is one experiment of points
/// (<see cref="PointRunner"/>) on common random numbers. The cost of a replication is its
/// officer-hours on duty by mode (report.json <c>cost.byMode</c>) times the mode's weight, per
/// simulated day after the warm-up.
/// </summary>
public sealed class PlanEvaluator(
    PointRunner runner, IReadOnlyList<DecisionVariable> variables, IReadOnlyList<PlanTarget> targets, MeasureSelector? objective,
    IReadOnlyDictionary<string, double> weights, double statisticsDays, TextWriter error) : IPlanEvaluator
{
    /// <summary>Raised after every batch with the number of evaluations so far (for a progress line).</summary>
    public event Action<int>? Evaluated;

    private int _count;

    public async Task<IReadOnlyList<Evaluation>> EvaluateAsync(IReadOnlyList<IReadOnlyList<int>> settings, int replications, CancellationToken cancellationToken)
    {
        // Each candidate is the scenario with its settings applied and checked (in parallel: a large scenario takes a while to check).
        var jsons = await Task.WhenAll(settings.Select(s => Task.Run(() => runner.PointJson(Settings(s), error), cancellationToken)));
        if (jsons.Any(j => j is null))
        {
            throw new PlanInputException("a candidate setting is not a valid scenario (the problems are printed above)");
        }
        var reports = await runner.RunAsync(jsons!, replications, null, cancellationToken);
        _count += settings.Count;
        Evaluated?.Invoke(_count);
        return settings.Select((s, p) => new Evaluation(s, replications, Estimate.Of(reports[p].Select(Cost).ToList()),
            targets.Select(t => t.Measure.Over(reports[p])).ToList(), objective?.Over(reports[p]))).ToList();
    }

    /// <summary>
    /// The settings of a candidate, one per decision variable. A count of 0 of a list entry
    /// (<c>units[id=x].count</c>, <c>surge.units[id=y].count</c>) takes the entry out: a scenario
    /// entry holds at least one unit.
    /// </summary>
    public IReadOnlyList<PointSetting> Settings(IReadOnlyList<int> setting) =>
        variables.Select((v, i) => setting[i] == 0 && RemovableEntry(v) is { } entry
            ? new PointSetting(entry, null)
            : new PointSetting(v.Path.Text, setting[i].ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

    /// <summary>The entry path of a <c>...[id=x].count</c> variable, else null.</summary>
    private static string? RemovableEntry(DecisionVariable v) =>
        v.Path.Steps is [.., { Kind: Model.Scenarios.Overlays.OverlayStepKind.Select }, { Kind: Model.Scenarios.Overlays.OverlayStepKind.Field, Name: "count" }]
            ? v.Path.Text[..^".count".Length]
            : null;

    /// <summary>Weighted officer-hours per simulated day of one replication.</summary>
    public double Cost(Report report) =>
        (report.Cost?.ByMode.Sum(m => m.OfficerHours * weights.GetValueOrDefault(m.Mode, 1)) ?? 0) / statisticsDays;
}

/// <summary>The plan cannot go on because of its input (exit code 2).</summary>
public sealed class PlanInputException(string message) : Exception(message);
