using Dispatch.Model.Randomness;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>The <c>incidentTypes</c> section: priorities, targets, on-scene time distributions, escalation.</summary>
internal sealed class IncidentTypesSection(ProblemSink sink) : SectionBuilder(sink)
{
    public List<IncidentType> Build(List<IncidentTypeDocument>? documents)
    {
        var types = new List<IncidentType>();
        var ids = new Dictionary<string, string>();
        if (documents is null || documents.Count == 0)
        {
            Error("incidentTypes", "missing; at least one incident type is needed");
            return types;
        }
        for (var i = 0; i < documents.Count; i++)
        {
            var t = documents[i];
            var path = $"incidentTypes[{i}]";
            if (t is null)
            {
                Error(path, "expected an incident type object");
                continue;
            }
            var id = RequireId(t.Id, path, ids);
            var priority = t.Priority ?? 0;
            Require(t.Priority is >= 1 and <= 9, $"{path}.priority",
                t.Priority is null ? "missing; expected a whole number from 1 (most urgent) to 9" : $"is {priority}; expected a whole number from 1 (most urgent) to 9");
            var target = t.TargetResponseMinutes ?? 0;
            Require(target > 0, $"{path}.targetResponseMinutes",
                t.TargetResponseMinutes is null ? "missing; expected the target response time in minutes (greater than 0)" : $"is {Num(target)}; expected a number of minutes greater than 0");
            var onScene = BuildDuration(t.OnScene, $"{path}.onScene");
            var capable = new HashSet<UnitMode>();
            foreach (var (name, k) in (t.Modes ?? []).Select((n, k) => (n, k)))
            {
                if (TryParseMode(name, out var mode))
                {
                    capable.Add(mode);
                }
                else
                {
                    Error($"{path}.modes[{k}]", $"unknown mode '{name}'; expected {ModeList}{NameSuggestions.DidYouMean(name, ModeNames)}");
                }
            }
            if (capable.Count == 0)
            {
                capable.UnionWith(Enum.GetValues<UnitMode>());
            }
            var onView = t.OnViewProbability ?? 0;
            Require(onView is >= 0 and <= 1, $"{path}.onViewProbability", $"is {Num(onView)}; expected a probability between 0 and 1");
            var transfer = t.TransferShare ?? 0;
            Require(transfer is >= 0 and <= 1, $"{path}.transferShare", $"is {Num(transfer)}; expected a share between 0 and 1");
            var escalation = t.EscalationMinutes ?? double.PositiveInfinity;
            Require(escalation > 0, $"{path}.escalationMinutes", $"is {Num(escalation)}; expected a number of minutes greater than 0");
            var escalatedPriority = t.EscalatedPriority ?? Math.Max(1, priority - 1);
            Require(escalatedPriority >= 1 && escalatedPriority <= Math.Max(priority, 1), $"{path}.escalatedPriority",
                $"is {escalatedPriority}; expected a priority from 1 to the type's own priority ({priority})");
            var factor = t.EscalatedOnSceneFactor ?? 1.5;
            Require(factor >= 1, $"{path}.escalatedOnSceneFactor", $"is {Num(factor)}; expected at least 1");
            var required = t.Units ?? 1;
            Require(required is >= 1 and <= 20, $"{path}.units", $"is {required}; expected the number of units the type needs on scene, a whole number from 1 to 20");
            types.Add(new IncidentType(types.Count, id, t.Name ?? id, priority, target, onScene, capable)
            {
                OnViewProbability = onView,
                TransferShare = transfer,
                EscalationMinutes = escalation,
                EscalatedPriority = escalatedPriority,
                EscalatedOnSceneFactor = factor,
                UnitsRequired = Math.Clamp(required, 1, 20),
            });
        }
        return types;
    }

    internal IDistribution BuildDuration(DurationDocument? d, string path)
    {
        if (d is null)
        {
            Error(path, "missing; expected for example { \"distribution\": \"exponential\", \"mean\": 30 }");
            return new FixedDistribution(1);
        }
        void Positive(double? value, string name)
        {
            Require(value > 0, $"{path}.{name}", value is null ? $"missing; expected a number of minutes greater than 0" : $"is {Num(value.Value)}; expected a number of minutes greater than 0");
        }
        switch (d.Distribution?.ToLowerInvariant())
        {
            case "exponential":
                Positive(d.Mean, "mean");
                return new ExponentialDistribution(d.Mean > 0 ? d.Mean.Value : 1);
            case "lognormal":
                Positive(d.Mean, "mean");
                Positive(d.Sd, "sd");
                return d.Mean > 0 && d.Sd > 0 ? new LogNormalDistribution(d.Mean.Value, d.Sd.Value) : new FixedDistribution(1);
            case "fixed":
                Positive(d.Value, "value");
                return new FixedDistribution(d.Value > 0 ? d.Value.Value : 1);
            case "uniform":
                Require(d.Min >= 0, $"{path}.min", d.Min is null ? "missing; expected a number of minutes, 0 or more" : $"is {Num(d.Min.Value)}; expected 0 or more");
                Require(d.Max > d.Min || d.Min is null, $"{path}.max", d.Max is null ? "missing; expected a number of minutes greater than min" : $"is {Num(d.Max.Value)}; expected more than min ({Num(d.Min ?? 0)})");
                return d.Min >= 0 && d.Max > d.Min ? new UniformDistribution(d.Min.Value, d.Max.Value) : new FixedDistribution(1);
            case null:
                Error($"{path}.distribution", "missing; expected exponential, lognormal, fixed or uniform");
                return new FixedDistribution(1);
            default:
                Error($"{path}.distribution", $"'{d.Distribution}' is not supported; expected exponential, lognormal, fixed or uniform" +
                    NameSuggestions.DidYouMean(d.Distribution.ToLowerInvariant(), ["exponential", "lognormal", "fixed", "uniform"]));
                return new FixedDistribution(1);
        }
    }
}
