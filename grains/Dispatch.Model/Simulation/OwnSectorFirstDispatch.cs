using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Simulation;

/// <summary>
/// <c>own-sector-first</c>: the incident's sector is the station nearest its location (straight
/// line, <see cref="Sectors"/>). The fastest free capable unit of that station is sent unless a unit
/// from outside would arrive more than <see cref="DispatchOptions.SectorMarginMinutes"/> sooner;
/// with no unit of the sector free, the nearest unit goes. Which units may go, how travel is timed,
/// the tactical preference (动中备, applied to the unit this rule picked) and ties are as in
/// <see cref="NearestAvailableDispatch"/>: both use <see cref="DispatchScan"/>.
/// </summary>
public sealed class OwnSectorFirstDispatch(DispatchOptions options, IReadOnlyList<Station> stations) : IDispatchPolicy
{
    private readonly DispatchScan _scan = new(options);
    private readonly Station[] _stations = [.. stations];

    /// <inheritdoc/>
    public string Name => PolicyName;

    /// <summary>The policy's name in scenario files and reports.</summary>
    public const string PolicyName = "own-sector-first";

    /// <inheritdoc/>
    public void UseTravel(Travel.ITravel travel) => _scan.Travel = travel;

    /// <inheritdoc/>
    public int ChooseUnit(IncidentRecord incident, IncidentType type, IReadOnlyList<UnitState> units, double now)
    {
        var found = _scan.Scan(incident, type, units, now, Sectors.Of(incident.Location, _stations));
        var (chosen, minutes) = found.Inside >= 0 && found.InsideMinutes <= found.BestMinutes + _scan.Options.SectorMarginMinutes
            ? (found.Inside, found.InsideMinutes)
            : (found.Best, found.BestMinutes);
        return _scan.PreferTactical(incident.Priority, chosen, minutes, found);
    }
}
