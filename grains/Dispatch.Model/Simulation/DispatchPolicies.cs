using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// The dispatch policies a scenario may choose (<c>dispatch.policy</c>), registered here and nowhere
/// else: validation, the kernel, the report and the docs read this list. Adding a policy is one new
/// file and one line here (plus its row in docs/scenario-format.md, which a test holds to this list).
/// </summary>
public static class DispatchPolicies
{
    /// <summary>Every dispatch policy, in the order the docs list them.</summary>
    public static readonly PolicyRegistry<Func<Scenario, IDispatchPolicy>> Registry = new("dispatch",
    [
        new(DispatchOptions.DefaultPolicy, "指令导处: the free capable unit with the shortest travel time", s => new NearestAvailableDispatch(s.Dispatch)),
        new(OwnSectorFirstDispatch.PolicyName, "a unit of the incident's own sector unless one from outside is faster by more than sectorMarginMinutes", s => new OwnSectorFirstDispatch(s.Dispatch, s.Stations)),
    ]);

    /// <summary>The registered names, in registration order.</summary>
    public static IReadOnlyList<string> Names => Registry.Names;

    /// <summary>A new policy of the kind the scenario names (<see cref="DispatchOptions.Policy"/>).</summary>
    public static IDispatchPolicy Create(Scenario scenario) => Registry.Find(scenario.Dispatch.Policy).Create(scenario);
}
