using Dispatch.Model.Scenarios;
using Dispatch.Model.Scheduling;

namespace Dispatch.Model.Loading;

/// <summary>The <c>patrol</c> section: the patrol policy (<see cref="PatrolPolicies"/>), dwell, risk model, deterrence and alerts.</summary>
internal sealed class PatrolSection(ProblemSink sink) : SectionBuilder(sink)
{
    public PatrolOptions Build(PatrolDocument? d)
    {
        var o = new PatrolOptions();
        if (d is null)
        {
            return o;
        }
        var policy = d.Policy ?? "risk-guided";
        var policies = PatrolPolicies.Registry;
        Require(policies.Contains(policy), "patrol.policy",
            $"'{policy}' is not a policy; expected {policies.NameList} (lower case){NameSuggestions.DidYouMean(policy, policies.Names)}");
        o = o with
        {
            Policy = policy,
            DwellMinMinutes = d.DwellMinMinutes ?? o.DwellMinMinutes,
            DwellMaxMinutes = d.DwellMaxMinutes ?? o.DwellMaxMinutes,
            ReplanMinutes = d.ReplanMinutes ?? o.ReplanMinutes,
            Diminishing = d.Diminishing ?? o.Diminishing,
            DeterrenceFactor = d.DeterrenceFactor ?? o.DeterrenceFactor,
            ResidualMinutes = d.ResidualMinutes ?? o.ResidualMinutes,
            NearRepeatRadiusMetres = d.NearRepeatRadiusMetres ?? o.NearRepeatRadiusMetres,
            NearRepeatWeight = d.NearRepeatWeight ?? o.NearRepeatWeight,
            NearRepeatDecayMinutes = d.NearRepeatDecayMinutes ?? o.NearRepeatDecayMinutes,
            AlertThreshold = d.AlertThreshold ?? o.AlertThreshold,
            CheckMinutes = d.CheckMinutes ?? o.CheckMinutes,
            AlertCooldownMinutes = d.AlertCooldownMinutes ?? o.AlertCooldownMinutes,
            TopRiskShare = d.TopRiskShare ?? o.TopRiskShare,
        };
        void Check(bool ok, string name, double value, string expected) => Require(ok, $"patrol.{name}", $"is {Num(value)}; expected {expected}");
        Check(o.DwellMinMinutes > 0, "dwellMinMinutes", o.DwellMinMinutes, "a number of minutes greater than 0");
        Check(o.DwellMaxMinutes >= o.DwellMinMinutes, "dwellMaxMinutes", o.DwellMaxMinutes, $"at least dwellMinMinutes ({Num(o.DwellMinMinutes)})");
        Check(o.ReplanMinutes >= 1, "replanMinutes", o.ReplanMinutes, "at least 1 minute");
        Check(o.Diminishing is > 0 and <= 1, "diminishing", o.Diminishing, "a factor greater than 0 and at most 1");
        Check(o.DeterrenceFactor is >= 0 and <= 1, "deterrenceFactor", o.DeterrenceFactor, "a share between 0 and 1");
        Check(o.ResidualMinutes >= 0, "residualMinutes", o.ResidualMinutes, "0 or more minutes");
        Check(o.NearRepeatRadiusMetres >= 0, "nearRepeatRadiusMetres", o.NearRepeatRadiusMetres, "0 or more metres");
        Check(o.NearRepeatWeight >= 0, "nearRepeatWeight", o.NearRepeatWeight, "0 or more");
        Check(o.NearRepeatDecayMinutes > 0, "nearRepeatDecayMinutes", o.NearRepeatDecayMinutes, "a number of minutes greater than 0");
        Check(o.AlertThreshold > 0, "alertThreshold", o.AlertThreshold, "a number of incidents per hour greater than 0");
        Check(o.CheckMinutes > 0, "checkMinutes", o.CheckMinutes, "a number of minutes greater than 0");
        Check(o.AlertCooldownMinutes >= 0, "alertCooldownMinutes", o.AlertCooldownMinutes, "0 or more minutes");
        Check(o.TopRiskShare is > 0 and < 1, "topRiskShare", o.TopRiskShare, "a share greater than 0 and less than 1");
        return o;
    }
}
