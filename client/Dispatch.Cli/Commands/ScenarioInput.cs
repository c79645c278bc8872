using Dispatch.Model.Scenarios;

namespace Dispatch.Cli.Commands;

/// <summary>Loads and validates a scenario for any verb, printing every problem with its location.</summary>
public static class ScenarioInput
{
    /// <summary>The validated scenario and its self-contained JSON, or null after printing the problems.</summary>
    public static (Scenario Scenario, string Json)? Load(string path, TextWriter error)
    {
        try
        {
            var document = ScenarioLoader.LoadDocument(path);
            var scenario = ScenarioBuilder.Build(document);
            return (scenario, ScenarioJson.Serialize(document));
        }
        catch (ScenarioException e)
        {
            Print(e.Problems, path, error);
            return null;
        }
    }

    public static void Print(IReadOnlyList<ScenarioProblem> problems, string path, TextWriter error)
    {
        foreach (var p in problems)
        {
            var location = p.Location.StartsWith(path, StringComparison.Ordinal) ? p.Location : $"{path}: {p.Location}";
            error.WriteLine($"{(p.Severity == ProblemSeverity.Error ? "error" : "warning")}: {location}: {p.Message}");
        }
        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        error.WriteLine($"{path}: {errors} error(s), {problems.Count - errors} warning(s)");
    }
}
