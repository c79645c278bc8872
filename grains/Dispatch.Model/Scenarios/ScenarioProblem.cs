namespace Dispatch.Model.Scenarios;

public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>One thing wrong with a scenario: where (file, line/column or a JSON path) and what.</summary>
public sealed record ScenarioProblem(ProblemSeverity Severity, string Location, string Message)
{
    public override string ToString() => $"{(Severity == ProblemSeverity.Error ? "error" : "warning")}: {Location}: {Message}";
}

/// <summary>Thrown when a scenario cannot be used; carries every problem found, not only the first.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ScenarioProblem> Problems { get; } = problems;
}
