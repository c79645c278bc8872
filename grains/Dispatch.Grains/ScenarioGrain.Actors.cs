using Microsoft.Extensions.Logging;
using Dispatch.Abstractions;
using Dispatch.Grains.Live;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;

namespace Dispatch.Grains;

/// <summary>
/// Feeding the replication's zone and unit grains from the kernel, in batches: one call per zone
/// and per unit per batch (never one per simulated event). Live runs feed once per simulated hour
/// (at most once a wall second) and at the end; a stepped replication (<see cref="AdvanceAsync"/>)
/// after every step. A batch replication makes one batch, at its end (none if its experiment opted
/// out), and stores it with itself in one write; each zone and unit grain takes its own part when
/// it is first asked (<see cref="GetFinalZoneFeedAsync"/>), so a run of thousands of zones does not
/// wake thousands of grains that nobody may ever ask. A batch carries the incidents touched since
/// the previous one; after the kernel is rebuilt (a reactivation), the first carries them all, and
/// the grains skip what they have counted already.
/// </summary>
public sealed partial class ScenarioGrain
{
    /// <summary>Simulated minutes between two batches of a live run.</summary>
    public const double LiveFeedMinutes = 60;

    /// <summary>Wall time between two batches of a live run at least (at high speeds an hour passes in a tick).</summary>
    public static readonly TimeSpan LiveFeedWallPeriod = TimeSpan.FromSeconds(1);

    private long _fedWallAt;

    private readonly Dictionary<int, IncidentRecord> _touched = [];
    private bool _feedEverything = true;
    private double _fedAt = double.NegativeInfinity;

    /// <summary>Keeps a chunk's touched incidents for the next batch.</summary>
    private void Collect(IReadOnlyList<IncidentRecord> incidents)
    {
        if (_feedEverything)
        {
            return; // the next batch carries every incident anyway
        }
        foreach (var incident in incidents)
        {
            _touched[incident.Id] = incident;
        }
    }

    /// <summary>Sends one batch to every zone and unit grain of the replication, and waits for them to take it.</summary>
    private async Task FeedActorsAsync(Simulator sim)
    {
        var (zones, units) = Batch(sim);
        var calls = new List<Task>(FeedCallsAtOnce);
        foreach (var (zoneId, feed) in zones)
        {
            calls.Add(grains.GetGrain<IZoneGrain>(GrainKeys.Zone(RunId, zoneId)).FeedAsync(feed));
            await AwaitFullBatchAsync(calls);
        }
        foreach (var (unitId, feed) in units)
        {
            calls.Add(grains.GetGrain<IUnitGrain>(GrainKeys.Unit(RunId, unitId)).FeedAsync(feed));
            await AwaitFullBatchAsync(calls);
        }
        await Task.WhenAll(calls);
        Fed(sim);
    }

    /// <summary>
    /// The end of a batch replication: its one batch for the zone and unit grains is stored with the
    /// replication (one write) rather than sent to each (an activation, a read and a write per grain:
    /// 2,800 of them cost a 2,500-zone week about a third of its CPU). Each grain takes its batch
    /// from here when it is first asked (<see cref="GetFinalZoneFeedAsync"/>); what it then holds is
    /// what the call would have given it.
    /// </summary>
    private async Task StoreFinalBatchAsync(Simulator sim)
    {
        var (zones, units) = Batch(sim);
        finalBatch.State.Zones = zones.ToDictionary(z => z.Id, z => z.Feed, StringComparer.Ordinal);
        finalBatch.State.Units = units.ToDictionary(u => u.Id, u => u.Feed, StringComparer.Ordinal);
        await finalBatch.WriteStateAsync();
        logger.LogInformation("run {RunId}: final batch of {Zones} zones and {Units} units stored", RunId, zones.Count, units.Count);
        Fed(sim);
    }

    public Task<ZoneFeed?> GetFinalZoneFeedAsync(string zoneId) =>
        Task.FromResult(finalBatch.State.Zones.GetValueOrDefault(zoneId));

    public Task<UnitFeed?> GetFinalUnitFeedAsync(string unitId) =>
        Task.FromResult(finalBatch.State.Units.GetValueOrDefault(unitId));

    /// <summary>One batch: a feed for every zone and every unit of the replication, as the kernel stands now.</summary>
    private (List<(string Id, ZoneFeed Feed)> Zones, List<(string Id, UnitFeed Feed)> Units) Batch(Simulator sim)
    {
        var scenario = sim.Scenario;
        // The first batch after the kernel was made carries every incident: those it no longer holds
        // as counts per zone and its last ones (the zone's recent list), then the ones it holds.
        var tallies = _feedEverything && !sim.KeepsIncidents ? Tallies(sim) : null;
        IEnumerable<IncidentRecord> incidents = !_feedEverything ? _touched.Values.OrderBy(i => i.Id)
            : sim.KeepsIncidents ? sim.Incidents : sim.UnretiredIncidents;
        var byZone = new List<ZoneIncident>[scenario.Zones.Count];
        if (tallies is not null)
        {
            foreach (var zone in scenario.Zones)
            {
                foreach (var finished in sim.RecentRetiredIn(zone.Index))
                {
                    (byZone[zone.Index] ??= []).Add(new ZoneIncident(LiveFeed.Incident(finished, scenario), scenario.HourOfDay(finished.CreatedAt),
                        finished.CreatedAt >= sim.StatsFrom, true));
                }
            }
        }
        foreach (var incident in incidents)
        {
            (byZone[incident.Zone] ??= []).Add(new ZoneIncident(LiveFeed.Incident(incident, scenario), scenario.HourOfDay(incident.CreatedAt),
                incident.CreatedAt >= sim.StatsFrom, incident.Diverted || !double.IsNaN(incident.ClearedAt)));
        }
        var ledger = sim.LedgerAtNow();
        var risk = sim.ZoneRiskNow();
        var final = sim.IsFinished;
        var zones = new List<(string, ZoneFeed)>(scenario.Zones.Count);
        foreach (var zone in scenario.Zones)
        {
            var weight = ledger.WeightTotal[zone.Index];
            double? visibility = zone.IsHotspot && weight > 0 ? ReportBuilder.Round(ledger.WeightedCovered[zone.Index] / weight) : null;
            zones.Add((zone.Id, new ZoneFeed(zone.Kind, sim.Now, byZone[zone.Index] ?? [], visibility, ledger.CoveredMinutes[zone.Index], risk[zone.Index], final,
                tallies?[zone.Index])));
        }
        var units = new List<(string, UnitFeed)>(sim.Units.Count);
        foreach (var unit in sim.Units)
        {
            var row = ReportBuilder.UnitReport(unit, scenario, sim.Now);
            var m = row.Minutes;
            var at = unit.PositionAt(sim.Now);
            units.Add((unit.Spec.Id, new UnitFeed(row.Mode, unit.Status.ToString(), at.X, at.Y, sim.Now, unit.Dispatches, unit.CurrentIncident,
                new UnitMinutesView(m.Patrol, m.Post, m.Check, m.Idle, m.EnRoute, m.OnScene, m.Returning, m.OffShift),
                row.Utilisation, ReportBuilder.Round(unit.TravelledMetres(sim.Now) / 1000), final)));
        }
        return (zones, units);
    }

    /// <summary>After a batch was taken: the next one carries only the incidents touched from now on.</summary>
    private void Fed(Simulator sim)
    {
        _touched.Clear();
        _feedEverything = false;
        _fedAt = sim.Now;
    }

    /// <summary>
    /// Waits for a full batch of feed calls: a few hundred grains write their state at a time, so the
    /// serialized states of thousands of grains are not all alive at once (the peak memory of a
    /// large city's end of run; docs/performance.md).
    /// </summary>
    private static async Task AwaitFullBatchAsync(List<Task> calls)
    {
        if (calls.Count >= FeedCallsAtOnce)
        {
            await Task.WhenAll(calls);
            calls.Clear();
        }
    }

    /// <summary>Feed calls in flight at most.</summary>
    private const int FeedCallsAtOnce = 256;

    /// <summary>Per zone, the counted incidents the kernel no longer holds (folded into its totals in id order).</summary>
    private static ZoneTally[] Tallies(Simulator sim)
    {
        var scenario = sim.Scenario;
        var totals = sim.RetiredTotals;
        var types = scenario.IncidentTypes.Count;
        return [.. scenario.Zones.Select(z =>
        {
            var group = totals.ByZone[z.Index];
            var byType = new Dictionary<string, int>();
            for (var t = 0; t < types; t++)
            {
                if (totals.ZoneTypeCounts[z.Index * types + t] is var n and > 0)
                {
                    byType[scenario.IncidentTypes[t].Id] = n;
                }
            }
            return new ZoneTally(sim.RetiredIncidents, group.Count, group.Attended, group.ResponseSum,
                totals.ZoneHourCounts.AsSpan(z.Index * 24, 24).ToArray(), byType);
        })];
    }
}

/// <summary>The final batch of a batch replication's zone and unit grains, kept until each takes its own (by zone and unit id).</summary>
[GenerateSerializer, Alias("Dispatch.FinalBatchState")]
public sealed class FinalBatchState
{
    [Id(0)] public Dictionary<string, ZoneFeed> Zones { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, UnitFeed> Units { get; set; } = new(StringComparer.Ordinal);
}
