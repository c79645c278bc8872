using Dispatch.Model.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Grains;

/// <summary>
/// Keeping a run's zone and unit grains whole across failures. The scenario grain's checkpoint is
/// its <see cref="RunState"/> (the request and the simulated minute, written after every chunk);
/// the kernel is rebuilt and replayed to it after a reactivation. Zone and unit grains keep their
/// state in memory during a run (persisting it when the run finishes), so when any of them may
/// have lost it, the next sync sends them everything instead of the changes since the last one:
/// <list type="bullet">
/// <item>after a replay (this grain was reactivated, possibly on another silo);</item>
/// <item>after a sync that failed (some updates may not have arrived; the changes were drained);</item>
/// <item>after the cluster membership changed (a silo died, taking the activations it hosted);</item>
/// <item>when the run finishes: every zone and unit grain then writes the whole run to storage.</item>
/// </list>
/// Zone grains count incidents by id and unit grains take the latest view, so a full sync is
/// idempotent: nothing is counted twice.
/// </summary>
public sealed partial class ScenarioGrain
{
    /// <summary>The next sync must send every unit and incident.</summary>
    private bool _resyncAll;

    /// <summary>Whether the sync under way sends everything.</summary>
    private bool _syncingAll;

    /// <summary>Cluster membership version seen at the previous sync.</summary>
    private MembershipVersion? _membershipAtSync;

    /// <summary>
    /// What the sync under way sends: the changes, or everything when grains may have lost state
    /// or are to persist it (the final sync: every zone and unit grain then holds and stores the
    /// whole run, not only those that changed in the last chunk).
    /// </summary>
    private (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) ToSync(
        Simulator sim, (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) changes, bool persist)
    {
        var membership = ServiceProvider.GetService<IClusterMembershipService>()?.CurrentSnapshot.Version;
        if (membership is { } now && _membershipAtSync is { } before && now != before)
        {
            _resyncAll = true;
        }
        _membershipAtSync = membership;
        _syncingAll = _resyncAll || persist;
        return _syncingAll ? (sim.Units, sim.Incidents) : changes;
    }

    /// <summary>Awaits the sync's calls; a failure makes the next sync send everything.</summary>
    private async Task Synced(Task calls)
    {
        var all = _syncingAll;
        try
        {
            await calls;
        }
        catch
        {
            _resyncAll = true;
            throw;
        }
        if (all)
        {
            _resyncAll = false;
        }
    }
}
