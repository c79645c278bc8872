using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Loading;

/// <summary>The <c>dispatch</c> section: the dispatch policy (<see cref="DispatchPolicies"/>), the queue, post breaking, the tactical preference and the sector margin.</summary>
internal sealed class DispatchSection(ProblemSink sink) : SectionBuilder(sink)
{
    public DispatchOptions Build(DispatchDocument? d)
    {
        var o = new DispatchOptions(d?.Queue ?? true)
        {
            PreemptPostsUpToPriority = d?.PreemptPostsUpToPriority ?? 9,
            TacticalPreferenceMinutes = d?.TacticalPreferenceMinutes ?? 0,
        };
        if (d is null)
        {
            return o;
        }
        var policies = DispatchPolicies.Registry;
        var policy = d.Policy ?? DispatchOptions.DefaultPolicy;
        Require(policies.Contains(policy), "dispatch.policy",
            $"'{policy}' is not a dispatch policy; expected {policies.NameList} (lower case){NameSuggestions.DidYouMean(policy, policies.Names)}");
        var margin = d.SectorMarginMinutes ?? o.SectorMarginMinutes;
        Require(margin >= 0 && double.IsFinite(margin), "dispatch.sectorMarginMinutes", $"is {Num(margin)}; expected 0 or more minutes");
        return o with { Policy = policy, SectorMarginMinutes = margin };
    }
}
