using Dispatch.Abstractions;
using Dispatch.Model.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains;

/// <summary>
/// Keeping a run's zone and unit grains whole across failures. The scenario grain's checkpoint is
/// its <see cref="RunState"/> (the request and the simulated minute, written after every chunk);
/// the kernel is rebuilt and replayed to it after a reactivation. Zone and unit grains keep their
/// state in memory during a run and write it when the run finishes, so a silo that dies mid-run
/// takes the state of the zone and unit grains it hosted with it. The grains come back empty on
/// another silo; this part of the scenario grain notices and refills them:
/// <list type="bullet">
/// <item>Triggers: a replay (this grain was reactivated), a sync that failed, a change of the
/// cluster membership (a silo died or left). The next sync then "checks" the grains.</item>
/// <item>A checking sync sends every unit its current view (a unit grain keeps only the latest),
/// asks every zone grain how many incidents it has seen, and sends a zone that has fewer than it
/// must have (it lost its state) the zone's whole history in id order; the others get the changes
/// as usual. Zone grains count incidents by id, so nothing is ever counted twice.</item>
/// <item>Changes of a sync that failed are sent again with the next one.</item>
/// <item>The final sync (persist) is a checking sync that reaches every unit and every zone with
/// incidents, so every zone and unit grain stores the whole run, not only those changed in the last
/// chunk, even one that lost its state without a trigger (deactivated while idle).</item>
/// </list>
/// Whole histories go only to zone grains that lost theirs: resending old incidents to a zone grain
/// that holds its recent-incidents list would reorder that list.
/// </summary>
public sealed partial class ScenarioGrain
{
    /// <summary>The next sync checks zone and unit grains for lost state.</summary>
    private bool _checkGrains;

    /// <summary>Cluster membership version seen at the previous sync.</summary>
    private MembershipVersion? _membershipAtSync;

    /// <summary>Incidents of syncs that failed: sent again with the next sync.</summary>
    private readonly List<IncidentRecord> _unsent = [];

    /// <summary>The sync under way: its incidents, and whether zones go through the checking path.</summary>
    private (IReadOnlyList<IncidentRecord> Incidents, bool Checking) _sync;

    /// <summary>
    /// What the sync under way sends directly: unit views (all of them when checking or persisting)
    /// and, unless checking, the changed incidents; a checking sync handles zones in <see cref="Synced"/>.
    /// </summary>
    private (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) ToSync(
        Simulator sim, (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) changes, bool persist)
    {
        var membership = ServiceProvider.GetService<IClusterMembershipService>()?.CurrentSnapshot.Version;
        if (membership is { } now && _membershipAtSync is { } before && now != before)
        {
            _checkGrains = true;
        }
        _membershipAtSync = membership;

        IReadOnlyList<IncidentRecord> incidents = changes.Incidents;
        if (_unsent.Count > 0)
        {
            incidents = _unsent.Concat(changes.Incidents).DistinctBy(i => i.Id).OrderBy(i => i.Id).ToList();
            _unsent.Clear();
        }
        var checking = _checkGrains || persist;
        _sync = (incidents, checking);
        return checking ? (sim.Units, []) : (changes.Units, incidents);
    }

    /// <summary>Awaits the sync's calls (and, when checking, syncs the zones); a failure keeps its changes for the next sync.</summary>
    private async Task Synced(Simulator sim, Task calls, bool persist)
    {
        var (incidents, checking) = _sync;
        try
        {
            await calls;
            if (checking)
            {
                await SyncZonesCheckedAsync(sim, incidents, check: true, persist);
            }
        }
        catch
        {
            _unsent.AddRange(incidents);
            _checkGrains = true;
            throw;
        }
        if (checking)
        {
            _checkGrains = false;
        }
    }

    /// <summary>
    /// Zone updates of a checking or final sync: every zone with incidents, each checked for lost
    /// state when <paramref name="check"/>; persisting updates go a few at a time (each is a write
    /// to grain storage, and SQLite, the embedded default, takes one writer at a time).
    /// </summary>
    private async Task SyncZonesCheckedAsync(Simulator sim, IReadOnlyList<IncidentRecord> changed, bool check, bool persist)
    {
        var changedByZone = changed.GroupBy(i => i.Zone).ToDictionary(g => g.Key, g => (IReadOnlyList<IncidentRecord>)g.ToList());
        var historyByZone = sim.Incidents.GroupBy(i => i.Zone).ToDictionary(g => g.Key, g => (IReadOnlyList<IncidentRecord>)g.OrderBy(i => i.Id).ToList());
        var inFlight = new List<Task>();
        foreach (var zone in sim.Scenario.Zones)
        {
            if (historyByZone.TryGetValue(zone.Index, out var history))
            {
                inFlight.Add(SyncZoneCheckedAsync(sim, zone, history, changedByZone.GetValueOrDefault(zone.Index) ?? [], check, persist));
                if (persist && inFlight.Count >= 8)
                {
                    await Task.WhenAny(inFlight);
                    inFlight.RemoveAll(t => t.IsCompletedSuccessfully);
                    foreach (var failed in inFlight.Where(t => t.IsFaulted || t.IsCanceled).ToList())
                    {
                        await failed; // rethrows
                    }
                }
            }
        }
        await Task.WhenAll(inFlight);
    }

    private async Task SyncZoneCheckedAsync(
        Simulator sim, Model.Scenarios.Zone zone, IReadOnlyList<IncidentRecord> history, IReadOnlyList<IncidentRecord> changed, bool check, bool persist)
    {
        var grain = grains.GetGrain<IZoneGrain>(GrainKeys.Zone(RunId, zone.Id));
        // Every incident of the zone not in this batch was sent before: a grain that has seen fewer lost its state.
        var lost = check && ((await grain.GetAsync())?.Incidents ?? 0) < history.Count - changed.Count;
        var send = lost ? history : changed;
        if (send.Count == 0 && !persist)
        {
            return;
        }
        var scenario = sim.Scenario;
        await grain.UpdateAsync(new ZoneUpdate(RunId, zone.Id, zone.Kind, sim.Now, send.Select(i => ViewOf(i, scenario)).ToList()), persist);
    }
}
