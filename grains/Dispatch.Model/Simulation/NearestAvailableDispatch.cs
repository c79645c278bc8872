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

    // Per-unit constants of the fleet last seen (the simulator passes the same array every time),
    // kept in flat arrays so that the scan over all units does not chase Spec and Speed records.
    private UnitState[]? _fleet;
    private int[] _modes = [];
    private double[] _detour = [];
    private double[] _metresPerMinute = [];

    public int ChooseUnit(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now)
    {
        if (units is not UnitState[] fleet)
        {
            return ChooseUnitAnyList(incident, type, units, now);
        }
        if (!ReferenceEquals(fleet, _fleet) || _modes.Length != fleet.Length)
        {
            Remember(fleet);
        }
        Span<bool> capable = stackalloc bool[ModeCount];
        for (var m = 0; m < ModeCount; m++)
        {
            capable[m] = type.CapableModes.Contains((UnitMode)m);
        }
        var location = incident.Location;
        var priority = incident.Priority;
        var best = -1;
        var bestMinutes = double.PositiveInfinity;
        var tactical = -1;
        var tacticalMinutes = double.PositiveInfinity;
        for (var i = 0; i < fleet.Length; i++)
        {
            if (!capable[_modes[i]])
            {
                continue;
            }
            var unit = fleet[i];
            // Off shift and busy units first, without a call: most of a fleet is one or the other.
            if (unit.Status is UnitStatus.OffShift or UnitStatus.EnRoute or UnitStatus.OnScene || !unit.CanTake(priority, _options))
            {
                continue;
            }
            // Exactly ModeSpec.TravelMinutes: distance x detour / (km/h x 1000 / 60).
            var minutes = unit.PositionAt(now).DistanceTo(location) * _detour[i] / _metresPerMinute[i];
            if (minutes < bestMinutes)
            {
                best = i;
                bestMinutes = minutes;
            }
            if (_modes[i] == (int)UnitMode.Tactical && minutes < tacticalMinutes)
            {
                tactical = i;
                tacticalMinutes = minutes;
            }
        }
        return Prefer(priority, best, bestMinutes, tactical, tacticalMinutes);
    }

    private static readonly int ModeCount = Enum.GetValues<UnitMode>().Max(m => (int)m) + 1;

    private void Remember(UnitState[] fleet)
    {
        _modes = fleet.Select(u => (int)u.Spec.Mode).ToArray();
        _detour = fleet.Select(u => u.Spec.Speed.DetourFactor).ToArray();
        _metresPerMinute = fleet.Select(u => u.Spec.Speed.MetresPerMinute).ToArray();
        _fleet = fleet;
    }

    private int Prefer(int priority, int best, double bestMinutes, int tactical, double tacticalMinutes) =>
        priority == 1 && tactical >= 0 && _options.TacticalPreferenceMinutes > 0 && tacticalMinutes <= bestMinutes + _options.TacticalPreferenceMinutes
            ? tactical
            : best;

    private int ChooseUnitAnyList(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now)
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
        return Prefer(incident.Priority, best, bestMinutes, tactical, tacticalMinutes);
    }
}
