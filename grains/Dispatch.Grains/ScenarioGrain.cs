using System.Text;
using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains;

/// <summary>
/// The command centre of one run. The kernel runs locally inside this activation, a chunk of
/// simulated time per call (batch) or per timer tick (live); zone and unit grains receive one
/// batched update per chunk, never one call per event. Live pacing is in ScenarioGrain.Live.cs.
/// </summary>
public sealed partial class ScenarioGrain(
    [PersistentState("run", StorageNames.Dispatch)] IPersistentState<RunState> state,
    IGrainFactory grains,
    ILogger<ScenarioGrain> logger) : Grain, IScenarioGrain
{
    private Simulator? _sim;

    private string RunId => this.GetPrimaryKeyString();

    public async Task<RunProgress> StartAsync(RunRequest request)
    {
        if (state.State.Request is { } existing)
        {
            if (existing != request)
            {
                throw new InvalidOperationException($"run '{RunId}' already exists with a different request");
            }
            return Progress(EnsureSimulator());
        }
        _sim = CreateSimulator(request);
        state.State = new RunState { Request = request };
        await state.WriteStateAsync();
        await SyncAsync(_sim, _sim.DrainChanges(), persist: false);
        await ReportToRegistryAsync(_sim);
        return Progress(_sim);
    }

    public async Task<RunProgress> AdvanceAsync(double untilMinute)
    {
        var sim = EnsureSimulator();
        if (state.State.IsFinished)
        {
            return Progress(sim);
        }
        sim.RunUntil(untilMinute);
        await CheckpointAsync(sim, sim.DrainChanges(), finish: sim.IsFinished);
        return Progress(sim);
    }

    public Task<RunProgress> GetProgressAsync() => Task.FromResult(Progress(EnsureSimulator()));

    public Task<RunResult> GetResultAsync()
    {
        var sim = EnsureSimulator();
        if (!state.State.IsFinished)
        {
            throw new InvalidOperationException($"run '{RunId}' has not finished (at minute {sim.Now:0.#} of {sim.EndTime:0})");
        }
        var incidents = new StringBuilder();
        CsvWriters.AppendIncidents(incidents, sim);
        var report = state.State.ReportJson!;
        var units = new StringBuilder();
        CsvWriters.AppendUnits(units, sim.Replication, ReportJson.Deserialize(report));
        return Task.FromResult(new RunResult(report, incidents.ToString(), units.ToString()));
    }

    /// <summary>Records progress (and the report when finishing), pushes the changes to zone and unit grains.</summary>
    private async Task CheckpointAsync(Simulator sim, (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) changes, bool finish)
    {
        state.State.SimulatedMinute = sim.Now;
        if (finish && !state.State.IsFinished)
        {
            state.State.IsFinished = true;
            state.State.ReportJson = ReportJson.Serialize(ReportBuilder.Build(sim));
        }
        await SyncAsync(sim, changes, persist: finish);
        await state.WriteStateAsync();
        if (finish)
        {
            await ReportToRegistryAsync(sim);
        }
    }

    private static Simulator CreateSimulator(RunRequest request)
    {
        var scenario = ScenarioCache.Get(request.ScenarioJson); // built once for all replications of a run
        return new Simulator(scenario, request.Seed, request.Replication, request.Days, warmupDays: request.WarmupDays);
    }

    /// <summary>The kernel, rebuilt and replayed to the stored minute after a reactivation.</summary>
    private Simulator EnsureSimulator()
    {
        if (_sim is not null)
        {
            return _sim;
        }
        var request = state.State.Request ?? throw new InvalidOperationException($"run '{RunId}' has not been started");
        _sim = CreateSimulator(request);
        _sim.RunUntil(state.State.SimulatedMinute);
        _sim.DrainChanges();
        _checkGrains = true; // zone and unit grains may have lost state with the previous activation
        return _sim;
    }

    private RunProgress Progress(Simulator sim) =>
        new(RunId, sim.Now, sim.EndTime, sim.EventsProcessed, sim.Incidents.Count, sim.QueueLength, state.State.IsFinished);

    private Task ReportToRegistryAsync(Simulator sim) =>
        grains.GetGrain<IRunRegistryGrain>(0).ReportAsync(new RunListing(RunId, sim.Scenario.Name, state.State.Live, sim.Now, sim.EndTime,
            state.State.IsFinished, state.State.Live ? state.State.Speed : double.PositiveInfinity));

    /// <summary>One batched update per changed unit and per zone with new or changed incidents.</summary>
    private Task SyncAsync(Simulator sim, (IReadOnlyList<UnitState> Units, IReadOnlyList<IncidentRecord> Incidents) changes, bool persist)
    {
        var (units, incidents) = ToSync(sim, changes, persist);
        var scenario = sim.Scenario;
        var calls = new List<Func<Task>>(units.Count + 16);
        foreach (var unit in units)
        {
            var view = ViewOf(unit, sim);
            calls.Add(() => grains.GetGrain<IUnitGrain>(GrainKeys.Unit(RunId, unit.Spec.Id)).UpdateAsync(view, persist));
        }
        foreach (var group in incidents.GroupBy(i => i.Zone))
        {
            var zone = scenario.Zones[group.Key];
            var update = new ZoneUpdate(RunId, zone.Id, zone.Kind, sim.Now, group.Select(i => ViewOf(i, scenario)).ToList());
            calls.Add(() => grains.GetGrain<IZoneGrain>(GrainKeys.Zone(RunId, zone.Id)).UpdateAsync(update, persist));
        }
        // Updates that persist go a few at a time, across all the runs of this silo: each is a
        // write to the grain storage, and SQLite (the embedded default) takes one writer at a time,
        // so thousands of writes at once (or ten replications finishing together) only make one
        // another wait and retry.
        return Synced(sim, persist ? GatedAsync(calls) : Task.WhenAll(calls.Select(call => call())), persist);
    }

    /// <summary>How many persisting zone and unit updates are in flight at once in this silo.</summary>
    private const int PersistingCallsInFlight = 8;

    private static readonly SemaphoreSlim PersistGate = new(PersistingCallsInFlight, PersistingCallsInFlight);

    private static Task GatedAsync(List<Func<Task>> calls) =>
        Task.WhenAll(calls.Select(async call =>
        {
            await PersistGate.WaitAsync();
            try
            {
                await call();
            }
            finally
            {
                PersistGate.Release();
            }
        }));

    private UnitView ViewOf(UnitState unit, Simulator sim)
    {
        var p = unit.PositionAt(sim.Now);
        return new UnitView(RunId, unit.Spec.Id, ReportBuilder.ModeName(unit.Spec.Mode), unit.Status.ToString(),
            p.X, p.Y, sim.Now, unit.Dispatches, unit.CurrentIncident);
    }

    private static IncidentView ViewOf(IncidentRecord i, Scenario scenario) =>
        new(i.Id, scenario.IncidentTypes[i.Type].Id, i.Priority, i.CreatedAt, i.DispatchedAt, i.ArrivedAt, i.ClearedAt,
            i.Unit >= 0 ? scenario.Units[i.Unit].Id : null, i.Outcome.ToString());
}
