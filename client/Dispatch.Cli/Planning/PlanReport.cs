using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dispatch.Cli.Output;
using Dispatch.Model.Planning;

namespace Dispatch.Cli.Planning;

/// <summary>What <c>plan</c> reports: the question (variables, targets or budget) and the search's outcome.</summary>
public sealed record PlanReport(
    string Scenario, string ScenarioPath, long Seed, int Days, PlanOptions Options, IReadOnlyDictionary<string, double> Weights,
    IReadOnlyList<DecisionVariable> Variables, IReadOnlyList<PlanTarget> Targets, double? Budget, MeasureSelector? Objective, PlanOutcome Outcome)
{
    /// <summary>The chart of cost against the binding measure along the search.</summary>
    public const string ChartFile = "plan-search.png";

    /// <summary>"found", "infeasible" (no setting meets the targets) or, in budget mode, "over budget".</summary>
    public string Status => Outcome.Feasible ? "found" : Budget is null ? "infeasible" : "over budget";

    /// <summary>The target with the least slack at the final setting (null without targets).</summary>
    public int? Binding => Targets.Count == 0 ? null
        : Enumerable.Range(0, Targets.Count).MinBy(k => Targets[k].Slack(Outcome.Final.Targets[k]));

    public JsonObject ToJson()
    {
        var o = Outcome;
        return new JsonObject
        {
            ["schemaVersion"] = 1,
            ["scenario"] = Scenario,
            ["scenarioFile"] = ScenarioPath,
            ["seed"] = Seed,
            ["simulatedDays"] = Days,
            ["status"] = Status,
            ["screeningReplications"] = Options.ScreenReplications,
            ["verificationReplications"] = Options.VerifyReplications,
            ["costUnit"] = "weighted officer-hours on duty per simulated day",
            ["modeWeights"] = new JsonObject(Weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => KeyValuePair.Create(w.Key, (JsonNode?)w.Value))),
            ["budget"] = Budget,
            ["objective"] = Objective?.Name,
            ["variables"] = new JsonArray(Variables.Select((v, i) => (JsonNode)new JsonObject
            {
                ["path"] = v.Path.Text, ["min"] = v.Min, ["max"] = v.Max, ["before"] = o.Initial.Setting[i], ["after"] = o.Final.Setting[i],
            }).ToArray()),
            ["cost"] = new JsonObject { ["before"] = EstimateJson(o.Initial.Cost), ["after"] = EstimateJson(o.Final.Cost) },
            ["targets"] = new JsonArray(Targets.Select((t, k) => (JsonNode)new JsonObject
            {
                ["target"] = t.Text, ["measure"] = t.Measure.Name, ["bound"] = t.Bound, ["atMost"] = t.AtMost,
                ["before"] = TargetJson(t, o.Initial.Targets[k]), ["after"] = TargetJson(t, o.Final.Targets[k]),
                ["binding"] = Binding == k,
            }).ToArray()),
            ["objectiveValue"] = Objective is null ? null : new JsonObject { ["before"] = EstimateJson(o.Initial.Objective!), ["after"] = EstimateJson(o.Final.Objective!) },
            ["search"] = new JsonObject
            {
                ["evaluations"] = o.Evaluations,
                ["replicationsRun"] = o.Trace.Sum(t => t.Replications),
                ["seconds"] = Math.Round(o.Seconds, 1),
                ["trace"] = new JsonArray(o.Trace.Select(t => (JsonNode)new JsonObject
                {
                    ["step"] = t.Step, ["phase"] = t.Phase, ["setting"] = new JsonArray(t.Setting.Select(v => (JsonNode?)v).ToArray()),
                    ["replications"] = t.Replications, ["cost"] = Math.Round(t.Cost, 3),
                    ["targetEnds"] = new JsonArray(t.TargetEnds.Select(v => (JsonNode?)(v is { } x ? Math.Round(x, 6) : null)).ToArray()),
                    ["feasible"] = t.Feasible, ["accepted"] = t.Accepted, ["seconds"] = Math.Round(t.Seconds, 1),
                }).ToArray()),
            },
        };
    }

    private static JsonObject EstimateJson(Estimate e) => new()
    {
        ["mean"] = e.Mean is { } m ? Math.Round(m, 6) : null,
        ["ci95HalfWidth"] = e.HalfWidth is { } h ? Math.Round(h, 6) : null,
    };

    private static JsonObject TargetJson(PlanTarget t, Estimate e)
    {
        var json = EstimateJson(e);
        json["judgedEnd"] = t.End(e) is { } end ? Math.Round(end, 6) : null;
        json["met"] = t.Meets(e);
        return json;
    }

    /// <summary>A measure's value in its format ("94.8%", "5.20").</summary>
    public static string Format(MeasureSelector m, double? v) => Output.Headline.Format(m.Measure.Format, v);

    /// <summary>"5.20 ± 0.31 (upper end 5.51): met".</summary>
    public static string Describe(PlanTarget t, Estimate e) =>
        $"{Format(t.Measure, e.Mean)}{(e.HalfWidth is { } h ? " ± " + Format(t.Measure, h) : "")} ({(t.AtMost ? "upper" : "lower")} end {Format(t.Measure, t.End(e))}): {(t.Meets(e) ? "met" : "missed")}";

    public static string Hours(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    public string Markdown()
    {
        var o = Outcome;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Plan: {Scenario}\n\n");
        md.Append(Headline()).Append("\n\n");
        md.Append("## Decision variables\n\n| Variable | Range | Before | After |\n|---|---|---:|---:|\n");
        for (var i = 0; i < Variables.Count; i++)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{Variables[i].Path.Text}` | {Variables[i].Min}..{Variables[i].Max} | {o.Initial.Setting[i]} | {o.Final.Setting[i]} |\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"\n## Cost (weighted officer-hours on duty per day)\n\n| | Before | After |\n|---|---:|---:|\n| Cost | {Hours(o.Initial.Cost.Mean)} | {Hours(o.Final.Cost.Mean)} |\n\n");
        if (Targets.Count > 0)
        {
            md.Append("## Targets (met when the interval end meets the bound)\n\n| Target | Before | After |\n|---|---|---|\n");
            for (var k = 0; k < Targets.Count; k++)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{Targets[k].Text}`{(Binding == k ? " (binding)" : "")} | {Describe(Targets[k], o.Initial.Targets[k])} | {Describe(Targets[k], o.Final.Targets[k])} |\n");
            }
            md.Append('\n');
        }
        if (Objective is { } objective)
        {
            md.Append(CultureInfo.InvariantCulture, $"Objective {objective.Label}: {Format(objective, o.Initial.Objective!.Mean)} before, {Format(objective, o.Final.Objective!.Mean)} ± {Format(objective, o.Final.Objective.HalfWidth)} after.\n\n");
        }
        md.Append(CultureInfo.InvariantCulture, $"## Search\n\n{o.Evaluations} evaluations ({o.Trace.Sum(t => t.Replications)} replications) in {o.Seconds:0} s: ");
        md.Append(CultureInfo.InvariantCulture, $"screening with {Options.ScreenReplications} replications, verification with {Options.VerifyReplications}, all on common random numbers.\n\n");
        md.Append(CultureInfo.InvariantCulture, $"![Cost against the binding measure along the search]({ChartFile})\n\n");
        md.Append("| Step | Phase | Setting | Replications | Cost/day | Targets' judged ends | Feasible | Taken | s |\n|---:|---|---|---:|---:|---|---|---|---:|\n");
        foreach (var t in o.Trace)
        {
            var ends = string.Join(", ", t.TargetEnds.Select((e, k) => Format(Targets[k].Measure, e)));
            md.Append(CultureInfo.InvariantCulture, $"| {t.Step} | {t.Phase} | {string.Join(" ", t.Setting)} | {t.Replications} | {Hours(t.Cost)} | {ends} | {(t.Feasible ? "yes" : "no")} | {(t.Accepted ? "yes" : "")} | {t.Seconds:0} |\n");
        }
        return md.ToString();
    }

    /// <summary>The one-paragraph answer.</summary>
    public string Headline()
    {
        var o = Outcome;
        var changes = Variables.Select((v, i) => o.Initial.Setting[i] == o.Final.Setting[i] ? null : $"{v.Path.Text} {o.Initial.Setting[i]} -> {o.Final.Setting[i]}")
            .Where(c => c is not null).ToList();
        var what = changes.Count == 0 ? "no change to the scenario's setting" : string.Join(", ", changes);
        return Status switch
        {
            "found" when Budget is null => $"Cheapest setting found meeting every target with 95% confidence: {what}; cost {Hours(o.Initial.Cost.Mean)} -> {Hours(o.Final.Cost.Mean)} weighted officer-hours a day (verified with {Options.VerifyReplications} replications).",
            "found" => $"Best use of the budget of {Hours(Budget)} officer-hours a day for {Objective!.Label}: {what}; cost {Hours(o.Final.Cost.Mean)} a day.",
            "infeasible" => $"INFEASIBLE: no setting within the ranges meets every target with 95% confidence. Closest setting: {ClosestSetting()}, cost {Hours(o.Final.Cost.Mean)} a day, with {string.Join("; ", Targets.Select((t, k) => $"{t.Text}: {Describe(t, o.Final.Targets[k])}"))}.",
            _ => $"OVER BUDGET: even with every variable at its minimum ({ClosestSetting()}) the cost is {Hours(o.Final.Cost.Mean)} officer-hours a day, above the budget of {Hours(Budget)}.",
        };
    }

    private string ClosestSetting() => string.Join(", ", Variables.Select((v, i) => $"{v.Path.Text}={Outcome.Final.Setting[i]}"));
}
