using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Scheduling;

/// <summary>
/// The patrol policies a scenario may choose (<c>patrol.policy</c>), registered here and nowhere
/// else: validation, the kernel and the docs read this list. Adding a policy is one new file and
/// one line here (plus its row in docs/scenario-format.md, which a test holds to this list).
/// </summary>
public static class PatrolPolicies
{
    /// <summary>Every patrol policy, in the order the docs list them.</summary>
    public static readonly PolicyRegistry<Func<IPatrolPolicy>> Registry = new("patrol",
    [
        new("static", "posts only: patrol units wait at their station between calls", () => new StaticPolicy()),
        new("uniform", "every hotspot of a beat weighs the same, so patrol time is spread evenly", () => new UniformPolicy()),
        new("risk-guided", "风险导巡: a hotspot weighs its forecast risk (profile rate plus near-repeat) for the coming period", () => new RiskGuidedPolicy()),
    ]);

    /// <summary>The registered names, in registration order.</summary>
    public static IReadOnlyList<string> Names => Registry.Names;

    /// <summary>A new policy of the registered name; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public static IPatrolPolicy Create(string name) => Registry.Find(name).Create();
}
