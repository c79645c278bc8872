using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// Sends the free, capable unit with the shortest travel time from where it is now (units returning
/// to base count from their current position). Ties go to the lower unit index, so the choice is
/// reproducible.
/// </summary>
public sealed class NearestAvailableDispatch : IDispatchPolicy
{
    public int ChooseUnit(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now)
    {
        var best = -1;
        var bestMinutes = double.PositiveInfinity;
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (!unit.IsDispatchable || !type.CapableModes.Contains(unit.Spec.Mode))
            {
                continue;
            }
            var minutes = unit.Spec.Speed.TravelMinutes(unit.PositionAt(now).DistanceTo(incident.Location));
            if (minutes < bestMinutes)
            {
                best = i;
                bestMinutes = minutes;
            }
        }
        return best;
    }
}
