using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>
/// Turns a <see cref="ScenarioDocument"/> into a validated <see cref="Scenario"/>, collecting every
/// problem (with a JSON path such as <c>zones[3].polygon</c>) before failing. Errors stop the
/// scenario from running; warnings (suspicious but runnable) do not. Each section of the file has
/// its own builder (<see cref="StationsSection"/>, <see cref="ZonesSection"/>, ...); they report to
/// one <see cref="ProblemSink"/>, and <see cref="ScenarioAssembler"/> calls them in order.
/// </summary>
public static class ScenarioBuilder
{
    /// <summary>Default speeds (km/h) and detour factors when a scenario does not override them.</summary>
    public static readonly IReadOnlyDictionary<UnitMode, ModeSpec> DefaultModes = new Dictionary<UnitMode, ModeSpec>
    {
        [UnitMode.Foot] = new(5, 1.2, 1.0),
        [UnitMode.Bicycle] = new(15, 1.3, 0.9),
        [UnitMode.Car] = new(30, 1.4, 0.6),
        [UnitMode.Tactical] = new(40, 1.4, 1.0),
    };

    /// <summary>Builds the scenario, or throws <see cref="ScenarioException"/> listing every problem (warnings too) if there is an error.</summary>
    public static Scenario Build(ScenarioDocument document)
    {
        var (scenario, problems) = Check(document);
        return scenario ?? throw new ScenarioException(problems);
    }

    /// <summary>Builds and checks: the scenario (null if there is any error) and every problem found, warnings included.</summary>
    public static (Scenario? Scenario, IReadOnlyList<ScenarioProblem> Problems) Check(ScenarioDocument document)
    {
        var sink = new ProblemSink();
        var scenario = new ScenarioAssembler(sink).Build(document);
        return (sink.HasErrors ? null : scenario, sink.Problems);
    }

    /// <summary>A mode name as written in a scenario (letters only, any case).</summary>
    public static bool TryParseMode(string? text, out UnitMode mode) => SectionBuilder.TryParseMode(text, out mode);
}
