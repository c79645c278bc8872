using Dispatch.Model.Geometry;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Tests;

/// <summary>One stretch of a unit's timeline: a status (moving or standing) from <see cref="Since"/>.</summary>
internal sealed record Segment(double Since, UnitStatus Status, bool Moving, Point2 Destination, double LegEndsAt, int TargetZone);

/// <summary>Helpers for the patrol-layer tests.</summary>
internal static class PatrolTestKit
{
    /// <summary>
    /// Steps the simulator in small increments up to <paramref name="until"/> and records every
    /// change of the unit's status or leg. The times come from the unit itself (its
    /// <see cref="UnitState.StatusSince"/>), so they are exact; the step only has to be shorter
    /// than every stretch.
    /// </summary>
    public static List<Segment> Trace(Simulator sim, int unit, double until, double step = 0.01)
    {
        var list = new List<Segment>();
        void Record()
        {
            var u = sim.Units[unit];
            var segment = new Segment(u.StatusSince, u.Status, u.IsMoving, u.Destination, u.LegEndsAt, u.TargetZone);
            if (list.Count == 0 || list[^1] != segment)
            {
                list.Add(segment);
            }
        }
        Record();
        for (var k = 1; sim.Now + step <= until + 1e-9; k++)
        {
            sim.RunUntil(sim.Now + step);
            Record();
        }
        return list;
    }

    /// <summary>An incident type no unit of the test can serve (only tactical units, and there are none).</summary>
    public static IncidentTypeDocument Unservable(int priority = 2) =>
        new()
        {
            Id = "T",
            Priority = priority,
            TargetResponseMinutes = 15,
            OnScene = TestScenarios.Fixed(10),
            Modes = ["tactical"],
        };

    /// <summary>Travel minutes of a mode over a straight-line distance (distance x detour / speed).</summary>
    public static double Minutes(UnitMode mode, Point2 from, Point2 to) =>
        ScenarioBuilder.DefaultModes[mode].TravelMinutes(from.DistanceTo(to));
}
