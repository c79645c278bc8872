namespace Dispatch.Model.Planning;

/// <summary>The planner's bookkeeping: batches (with a cache), the trace, neighbours and the budget mode.</summary>
public sealed partial class Planner
{
    /// <summary>The trace so far.</summary>
    public IReadOnlyList<TraceStep> Trace => _trace;

    private async Task<Evaluation> OneAsync(IReadOnlyList<int> setting, int replications, string phase, CancellationToken cancellationToken) =>
        Accept((await BatchAsync([setting], replications, phase, cancellationToken))[0]);

    /// <summary>Evaluates the settings not evaluated before with these replications (one batch), and traces each.</summary>
    private async Task<IReadOnlyList<Evaluation>> BatchAsync(IReadOnlyList<IReadOnlyList<int>> settings, int replications, string phase, CancellationToken cancellationToken)
    {
        var missing = settings.Where(s => !_seen.ContainsKey(Key(s, replications))).DistinctBy(s => Key(s, replications)).ToList();
        if (missing.Count > 0)
        {
            var evaluated = await evaluator.EvaluateAsync(missing, replications, cancellationToken);
            foreach (var e in evaluated)
            {
                _seen[Key(e.Setting, replications)] = e;
                _trace.Add(new TraceStep(_trace.Count + 1, phase, e.Setting, replications, e.Cost.Mean ?? 0,
                    targets.Select((t, k) => t.End(Judged(e.Targets[k]))).ToList(), Feasible(e), false, _clock.Elapsed.TotalSeconds));
            }
        }
        return settings.Select(s => _seen[Key(s, replications)]).ToList();
    }

    /// <summary>Marks the last trace entry of the setting as a step the search took.</summary>
    private Evaluation Accept(Evaluation e)
    {
        var index = _trace.FindLastIndex(t => Same(t.Setting, e.Setting) && t.Replications == e.Replications);
        if (index >= 0)
        {
            _trace[index] = _trace[index] with { Accepted = true };
        }
        return e;
    }

    private List<IReadOnlyList<int>> Neighbours(IReadOnlyList<int> setting, int delta) =>
        Enumerable.Range(0, variables.Count)
            .Where(i => setting[i] + delta >= variables[i].Min && setting[i] + delta <= variables[i].Max)
            .Select(i => With(setting, i, setting[i] + delta))
            .ToList();

    private static IReadOnlyList<int> With(IReadOnlyList<int> setting, int i, int value)
    {
        var copy = setting.ToArray();
        copy[i] = value;
        return copy;
    }

    private static bool Same(IReadOnlyList<int> a, IReadOnlyList<int> b) => a.SequenceEqual(b);

    private static string Key(IReadOnlyList<int> setting, int replications) => $"{replications}:{string.Join(',', setting)}";

    /// <summary>
    /// The second PCAM mode: distributes a budget of weighted officer-hours per day to best serve
    /// the objective measure of the evaluations (<paramref name="higherIsBetter"/> says which way). Starts from the
    /// scenario's setting, takes units away (least objective lost per hour saved) while over budget,
    /// then adds the unit that gains the most per hour while the budget allows; verified at the end.
    /// </summary>
    public async Task<PlanOutcome> SpendBudgetAsync(double budget, bool higherIsBetter, CancellationToken cancellationToken)
    {
        _clock.Start();
        double Value(Evaluation e) => (higherIsBetter ? 1 : -1) * (e.Objective?.Mean ?? double.NegativeInfinity);
        var initial = variables.Select(v => v.Initial).ToList();
        var current = await OneAsync(initial, options.ScreenReplications, "start", cancellationToken);
        while (current.Cost.Mean > budget)
        {
            var candidates = Neighbours(current.Setting, -1);
            if (candidates.Count == 0)
            {
                var (b, f) = await VerifyAsync(initial, current.Setting, cancellationToken);
                return new PlanOutcome(false, b, f, _trace, _trace.Count, _clock.Elapsed.TotalSeconds);
            }
            var evaluated = await BatchAsync(candidates, current.Replications, "remove", cancellationToken);
            var now = current;
            current = Accept(evaluated.MaxBy(c => (Value(c) - Value(now)) / Math.Max(now.Cost.Mean!.Value - c.Cost.Mean!.Value, 1e-6))!);
        }
        while (true)
        {
            var evaluated = await BatchAsync(Neighbours(current.Setting, +1), current.Replications, "add", cancellationToken);
            var now = current;
            var better = evaluated.Where(c => c.Cost.Mean <= budget && Value(c) > Value(now)).ToList();
            if (better.Count == 0)
            {
                break;
            }
            current = Accept(better.MaxBy(c => (Value(c) - Value(now)) / Math.Max(c.Cost.Mean!.Value - now.Cost.Mean!.Value, 1e-6))!);
        }
        var (before, final) = await VerifyAsync(initial, current.Setting, cancellationToken);
        return new PlanOutcome(final.Cost.Mean <= budget, before, final, _trace, _trace.Count, _clock.Elapsed.TotalSeconds);
    }
}
