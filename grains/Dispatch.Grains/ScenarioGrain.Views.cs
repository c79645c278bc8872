using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Grains.Live;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains;

/// <summary>
/// What the run's zone and unit grains show: computed from the kernel when asked, never pushed.
/// The kernel is the run's one source of truth and is rebuilt from the stored request and
/// checkpoint after any failure, so zone and unit views survive a silo crash with nothing to
/// resynchronise, and a chunk of simulated time costs no grain calls or writes for them.
/// </summary>
public sealed partial class ScenarioGrain
{
    /// <summary>How many recent incidents a zone view carries (newest last).</summary>
    public const int RecentLimit = 50;

    private Dictionary<string, int>? _zoneByName;
    private Dictionary<string, int>? _unitByName;

    /// <summary>Incident indices per zone, in id order, for the first <see cref="_indexed"/> incidents.</summary>
    private List<int>[]? _incidentsByZone;
    private int _indexed;

    public async Task<ZoneView?> GetZoneAsync(string zoneId)
    {
        if (_request is null)
        {
            return null;
        }
        var sim = await EnsureSimulatorAsync();
        _zoneByName ??= sim.Scenario.Zones.ToDictionary(z => z.Id, z => z.Index, StringComparer.Ordinal);
        if (!_zoneByName.TryGetValue(zoneId, out var index))
        {
            return null;
        }
        var mine = IncidentsOfZone(sim, index);
        var attended = 0;
        var responseSum = 0.0;
        foreach (var k in mine)
        {
            var incident = sim.Incidents[k];
            if (incident.IsAttended)
            {
                attended++;
                responseSum += incident.ArrivedAt - incident.CreatedAt;
            }
        }
        var recent = new List<LiveIncident>(Math.Min(RecentLimit, mine.Count));
        for (var k = Math.Max(0, mine.Count - RecentLimit); k < mine.Count; k++)
        {
            recent.Add(LiveFeed.Incident(sim.Incidents[mine[k]], sim.Scenario));
        }
        var zone = sim.Scenario.Zones[index];
        return new ZoneView(RunId, zone.Id, zone.Kind, sim.Now, mine.Count, attended,
            attended > 0 ? responseSum / attended : double.NaN, recent);
    }

    public async Task<UnitView?> GetUnitAsync(string unitId)
    {
        if (_request is null)
        {
            return null;
        }
        var sim = await EnsureSimulatorAsync();
        _unitByName ??= sim.Units.Select((u, i) => (u.Spec.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return _unitByName.TryGetValue(unitId, out var index) ? ViewOf(sim.Units[index], sim) : null;
    }

    /// <summary>The zone's incidents so far (indices into <see cref="Simulator.Incidents"/>), indexing new ones first.</summary>
    private List<int> IncidentsOfZone(Simulator sim, int zone)
    {
        if (_incidentsByZone is null)
        {
            _incidentsByZone = new List<int>[sim.Scenario.Zones.Count];
            for (var z = 0; z < _incidentsByZone.Length; z++)
            {
                _incidentsByZone[z] = [];
            }
            _indexed = 0;
        }
        for (; _indexed < sim.Incidents.Count; _indexed++)
        {
            _incidentsByZone[sim.Incidents[_indexed].Zone].Add(_indexed);
        }
        return _incidentsByZone[zone];
    }

    private UnitView ViewOf(UnitState unit, Simulator sim)
    {
        var p = unit.PositionAt(sim.Now);
        return new UnitView(RunId, unit.Spec.Id, ReportBuilder.ModeName(unit.Spec.Mode), unit.Status.ToString(),
            p.X, p.Y, sim.Now, unit.Dispatches, unit.CurrentIncident);
    }
}
