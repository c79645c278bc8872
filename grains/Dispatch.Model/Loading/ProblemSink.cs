using System.Globalization;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// Collects the problems of one scenario as its section builders find them, each with its location
/// (a JSON path, and the file while a GeoJSON zone is being read), in the order they are found.
/// </summary>
internal sealed class ProblemSink
{
    private readonly List<ScenarioProblem> _problems = [];

    /// <summary>Every problem so far, warnings included.</summary>
    public IReadOnlyList<ScenarioProblem> Problems => _problems;

    /// <summary>The file problems refer to while a GeoJSON zone is being built (null: the scenario file).</summary>
    public string? File { get; set; }

    /// <summary>True once any error has been reported.</summary>
    public bool HasErrors => _problems.Any(p => p.IsError);

    /// <summary>An error: the scenario cannot run.</summary>
    public void Error(string location, string message) => _problems.Add(new(ProblemSeverity.Error, location, message) { File = File });

    /// <summary>A warning: suspicious but runnable.</summary>
    public void Warning(string location, string message) => _problems.Add(new(ProblemSeverity.Warning, location, message) { File = File });

    /// <summary>An error at <paramref name="location"/> unless <paramref name="ok"/>.</summary>
    public void Require(bool ok, string location, string message)
    {
        if (!ok)
        {
            Error(location, message);
        }
    }

    /// <summary>Problems found elsewhere (with their own locations).</summary>
    public void AddRange(IEnumerable<ScenarioProblem> problems) => _problems.AddRange(problems);

    /// <summary>A number as messages write it: invariant, up to six decimals.</summary>
    public static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
