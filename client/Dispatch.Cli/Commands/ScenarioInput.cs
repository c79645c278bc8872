using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scenarios.Overlays;

namespace Dispatch.Cli.Commands;

/// <summary>Loads and validates a scenario for any verb, printing every problem with its location.</summary>
public static class ScenarioInput
{
    /// <summary>Most problems of each severity printed; the count line gives the total.</summary>
    public const int MaxPrinted = 500;

    /// <summary>
    /// As <see cref="Load"/>, on a pool thread: <paramref name="cancellationToken"/> (Ctrl+C, SIGTERM)
    /// stops the wait at once, however large the file (the check itself is left to finish unseen, and
    /// prints nothing after the cancellation).
    /// </summary>
    public static async Task<(Scenario Scenario, string Json)?> LoadAsync(
        string path, TextWriter error, CancellationToken cancellationToken, int? days = null, int replications = 1,
        IReadOnlyList<Overlay>? overlays = null, bool json = true)
    {
        var held = new StringWriter();
        var loaded = await Task.Run(() => Load(path, held, days, replications, overlays, json), CancellationToken.None).WaitAsync(cancellationToken);
        error.Write(held.ToString());
        return loaded;
    }

    /// <summary>
    /// The validated scenario and its self-contained JSON, or null after printing the problems.
    /// Warnings are printed too but do not stop the verb. <paramref name="days"/> (the <c>--days</c>
    /// option) and <paramref name="replications"/> are checked against the size limits of a run.
    /// With <paramref name="overlays"/>, the scenario is the file with them applied (problems are
    /// located in the file or the overlay their value comes from).
    /// </summary>
    public static (Scenario Scenario, string Json)? Load(string path, TextWriter error, int? days = null, int replications = 1, IReadOnlyList<Overlay>? overlays = null, bool json = true)
    {
        overlays ??= [];
        var validation = ScenarioOverlays.ValidateFile(path, overlays);
        var problems = validation.Problems.ToList();
        if (validation.IsValid && (days is not null || replications > 1))
        {
            var options = (days is null ? "" : $"--days {days}") + (replications > 1 ? $"{(days is null ? "" : ", ")}--replications {replications}" : "");
            problems.AddRange(ScenarioLimits.CheckRunSize(validation.Scenario!, days ?? validation.Scenario!.Days, replications, options)
                .Select(p => p with { File = path }));
        }
        var label = path + OverlayOptions.Describe(overlays);
        if (problems.Count > 0)
        {
            if (overlays.Count > 0)
            {
                error.WriteLine($"note: {label}; each problem is located in the file (or --set argument) its value comes from");
            }
            Print(problems, path, error, name: label);
        }
        if (problems.Any(p => p.IsError))
        {
            return null;
        }
        // validate needs no JSON text (json: false gives an empty one).
        return (validation.Scenario!, json ? ScenarioJson.Serialize(validation.Document!) : "");
    }

    /// <summary>Errors, then warnings, one per line (<c>error: file:line:column: path: message</c>), then a count line naming <paramref name="name"/> (default: the path).</summary>
    public static void Print(IReadOnlyList<ScenarioProblem> problems, string path, TextWriter error, string? name = null)
    {
        var errors = problems.Where(p => p.IsError).ToList();
        var warnings = problems.Where(p => !p.IsError).ToList();
        foreach (var (list, label) in new[] { (errors, "error"), (warnings, "warning") })
        {
            foreach (var p in list.Take(MaxPrinted))
            {
                var where = p.File is null ? (p.Location.Length > 0 ? $"{path}: {p.Location}" : path) : p.Where;
                error.WriteLine($"{label}: {where}: {p.Message}");
            }
            if (list.Count > MaxPrinted)
            {
                error.WriteLine($"{label}: ... and {list.Count - MaxPrinted} more {label}s not shown");
            }
        }
        var verdict = errors.Count > 0 ? "not valid" : "valid";
        error.WriteLine($"{name ?? path}: {verdict}: {errors.Count} error(s), {warnings.Count} warning(s)");
    }
}
