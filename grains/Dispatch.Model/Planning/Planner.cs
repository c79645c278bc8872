using System.Diagnostics;

namespace Dispatch.Model.Planning;

/// <summary>
/// The search of <c>plan</c> (docs/planning.md): the cheapest setting of whole-number decision
/// variables meeting every target with 95% confidence. Greedy marginal allocation as in PCAM
/// (add the unit that buys the most shortfall per officer-hour until every target is met), then a
/// local search that tries removing units from each variable (in steps halving down to one unit)
/// and keeps the cheapest removal that still meets the targets. Candidates of a step are one batch
/// on common random numbers with few replications (screening); the result is then verified with
/// more, and the add and remove steps repeated at that precision if needed.
/// </summary>
public sealed partial class Planner(IReadOnlyList<DecisionVariable> variables, IReadOnlyList<PlanTarget> targets, IPlanEvaluator evaluator, PlanOptions options)
{
    private readonly List<TraceStep> _trace = [];
    private readonly Dictionary<string, Evaluation> _seen = [];
    private readonly Stopwatch _clock = new();

    /// <summary>Meets every target with 95% confidence (a screening evaluation: as its interval is projected to the verification).</summary>
    public bool Feasible(Evaluation e) => targets.Select((t, k) => t.Meets(Judged(e.Targets[k]))).All(x => x);

    /// <summary>The sum of the relative shortfalls of the missed targets (0 when feasible).</summary>
    public double Shortfall(Evaluation e) => targets.Select((t, k) => Math.Max(0, -t.Slack(Judged(e.Targets[k])))).Sum();

    /// <summary>The smallest relative slack over the targets: the binding target's.</summary>
    public double MinSlack(Evaluation e) => targets.Select((t, k) => t.Slack(Judged(e.Targets[k]))).DefaultIfEmpty(0).Min();

    /// <summary>
    /// The interval a target is judged on. A screening estimate (fewer replications than the
    /// verification) is judged on the interval the verification would give with the same standard
    /// deviation: its half-width times t(V-1)/t(S-1) x sqrt(S/V). Screening thus predicts the
    /// verification rather than demanding the much wider interval of a few replications (which
    /// would stop the removals far too early); the verification then judges on its own interval.
    /// </summary>
    public Estimate Judged(Estimate e)
    {
        var (s, v) = (e.Count, options.VerifyReplications);
        if (e.HalfWidth is not { } half || s >= v || s < 2)
        {
            return e;
        }
        var projected = half * Reporting.Statistics.StudentT975(v - 1) / Reporting.Statistics.StudentT975(s - 1) * Math.Sqrt((double)s / v);
        return e with { HalfWidth = projected };
    }

    /// <summary>Finds the cheapest setting meeting every target.</summary>
    public async Task<PlanOutcome> MinimizeCostAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        var initial = variables.Select(v => v.Initial).ToList();
        var start = await OneAsync(initial, options.ScreenReplications, "start", cancellationToken);
        var screened = await AddUntilFeasibleAsync(start, "add", cancellationToken);
        if (screened is null)
        {
            return await InfeasibleAsync(initial, cancellationToken);
        }
        screened = await RemoveAsync(screened, FirstStep(screened.Setting), "remove", cancellationToken);
        var (before, checkedPlan) = await VerifyAsync(initial, screened.Setting, cancellationToken);
        var verified = await AddUntilFeasibleAsync(checkedPlan, "verify: add", cancellationToken);
        if (verified is null)
        {
            return await InfeasibleAsync(initial, cancellationToken);
        }
        verified = await RemoveAsync(verified, 1, "verify: remove", cancellationToken);
        return new PlanOutcome(true, before, verified, _trace, _trace.Count, _clock.Elapsed.TotalSeconds);
    }

    /// <summary>The first removal step: half the largest room above a minimum (at least one unit).</summary>
    private int FirstStep(IReadOnlyList<int> setting) =>
        Math.Max(1, variables.Select((v, i) => (setting[i] - v.Min) / 2).DefaultIfEmpty(1).Max());

    /// <summary>Greedy marginal allocation: one unit at a time, to the variable buying the most shortfall per unit of cost; null when every variable is at its maximum and a target is still missed.</summary>
    private async Task<Evaluation?> AddUntilFeasibleAsync(Evaluation current, string phase, CancellationToken cancellationToken)
    {
        while (!Feasible(current))
        {
            var candidates = Neighbours(current.Setting, +1);
            if (candidates.Count == 0)
            {
                return null;
            }
            var evaluated = await BatchAsync(candidates, current.Replications, phase, cancellationToken);
            var gain = evaluated.Select(c => (c, Score: (Shortfall(current) - Shortfall(c)) / Math.Max(c.Cost.Mean!.Value - current.Cost.Mean!.Value, 1e-6))).ToList();
            var best = gain.Any(g => g.Score > 0)
                ? gain.MaxBy(g => g.Score).c
                : evaluated.OrderBy(Shortfall).ThenBy(c => c.Cost.Mean).First();
            current = Accept(best);
        }
        return current;
    }

    /// <summary>
    /// The local search: tries taking <paramref name="step"/> units (clamped at the minimum) from each
    /// variable; when several pass, tries them all together and keeps that if it passes, else the
    /// cheapest single one; halves the step when none passes; a
    /// variable whose removal failed is not tried again at the same step (fewer units do not serve better).
    /// </summary>
    private async Task<Evaluation> RemoveAsync(Evaluation current, int step, string phase, CancellationToken cancellationToken)
    {
        var blocked = new HashSet<int>();
        while (true)
        {
            var moves = Enumerable.Range(0, variables.Count).Where(i => !blocked.Contains(i) && current.Setting[i] > variables[i].Min).ToList();
            if (moves.Count == 0)
            {
                if (step == 1)
                {
                    return current;
                }
                step = Math.Max(1, step / 2);
                blocked.Clear();
                continue;
            }
            var candidates = moves.Select(i => With(current.Setting, i, Math.Max(variables[i].Min, current.Setting[i] - step))).ToList();
            var evaluated = await BatchAsync(candidates, current.Replications, phase, cancellationToken);
            for (var k = 0; k < moves.Count; k++)
            {
                if (!Feasible(evaluated[k]))
                {
                    blocked.Add(moves[k]);
                }
            }
            var feasible = evaluated.Where(Feasible).ToList();
            if (feasible.Count > 1)
            {
                // Every removal that passed alone, together: one more evaluation that can save many steps.
                var together = current.Setting.Select((x, i) => feasible.Select(f => f.Setting[i]).Append(x).Min()).ToList();
                var combined = (await BatchAsync([together], current.Replications, phase + " (together)", cancellationToken))[0];
                if (Feasible(combined))
                {
                    current = Accept(combined);
                    continue;
                }
            }
            if (feasible.Count > 0)
            {
                current = Accept(feasible.OrderBy(c => c.Cost.Mean).ThenByDescending(MinSlack).First());
            }
        }
    }

    /// <summary>The scenario's own setting and the screened plan, side by side with the verification replications.</summary>
    private async Task<(Evaluation Before, Evaluation Plan)> VerifyAsync(IReadOnlyList<int> initial, IReadOnlyList<int> plan, CancellationToken cancellationToken)
    {
        var both = await BatchAsync(Same(initial, plan) ? [plan] : [initial, plan], options.VerifyReplications, "verify", cancellationToken);
        return (both[0], Accept(both[^1]));
    }

    /// <summary>No setting met the targets: the closest one seen (least shortfall, then cheapest), verified.</summary>
    private async Task<PlanOutcome> InfeasibleAsync(IReadOnlyList<int> initial, CancellationToken cancellationToken)
    {
        var closest = _seen.Values.OrderBy(Shortfall).ThenBy(e => e.Cost.Mean).First();
        var (before, final) = await VerifyAsync(initial, closest.Setting, cancellationToken);
        return new PlanOutcome(false, before, final, _trace, _trace.Count, _clock.Elapsed.TotalSeconds);
    }
}
