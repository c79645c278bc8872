using Dispatch.Model.Scenarios;
using Dispatch.Model.Travel;

namespace Dispatch.Model.Simulation;

/// <summary>
/// What one scan of the fleet found for an incident: the fastest free capable unit, the fastest
/// tactical one, and the fastest one of a given station (the incident's sector); -1 where none.
/// </summary>
public readonly record struct DispatchCandidates(
    int Best, double BestMinutes, int Tactical, double TacticalMinutes, int Inside, double InsideMinutes);

/// <summary>
/// The scan every dispatch policy shares: which units may take the call (capable mode, on shift,
/// not busy, and a post only for calls urgent enough to break it, <see cref="UnitState.CanTake"/>)
/// and how many minutes each needs from where it is now. Ties go to the lower unit index. Then
/// <see cref="PreferTactical"/> applies the 动中备 rule to the unit a policy picked.
/// </summary>
public sealed partial class DispatchScan(DispatchOptions options)
{
    private static readonly int ModeCount = Enum.GetValues<UnitMode>().Max(m => (int)m) + 1;

    // Per-unit constants of the fleet last seen (the simulator passes the same array every time),
    // kept in flat arrays so that the scan over all units does not chase Spec and Speed records.
    private UnitState[]? _fleet;
    private int[] _modes = [];
    private int[] _stations = [];
    private double[] _detour = [];
    private double[] _metresPerMinute = [];

    /// <summary>The scenario's dispatch options (queue, post breaking, tactical preference, sector margin).</summary>
    public DispatchOptions Options { get; } = options;

    /// <summary>Travel on roads (null: straight lines, worked out inline below).</summary>
    public ITravel? Travel { get; set; }

    /// <summary>Scans the free capable units; <paramref name="sector"/> is the station whose units count as inside (-1: none).</summary>
    public DispatchCandidates Scan(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now, int sector)
    {
        if (units is not UnitState[] fleet)
        {
            return ScanAnyList(incident, type, units, now, sector);
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
        if (Travel is not null)
        {
            return ScanOnRoads(fleet, capable, location, priority, now, sector);
        }
        var (best, bestMinutes) = (-1, double.PositiveInfinity);
        var (tactical, tacticalMinutes) = (-1, double.PositiveInfinity);
        var (inside, insideMinutes) = (-1, double.PositiveInfinity);
        for (var i = 0; i < fleet.Length; i++)
        {
            if (!IsCandidate(i, fleet[i], priority, capable))
            {
                continue;
            }
            var unit = fleet[i];
            // Exactly ModeSpec.TravelMinutes: distance x detour / (km/h x 1000 / 60).
            var minutes = unit.PositionAt(now).DistanceTo(location) * _detour[i] / _metresPerMinute[i];
            if (minutes < bestMinutes)
            {
                (best, bestMinutes) = (i, minutes);
            }
            if (_modes[i] == (int)UnitMode.Tactical && minutes < tacticalMinutes)
            {
                (tactical, tacticalMinutes) = (i, minutes);
            }
            if (_stations[i] == sector && minutes < insideMinutes)
            {
                (inside, insideMinutes) = (i, minutes);
            }
        }
        return new(best, bestMinutes, tactical, tacticalMinutes, inside, insideMinutes);
    }

    /// <summary>
    /// For priority-1 incidents a tactical unit (moving standby, 动中备) goes instead of
    /// <paramref name="chosen"/> when it is at most <see cref="DispatchOptions.TacticalPreferenceMinutes"/> slower.
    /// </summary>
    public int PreferTactical(int priority, int chosen, double chosenMinutes, in DispatchCandidates found) =>
        priority == 1 && found.Tactical >= 0 && Options.TacticalPreferenceMinutes > 0
            && found.TacticalMinutes <= chosenMinutes + Options.TacticalPreferenceMinutes
            ? found.Tactical
            : chosen;

    /// <summary>Whether unit <paramref name="i"/> may take the call: a capable mode, on shift, not busy, and a post only for calls urgent enough.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool IsCandidate(int i, UnitState unit, int priority, ReadOnlySpan<bool> capable) =>
        capable[_modes[i]]
        // Off shift and busy units first, without a call: most of a fleet is one or the other.
        && unit.Status is not (UnitStatus.OffShift or UnitStatus.EnRoute or UnitStatus.OnScene)
        && unit.CanTake(priority, Options);

    private void Remember(UnitState[] fleet)
    {
        _modes = fleet.Select(u => (int)u.Spec.Mode).ToArray();
        _stations = fleet.Select(u => u.Spec.StationIndex).ToArray();
        _detour = fleet.Select(u => u.Spec.Speed.DetourFactor).ToArray();
        _metresPerMinute = fleet.Select(u => u.Spec.Speed.MetresPerMinute).ToArray();
        _fleet = fleet;
    }

    private DispatchCandidates ScanAnyList(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now, int sector)
    {
        var (best, bestMinutes) = (-1, double.PositiveInfinity);
        var (tactical, tacticalMinutes) = (-1, double.PositiveInfinity);
        var (inside, insideMinutes) = (-1, double.PositiveInfinity);
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (!unit.CanTake(incident.Priority, Options) || !type.CapableModes.Contains(unit.Spec.Mode))
            {
                continue;
            }
            var minutes = Travel?.Minutes(unit.Spec, unit.PositionAt(now), incident.Location) ?? unit.Spec.Speed.TravelMinutes(unit.PositionAt(now).DistanceTo(incident.Location));
            if (minutes < bestMinutes)
            {
                (best, bestMinutes) = (i, minutes);
            }
            if (unit.Spec.Mode == UnitMode.Tactical && minutes < tacticalMinutes)
            {
                (tactical, tacticalMinutes) = (i, minutes);
            }
            if (unit.Spec.StationIndex == sector && minutes < insideMinutes)
            {
                (inside, insideMinutes) = (i, minutes);
            }
        }
        return new(best, bestMinutes, tactical, tacticalMinutes, inside, insideMinutes);
    }
}
