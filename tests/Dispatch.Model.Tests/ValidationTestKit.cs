using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Tests;

/// <summary>A small valid scenario as text, and helpers to check variations of it and find their problems.</summary>
public static class ValidationTestKit
{
    // Line numbers matter to the tests: keep one property block per line as written.
    public const string Valid = """
        {
          "name": "t",
          "start": "2023-06-05T00:00",
          "days": 2,
          "stations": [ { "id": "hq", "location": [500, 500] } ],
          "incidentTypes": [
            { "id": "call", "priority": 2, "targetResponseMinutes": 10, "onScene": { "distribution": "exponential", "mean": 30 } }
          ],
          "zones": [
            { "id": "town", "ratePerHour": 0.5, "polygon": [[0, 0], [2000, 0], [2000, 2000], [0, 2000]] }
          ],
          "units": [ { "id": "car", "count": 2, "mode": "car", "station": "hq", "shift": { "starts": ["07:00", "19:00"], "hours": 12 } } ]
        }
        """;

    public const string Source = "test.json";

    public static ScenarioValidation Check(string json, string? baseDirectory = null) => ScenarioValidator.ValidateText(json, Source, baseDirectory);

    /// <summary><see cref="Valid"/> with <paramref name="from"/> replaced (which must occur exactly once).</summary>
    public static string With(string from, string to, string? json = null)
    {
        json ??= Valid;
        Assert.True(json.Split(from).Length == 2, $"'{from}' must occur exactly once");
        return json.Replace(from, to);
    }

    /// <summary>The one problem at <paramref name="location"/> (asserting its severity and that its message contains each fragment).</summary>
    public static ScenarioProblem Problem(ScenarioValidation v, string location, ProblemSeverity severity, params string[] fragments)
    {
        var matches = v.Problems.Where(p => p.Location == location).ToList();
        Assert.True(matches.Count == 1, $"expected one problem at '{location}', got {matches.Count}:\n{string.Join("\n", v.Problems)}");
        var p = matches[0];
        Assert.Equal(severity, p.Severity);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, p.Message);
        }
        AssertPlain(p);
        return p;
    }

    public static ScenarioProblem Error(ScenarioValidation v, string location, params string[] fragments) =>
        Problem(v, location, ProblemSeverity.Error, fragments);

    public static ScenarioProblem Warning(ScenarioValidation v, string location, params string[] fragments) =>
        Problem(v, location, ProblemSeverity.Warning, fragments);

    /// <summary>No .NET type names, no stack traces, no reader position jargon in a message.</summary>
    public static void AssertPlain(ScenarioProblem p)
    {
        foreach (var jargon in new[] { "System.", "Nullable", "`1", "Int32", "Double", "Exception", "   at ", "LineNumber", "BytePositionInLine", "$." })
        {
            Assert.DoesNotContain(jargon, p.Message);
        }
    }

    public static string RepoRoot { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(RepoRoot, "scenarios", name);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dispatch-validation-tests", $"{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static int _counter;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Dispatch.sln not found");
    }
}
