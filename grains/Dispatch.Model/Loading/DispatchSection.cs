using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Loading;

/// <summary>
/// The <c>dispatch</c> section: the dispatch policy (<see cref="DispatchPolicies"/>), the queue, post
/// breaking, the tactical preference, the sector margin, call-handling and turnout times by priority
/// and pre-emption (<c>divert</c>).
/// </summary>
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
        return o with
        {
            Policy = policy,
            SectorMarginMinutes = margin,
            CallHandling = ByPriority(d.CallHandling, "dispatch.callHandling"),
            Turnout = ByPriority(d.Turnout, "dispatch.turnout"),
            Divert = BuildDivert(d.Divert),
            MoveUp = d.MoveUp ?? false,
        };
    }

    /// <summary>Durations keyed by priority ("1" .. "9"), or "*" for every priority not listed.</summary>
    private Dictionary<int, IDistribution> ByPriority(Dictionary<string, DurationDocument>? byPriority, string path)
    {
        var result = new Dictionary<int, IDistribution>();
        if (byPriority is null)
        {
            return result;
        }
        var durations = new IncidentTypesSection(Sink);
        IDistribution? other = null;
        foreach (var (key, duration) in byPriority)
        {
            if (key == "*")
            {
                other = durations.BuildDuration(duration, $"{path}.*");
            }
            else if (key.Length == 1 && key[0] is >= '1' and <= '9')
            {
                result[key[0] - '0'] = durations.BuildDuration(duration, $"{path}.{key}");
            }
            else
            {
                Error($"{path}.{key}", $"'{key}' is not a priority; expected keys \"1\" to \"9\", or \"*\" for every priority not listed");
            }
        }
        if (other is not null)
        {
            for (var p = 1; p <= 9; p++)
            {
                result.TryAdd(p, other);
            }
        }
        return result;
    }

    private DivertOptions? BuildDivert(DivertDocument? d)
    {
        if (d is null)
        {
            return null;
        }
        var forPriority = d.ForPriority ?? 1;
        var fromPriority = d.FromPriority ?? 3;
        Require(forPriority is >= 1 and <= 9, "dispatch.divert.forPriority", $"is {forPriority}; expected a priority from 1 to 9 (calls this urgent or more may divert a unit)");
        Require(fromPriority is >= 1 and <= 9, "dispatch.divert.fromPriority", $"is {fromPriority}; expected a priority from 1 to 9 (units on incidents this urgent or less may be diverted)");
        Require(fromPriority > forPriority, "dispatch.divert.fromPriority",
            $"is {fromPriority}; expected a priority less urgent (a larger number) than forPriority ({forPriority})");
        return new DivertOptions(forPriority, fromPriority, d.OnScene ?? true);
    }
}
