using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Commands;

/// <summary>
/// A quiet district for exact command cases: one 20 km zone with next to no demand of its own, a
/// hotspot "market" around (1000, 0), cars "a" at (0, 0) and "b" at (3000, 0) on station duty
/// (30 km/h x 1.4: 2.8 min per km), and "night", a car off duty until 08:00 (on 08:00-16:00).
/// </summary>
internal static class CommandTestKit
{
    public static Scenario Quiet(int days = 1, double rate = 1e-9) => Build(Document(
        zones: [Zone("district", 0, 0, 20000, rate), Zone("market", 1000, 0, 200, rate, kind: "commercial")],
        units:
        [
            TestScenarios.Unit("a", "car", station: "A"), TestScenarios.Unit("b", "car", station: "B"),
            TestScenarios.Unit("night", "car", station: "A", shift: new ShiftDocument { Start = "08:00", Hours = 8 }),
            TestScenarios.Unit("walker", "foot", station: "A"),
        ],
        stations: [Station("A", 0, 0), Station("B", 3000, 0)],
        types: [Type("theft", 2, Fixed(30), 15, "car", "foot"), Type("fight", 1, Fixed(20), 10, "car")],
        days: days));

    /// <summary>Car travel minutes over <paramref name="metres"/> in a straight line.</summary>
    public static double CarMinutes(double metres) => metres * 1.4 / 500;

    /// <summary>Runs to <paramref name="minute"/> and applies the command there.</summary>
    public static CommandOutcome At(this Simulator sim, double minute, params string[] words)
    {
        sim.RunUntil(minute);
        var command = CommandText.Parse(words, minute, out var problem) ?? throw new ArgumentException(problem);
        return sim.Apply(command);
    }

    public static UnitState Named(this Simulator sim, string id) => sim.Units.Single(u => u.Spec.Id == id);
}
