namespace Dispatch.Model.Planning;

/// <summary>A setting of the decision variables evaluated over replications 0..R-1: its cost per day and each target's estimate.</summary>
/// <param name="Setting">The value of each decision variable, in their order.</param>
/// <param name="Replications">Replications it was evaluated on.</param>
/// <param name="Cost">Weighted officer-hours on duty per simulated day (mean over the replications).</param>
/// <param name="Targets">Each target's measure, in the order of the targets.</param>
/// <param name="Objective">The objective's measure (budget mode), else null.</param>
public sealed record Evaluation(IReadOnlyList<int> Setting, int Replications, Estimate Cost, IReadOnlyList<Estimate> Targets, Estimate? Objective);

/// <summary>Evaluates settings: a batch at a time, all on the same replications (common random numbers).</summary>
public interface IPlanEvaluator
{
    /// <summary>Evaluates every setting of the batch on replications 0..<paramref name="replications"/>-1.</summary>
    Task<IReadOnlyList<Evaluation>> EvaluateAsync(IReadOnlyList<IReadOnlyList<int>> settings, int replications, CancellationToken cancellationToken);
}

/// <summary>How hard the search looks: screening and verification replications.</summary>
/// <param name="ScreenReplications">Replications of each candidate while searching.</param>
/// <param name="VerifyReplications">Replications of the final check (and of the search steps after it).</param>
public sealed record PlanOptions(int ScreenReplications, int VerifyReplications);

/// <summary>One evaluation in the search trace.</summary>
/// <param name="Step">Its number, from 1.</param>
/// <param name="Setting">The value of each decision variable.</param>
/// <param name="Replications">Replications it was evaluated on.</param>
/// <param name="Cost">Weighted officer-hours per day (mean).</param>
/// <param name="TargetEnds">Each target's judged interval end.</param>
/// <param name="Feasible">Whether it met every target.</param>
/// <param name="Phase">The search phase: <c>start</c>, <c>add</c>, <c>remove</c>, <c>verify</c> (with <c>screen</c> or <c>verify</c> replications).</param>
/// <param name="Accepted">The search moved to this setting.</param>
/// <param name="Seconds">Wall seconds since the search began, when the evaluation ended.</param>
public sealed record TraceStep(int Step, string Phase, IReadOnlyList<int> Setting, int Replications, double Cost, IReadOnlyList<double?> TargetEnds, bool Feasible, bool Accepted, double Seconds);

/// <summary>What the search found.</summary>
/// <param name="Feasible">Whether <see cref="Final"/> meets every target (budget mode: keeps to the budget).</param>
/// <param name="Initial">The scenario's own setting, evaluated with the verification replications.</param>
/// <param name="Final">The plan (or, when infeasible, the closest setting found), evaluated with the verification replications.</param>
/// <param name="Trace">Every evaluation, in order.</param>
/// <param name="Evaluations">Settings evaluated (each on its replications).</param>
/// <param name="Seconds">Wall seconds of the search.</param>
public sealed record PlanOutcome(bool Feasible, Evaluation Initial, Evaluation Final, IReadOnlyList<TraceStep> Trace, int Evaluations, double Seconds);
