using System.CommandLine;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scenarios.Overlays;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>--overlay FILE</c> and <c>--set PATH=VALUE</c> (both repeatable): changes to the scenario a verb
/// reads, applied in memory (docs/scenario-format.md section 8). All overlay files apply first, in
/// the order given, then all <c>--set</c> arguments, in the order given. <c>compare</c> also has a
/// pair for each side (<c>--overlay-a</c>, <c>--set-b</c>, ...), applied after the common ones.
/// </summary>
public sealed class OverlayOptions
{
    /// <param name="suffix">"" for the common options, "-a" or "-b" for one side of <c>compare</c>.</param>
    public OverlayOptions(string suffix = "")
    {
        var side = suffix.Length == 0 ? "" : $"; scenario {suffix[1..].ToUpperInvariant()} only";
        Set = new Option<string[]>($"--set{suffix}")
        {
            Description = $"Change a scenario field: PATH=VALUE, e.g. units[id=car-north].count=8 or surge.from=20:00 (repeatable{side}).",
            HelpName = "PATH=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => [],
        };
        Overlay = new Option<string[]>($"--overlay{suffix}")
        {
            Description = $"Apply an overlay file of changes (set, add, remove; repeatable{side}).",
            HelpName = "FILE",
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => [],
        };
    }

    public Option<string[]> Set { get; }

    public Option<string[]> Overlay { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Overlay);
        command.Options.Add(Set);
    }

    /// <summary>True when any overlay or <c>--set</c> is given.</summary>
    public bool Any(ParseResult parse) => parse.GetValue(Overlay)!.Length > 0 || parse.GetValue(Set)!.Length > 0;

    /// <summary>
    /// The overlays of <paramref name="groups"/> (files of every group first, then settings), or null
    /// after printing every problem with them (each with its file, line, column and path, or its argument).
    /// </summary>
    public static IReadOnlyList<Overlay>? Read(ParseResult parse, TextWriter error, params OverlayOptions[] groups)
    {
        var problems = new List<ScenarioProblem>();
        var overlays = new List<Overlay>();
        foreach (var file in groups.SelectMany(g => parse.GetValue(g.Overlay)!))
        {
            if (OverlayReader.ReadFile(file, problems) is { } overlay)
            {
                overlays.Add(overlay);
            }
        }
        foreach (var argument in groups.SelectMany(g => parse.GetValue(g.Set)!))
        {
            if (Dispatch.Model.Scenarios.Overlays.Overlay.FromAssignment(argument, problems) is { } overlay)
            {
                overlays.Add(overlay);
            }
        }
        if (problems.Count > 0)
        {
            foreach (var p in problems.OrderBy(p => p.IsError ? 0 : 1))
            {
                error.WriteLine($"{(p.IsError ? "error" : "warning")}: {p.Where}: {p.Message}");
            }
        }
        return problems.Any(p => p.IsError) ? null : overlays;
    }

    /// <summary>How the overlays are named after the scenario: "" without any, else " with overlays: a.json, --set x=1".</summary>
    public static string Describe(IReadOnlyList<Overlay> overlays) =>
        overlays.Count == 0 ? "" : $" with overlays: {string.Join(", ", overlays.Select(o => o.Source))}";

    /// <summary>
    /// A name for outputs: the scenario file's name, then "+" and each overlay file's name, and "+set"
    /// when there are <c>--set</c> arguments (<c>pengjiang+no-surge</c>).
    /// </summary>
    public static string Label(string scenarioPath, IReadOnlyList<Overlay> overlays)
    {
        var parts = new List<string> { Path.GetFileNameWithoutExtension(scenarioPath) };
        parts.AddRange(overlays.Where(o => !o.Source.StartsWith("--set ", StringComparison.Ordinal)).Select(o => Path.GetFileNameWithoutExtension(o.Source)));
        if (overlays.Any(o => o.Source.StartsWith("--set ", StringComparison.Ordinal)))
        {
            parts.Add("set");
        }
        return string.Join('+', parts);
    }
}
