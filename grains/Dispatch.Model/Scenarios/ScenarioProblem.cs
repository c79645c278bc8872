namespace Dispatch.Model.Scenarios;

public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One thing wrong with a scenario: where and what. <see cref="Location"/> is a JSON path into
/// <see cref="File"/> (<c>zones[3].polygon</c>; empty for a problem with the file as a whole);
/// <see cref="Line"/> and <see cref="Column"/> (1-based, column in characters) are filled in when the
/// place is known in the text of the file.
/// </summary>
public sealed record ScenarioProblem(ProblemSeverity Severity, string Location, string Message)
{
    /// <summary>The file the location refers to (the scenario file, or its GeoJSON file); null when not known.</summary>
    public string? File { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    public bool IsError => Severity == ProblemSeverity.Error;

    /// <summary><c>file:line:column: path</c>, leaving out the parts that are not known.</summary>
    public string Where
    {
        get
        {
            var file = File is null ? "" : Line is { } line ? $"{File}:{line}:{Column ?? 1}" : File;
            return (file, Location) switch
            {
                ("", _) => Location,
                (_, "") => file,
                _ => $"{file}: {Location}",
            };
        }
    }

    public override string ToString() => $"{(IsError ? "error" : "warning")}: {Where}: {Message}";

    /// <summary>
    /// Errors first, then warnings; within each, the problems of <paramref name="source"/> (the
    /// scenario file) first, then other files (GeoJSON, overlays) and arguments by name, each in
    /// order of place; problems at the same place keep the order they were found in.
    /// </summary>
    public static List<ScenarioProblem> InReadingOrder(IEnumerable<ScenarioProblem> problems, string source) => problems
        .Select((p, k) => (p, k))
        .OrderBy(x => x.p.IsError ? 0 : 1)
        .ThenBy(x => x.p.File == source ? 0 : 1)
        .ThenBy(x => x.p.File, StringComparer.Ordinal)
        .ThenBy(x => x.p.Line ?? int.MaxValue)
        .ThenBy(x => x.p.Column ?? 0)
        .ThenBy(x => x.k)
        .Select(x => x.p)
        .ToList();
}

/// <summary>Thrown when a scenario cannot be used; carries every problem found, not only the first.</summary>
public sealed class ScenarioException(IReadOnlyList<ScenarioProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<ScenarioProblem> Problems { get; } = problems;
}
