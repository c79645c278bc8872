using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// <c>nearest-available</c>: sends the free, capable unit with the shortest travel time from where
/// it is now (units returning to base or on patrol count from their current position; units on a
/// post only for calls urgent enough to break it). For priority-1 incidents a tactical unit
/// ("moving standby", 动中备) is preferred when it is at most
/// <see cref="DispatchOptions.TacticalPreferenceMinutes"/> slower than the nearest. Ties go to the
/// lower unit index, so the choice is reproducible.
/// </summary>
public sealed class NearestAvailableDispatch(DispatchOptions? options = null) : IDispatchPolicy
{
    private readonly DispatchScan _scan = new(options ?? new DispatchOptions(true));

    /// <inheritdoc/>
    public string Name => DispatchOptions.DefaultPolicy;

    /// <inheritdoc/>
    public void UseTravel(Travel.ITravel travel) => _scan.Travel = travel;

    /// <inheritdoc/>
    public int ChooseUnit(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now)
    {
        var found = _scan.Scan(incident, type, units, now, sector: -1);
        return _scan.PreferTactical(incident.Priority, found.Best, found.BestMinutes, found);
    }
}
