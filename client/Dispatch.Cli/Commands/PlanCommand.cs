using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Cli.Output;
using Dispatch.Cli.Planning;
using Dispatch.Cli.Running;
using Dispatch.Model.Planning;
using Dispatch.Model.Reporting;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>plan &lt;scenario&gt; --target "MEASURE&lt;=X" ... --decide PATH[=MIN..MAX] ...</c>: the cheapest setting
/// of the decision variables meeting every target with 95% confidence; <c>--budget H --objective
/// MEASURE</c>: the best use of H weighted officer-hours a day (docs/planning.md). Exit code 3 when
/// no setting meets the targets (or the budget), with the closest setting in plan.json and plan.md.
/// </summary>
public static class PlanCommand
{
    private const string Usage = "dispatch plan <scenario> --decide PATH[=MIN..MAX]... (--target \"MEASURE<=X\"... | --budget H --objective MEASURE) [--weight MODE=W]... [--screen-replications S] [--replications R] [--seed N] [--days D] [--out DIR] [--overwrite] [--cluster CONNECTION]";

    /// <summary>Verification replications when <c>--replications</c> is not given.</summary>
    public const int DefaultReplications = 10;

    /// <summary>The entries a plan writes.</summary>
    public static readonly OutputLayout Layout = new(["plan.json", "plan.md", PlanReport.ChartFile], "plan.json");

    private static readonly string[] Modes = ["foot", "bicycle", "car", "tactical"];

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (JSON)." };
        Option<string[]> Many(string name, string help, string helpName) =>
            new(name) { Description = help, HelpName = helpName, Arity = ArgumentArity.ZeroOrMore, DefaultValueFactory = _ => [] };
        var targets = Many("--target", "A target: MEASURE<=X or MEASURE>=X, e.g. responseMinutes.p90<=10 or byKind[nightlife].visibilityRateNight>=0.5 (repeatable).", "MEASURE<=X");
        var decide = Many("--decide", "A decision variable: a whole-number scenario field, optionally with its range, e.g. units[id=car-baisha].count=4..12 (repeatable).", "PATH[=MIN..MAX]");
        var weight = Many("--weight", "Cost weight of a mode's officer-hours (default 1 each), e.g. car=1.5 (repeatable).", "MODE=W");
        var budget = new Option<double?>("--budget") { Description = "Distribute this many weighted officer-hours a day to best serve --objective instead of meeting targets.", HelpName = "OFFICER_HOURS" };
        var objective = new Option<string?>("--objective") { Description = "With --budget: the headline measure to improve, e.g. responseMinutes.p90.", HelpName = "MEASURE" };
        var screen = new Option<int>("--screen-replications") { Description = "Replications of each candidate while searching.", DefaultValueFactory = _ => 4 };
        var options = new CommonOptions();
        var overlays = new OverlayOptions();
        var command = new Command("plan", "Find the cheapest setting of decision variables meeting targets with 95% confidence (or the best use of a budget).") { scenario };
        foreach (var o in new Option[] { targets, decide, weight, budget, objective, screen })
        {
            command.Options.Add(o);
        }
        options.AddTo(command);
        overlays.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var question = Read(parse, error, parse.GetValue(targets)!, parse.GetValue(decide)!, parse.GetValue(weight)!, parse.GetValue(budget), parse.GetValue(objective), parse.GetValue(screen), options);
            return question is null ? ExitCodes.InvalidInput
                : await ExecuteAsync(console, error, parse, parse.GetValue(scenario)!, question, options, overlays, cancellationToken);
        });
        return command;
    }

    /// <summary>The parsed question, before the scenario is read (variables are read against it later).</summary>
    private sealed record Question(string[] Decide, List<PlanTarget> Targets, Dictionary<string, double> Weights, double? Budget, MeasureSelector? Objective, int Screen, int Verify);

    private static Question? Read(ParseResult parse, TextWriter error, string[] targetTexts, string[] decide, string[] weightTexts, double? budget, string? objectiveText, int screen, CommonOptions options)
    {
        string? problem = options.Check(parse);
        var targets = new List<PlanTarget>();
        foreach (var t in targetTexts)
        {
            if (PlanTarget.TryParse(t, out var e) is { } target)
            {
                targets.Add(target);
            }
            else
            {
                problem ??= $"--target {e}";
            }
        }
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var w in weightTexts)
        {
            var parts = w.Split('=', 2);
            if (parts.Length != 2 || !Modes.Contains(parts[0]) || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= 0) || !double.IsFinite(value))
            {
                problem ??= $"--weight '{w}': expected MODE=W with MODE one of {string.Join(", ", Modes)} and W a number >= 0";
                continue;
            }
            weights[parts[0]] = value;
        }
        MeasureSelector? objective = null;
        if (objectiveText is not null && (objective = MeasureSelector.TryParse(objectiveText, out var objectiveError)) is null)
        {
            problem ??= $"--objective {objectiveError}";
        }
        problem ??= decide.Length == 0 ? "give at least one --decide PATH: the scenario fields the plan may change"
            : budget is null && targets.Count == 0 ? "give at least one --target, or --budget with --objective"
            : budget is not null && targets.Count > 0 ? "--budget and --target do not go together: a budget plan improves --objective within the budget"
            : budget is { } b && !(b > 0 && double.IsFinite(b)) ? $"--budget {b}: expected a positive number of officer-hours a day"
            : budget is not null && objective is null ? "--budget needs --objective MEASURE (the measure to improve)"
            : objective is { Measure.Better: Better.Neutral } ? $"--objective {objective.Name}: a neutral measure has no better direction"
            : screen is < 2 or > 1000 ? $"--screen-replications {screen}: expected 2 to 1000 (an interval needs 2)"
            : null;
        var verify = parse.GetResult(options.Replications) is { Implicit: false } ? parse.GetValue(options.Replications) : DefaultReplications;
        problem ??= verify < Math.Max(2, screen) ? $"--replications {verify}: the verification needs at least as many as the screening ({screen})" : null;
        if (problem is not null)
        {
            CommonOptions.Usage(error, problem, Usage);
            return null;
        }
        return new Question(decide, targets, weights, budget, objective, screen, verify);
    }

    private static async Task<int> ExecuteAsync(IAnsiConsole console, TextWriter error, ParseResult parse, string path, Question q,
        CommonOptions options, OverlayOptions overlayOptions, CancellationToken cancellationToken)
    {
        var overlays = OverlayOptions.Read(parse, error, overlayOptions);
        var loaded = overlays is null ? null : await ScenarioInput.LoadAsync(path, error, cancellationToken, parse.GetValue(options.Days), q.Verify, overlays);
        if (loaded is null)
        {
            return ExitCodes.InvalidInput;
        }
        var (model, json) = loaded.Value;
        var document = JsonNode.Parse(json)!;
        var variables = new List<DecisionVariable>();
        foreach (var d in q.Decide)
        {
            if (DecisionVariable.TryParse(d, document, out var e) is not { } variable)
            {
                return CommonOptions.Usage(error, $"--decide {e}", Usage);
            }
            if (variables.Any(v => v.Path.Text == variable.Path.Text))
            {
                return CommonOptions.Usage(error, $"--decide {variable.Path.Text} is given twice", Usage);
            }
            variables.Add(variable);
        }
        var (days, warmup, lengthProblem) = options.RunLength(parse, model.Days);
        if (lengthProblem is not null)
        {
            return CommonOptions.Usage(error, lengthProblem, Usage);
        }
        var seed = parse.GetValue(options.Seed) ?? model.Seed;
        var outDir = parse.GetValue(options.Out) ?? Path.Combine("out", $"plan-{OverlayOptions.Label(path, overlays!)}");
        if (OutputTarget.TryPrepare(outDir, Layout, parse.GetValue(options.Overwrite), out var outTarget) is { } outProblem)
        {
            return CommonOptions.Usage(error, outProblem, Usage);
        }
        using var heldOutput = outTarget;
        var connected = await ClusterConnection.TryConnectAsync(options.ClusterFor(parse), parse.GetValue(options.State)!, error, cancellationToken);
        if (connected is null)
        {
            return ExitCodes.Failure;
        }
        await using var cluster = connected;
        var runner = new PointRunner(cluster.Grains, json, path, model.Name, seed, days, warmup, "plan");
        var evaluator = new PlanEvaluator(runner, variables, q.Targets, q.Objective, q.Weights, days - warmup, error);
        evaluator.Evaluated += n => error.WriteLine($"plan: {n} evaluations, {runner.ReplicationsRun} replications");
        var planner = new Planner(variables, q.Targets, evaluator, new PlanOptions(q.Screen, q.Verify));
        PlanOutcome outcome;
        try
        {
            outcome = q.Budget is { } budget
                ? await planner.SpendBudgetAsync(budget, q.Objective!.Measure.Better == Better.Higher, cancellationToken)
                : await planner.MinimizeCostAsync(cancellationToken);
        }
        catch (PlanInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        var weights = Modes.ToDictionary(m => m, m => q.Weights.GetValueOrDefault(m, 1), StringComparer.Ordinal);
        var plan = new PlanReport(model.Name, path, seed, days, new PlanOptions(q.Screen, q.Verify), weights, variables, q.Targets, q.Budget, q.Objective, outcome);
        RunOutputWriter.Publish(heldOutput!.Path, Layout, staging =>
        {
            PlanChart.Write(staging, plan);
            RunOutputWriter.WriteAtomically(Path.Combine(staging, "plan.md"), plan.Markdown());
            RunOutputWriter.WriteAtomically(Path.Combine(staging, "plan.json"), plan.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }, cancellationToken);
        Print(console, plan);
        console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(outDir, "plan.md"))}[/], plan.json and {PlanReport.ChartFile}");
        return outcome.Feasible ? ExitCodes.Success : ExitCodes.Infeasible;
    }

    private static void Print(IAnsiConsole console, PlanReport plan)
    {
        var o = plan.Outcome;
        console.MarkupLine(o.Feasible ? $"[green]{Markup.Escape(plan.Headline())}[/]" : $"[red]{Markup.Escape(plan.Headline())}[/]");
        var table = new Table();
        table.AddColumn("Variable / target");
        table.AddColumn(new TableColumn("Before").RightAligned());
        table.AddColumn(new TableColumn("After").RightAligned());
        for (var i = 0; i < plan.Variables.Count; i++)
        {
            table.AddRow(Markup.Escape(plan.Variables[i].Path.Text), $"{o.Initial.Setting[i]}", $"{o.Final.Setting[i]}");
        }
        table.AddRow("Cost (weighted officer-hours/day)", PlanReport.Hours(o.Initial.Cost.Mean), PlanReport.Hours(o.Final.Cost.Mean));
        for (var k = 0; k < plan.Targets.Count; k++)
        {
            var t = plan.Targets[k];
            table.AddRow(Markup.Escape(t.Text + (plan.Binding == k ? " (binding)" : "")), Markup.Escape(PlanReport.Describe(t, o.Initial.Targets[k])), Markup.Escape(PlanReport.Describe(t, o.Final.Targets[k])));
        }
        if (plan.Objective is { } objective)
        {
            table.AddRow(Markup.Escape(objective.Label), PlanReport.Format(objective, o.Initial.Objective!.Mean), PlanReport.Format(objective, o.Final.Objective!.Mean));
        }
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search: {o.Evaluations} evaluations, {o.Trace.Sum(t => t.Replications)} replications, {o.Seconds:0} s"));
    }
}
