using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Sends the free, capable unit with the shortest travel time from where it is now (units
/// returning to base or on patrol count from their current position; units on a post only for
/// calls urgent enough to break it). For priority-1 incidents a tactical unit ("moving standby",
/// 动中备) is preferred when it is at most <see cref="DispatchOptions.TacticalPreferenceMinutes"/>
/// slower than the nearest. Ties go to the lower unit index, so the choice is reproducible.
/// </summary>
public sealed class NearestAvailableDispatch(DispatchOptions? options = null) : IDispatchPolicy
{
    private readonly DispatchOptions _options = options ?? new DispatchOptions(true);

    public int ChooseUnit(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now)
    {
        var best = -1;
        var bestMinutes = double.PositiveInfinity;
        var tactical = -1;
        var tacticalMinutes = double.PositiveInfinity;
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (!unit.CanTake(incident.Priority, _options) || !type.CapableModes.Contains(unit.Spec.Mode))
            {
                continue;
            }
            var minutes = unit.Spec.Speed.TravelMinutes(unit.PositionAt(now).DistanceTo(incident.Location));
            if (minutes < bestMinutes)
            {
                best = i;
                bestMinutes = minutes;
            }
            if (unit.Spec.Mode == UnitMode.Tactical && minutes < tacticalMinutes)
            {
                tactical = i;
                tacticalMinutes = minutes;
            }
        }
        return incident.Priority == 1 && tactical >= 0 && _options.TacticalPreferenceMinutes > 0 && tacticalMinutes <= bestMinutes + _options.TacticalPreferenceMinutes
            ? tactical
            : best;
    }
}
