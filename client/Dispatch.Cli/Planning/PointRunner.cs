using Dispatch.Cli.Commands;
using Dispatch.Cli.Running;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scenarios.Overlays;

namespace Dispatch.Cli.Planning;

/// <summary>One setting of a point: a scenario path and the value it is given (as by <c>--set PATH=VALUE</c>), or, with a null value, an entry taken out.</summary>
public sealed record PointSetting(string Path, string? Value)
{
    public override string ToString() => Value is null ? $"without {Path}" : $"{Path}={Value}";
}

/// <summary>
/// Runs points (the scenario with a few settings changed) as experiments in the cluster: each batch
/// of points is one experiment, every point with replications 0..R-1 of the same seed (common
/// random numbers). Used by <c>sweep</c> (one batch) and <c>plan</c> (a batch per search step).
/// </summary>
public sealed class PointRunner(IGrainFactory grains, string baseJson, string scenarioPath, string scenarioName, long seed, int days, double warmupDays, string verb)
{
    /// <summary>Experiments submitted so far.</summary>
    public int Experiments { get; private set; }

    /// <summary>Replications simulated so far (points x replications over all experiments).</summary>
    public int ReplicationsRun { get; private set; }

    /// <summary>
    /// The self-contained scenario JSON of the base with <paramref name="settings"/> applied and
    /// checked, or null after printing its problems (each naming the setting it comes from).
    /// </summary>
    public string? PointJson(IReadOnlyList<PointSetting> settings, TextWriter error)
    {
        var problems = new List<ScenarioProblem>();
        var overlays = new List<Overlay>();
        foreach (var s in settings)
        {
            var overlay = s.Value is null
                ? OverlayReader.ReadText($"{{\"remove\": [{System.Text.Json.JsonSerializer.Serialize(s.Path)}]}}", s.ToString(), problems)
                : Overlay.FromAssignment(s.ToString(), problems);
            if (overlay is not null)
            {
                overlays.Add(overlay);
            }
        }
        var validation = problems.Any(p => p.IsError) ? null : ScenarioOverlays.ValidateText(baseJson, scenarioPath, Path.GetDirectoryName(Path.GetFullPath(scenarioPath)), overlays);
        if (validation is not null)
        {
            problems.AddRange(validation.Problems.Where(p => p.IsError));
        }
        if (problems.Any(p => p.IsError))
        {
            ScenarioInput.Print(problems, scenarioPath, error, name: $"{scenarioPath} with {string.Join(", ", settings)}");
            return null;
        }
        return ScenarioJson.Serialize(validation!.Document!);
    }

    /// <summary>Runs the points as one experiment; returns each point's replication reports (in point order).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<Report>>> RunAsync(
        IReadOnlyList<string> pointJsons, int replications, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var settings = new RunSettings(pointJsons[0], seed, days, replications, RunOrchestrator.NewRunIdPrefix(verb), warmupDays)
        {
            ScenarioName = scenarioName,
            Actors = false,
            SkipIncidentRows = true, // only the reports are used
            PointJsons = pointJsons,
        };
        var outcome = await RunOrchestrator.RunAsync(grains, settings, progress, cancellationToken);
        Experiments++;
        ReplicationsRun += pointJsons.Count * replications;
        return Enumerable.Range(0, pointJsons.Count)
            .Select(p => (IReadOnlyList<Report>)outcome.Replications.Skip(p * replications).Take(replications).ToList())
            .ToList();
    }
}
