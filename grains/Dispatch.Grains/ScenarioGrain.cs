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
/// simulated time per call (batch) or per timer tick (live), and is the one source of truth for
/// the run: zone and unit grains answer queries by asking it (ScenarioGrain.Views.cs), so a chunk
/// costs no grain calls and no storage writes beyond one small checkpoint. Live pacing is in
/// ScenarioGrain.Live.cs.
/// </summary>
public sealed partial class ScenarioGrain(
    [PersistentState("run", StorageNames.Dispatch)] IPersistentState<RunState> state,
    [PersistentState("request", StorageNames.Dispatch)] IPersistentState<RunRequestState> requestState,
    IGrainFactory grains,
    ILogger<ScenarioGrain> logger) : Grain, IScenarioGrain
{
    private Simulator? _sim;

    /// <summary>The finished run's report as stored (the units CSV is written from it), parsed once.</summary>
    private Report? _report;

    private string RunId => this.GetPrimaryKeyString();

    public async Task<RunProgress> StartAsync(RunRequest request)
    {
        if (requestState.State.Request is { } existing)
        {
            if (existing != request)
            {
                throw new InvalidOperationException($"run '{RunId}' already exists with a different request");
            }
            return Progress(EnsureSimulator());
        }
        _sim = CreateSimulator(request);
        _sim.DrainChanges();
        requestState.State.Request = request;
        await requestState.WriteStateAsync();
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
        sim.DrainChanges(); // batch runs have no watchers: changes are only for live batches
        await CheckpointAsync(sim, finish: sim.IsFinished);
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
        var report = state.State.ReportJson!;
        _report ??= ReportJson.Deserialize(report);
        var incidents = new StringBuilder(sim.Incidents.Count * 96);
        CsvWriters.AppendIncidents(incidents, sim);
        var units = new StringBuilder(sim.Units.Count * 96);
        CsvWriters.AppendUnits(units, sim.Replication, _report);
        return Task.FromResult(new RunResult(report, incidents.ToString(), units.ToString()));
    }

    /// <summary>Records progress, and the report when finishing: one small write per chunk.</summary>
    private async Task CheckpointAsync(Simulator sim, bool finish)
    {
        state.State.SimulatedMinute = sim.Now;
        if (finish && !state.State.IsFinished)
        {
            state.State.IsFinished = true;
            state.State.ReportJson = ReportJson.Serialize(ReportBuilder.Build(sim));
        }
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
        var request = requestState.State.Request ?? throw new InvalidOperationException($"run '{RunId}' has not been started");
        _sim = CreateSimulator(request);
        _sim.RunUntil(state.State.SimulatedMinute);
        _sim.DrainChanges();
        return _sim;
    }

    private RunProgress Progress(Simulator sim) =>
        new(RunId, sim.Now, sim.EndTime, sim.EventsProcessed, sim.Incidents.Count, sim.QueueLength, state.State.IsFinished);

    private Task ReportToRegistryAsync(Simulator sim) =>
        grains.GetGrain<IRunRegistryGrain>(0).ReportAsync(new RunListing(RunId, sim.Scenario.Name, state.State.Live, sim.Now, sim.EndTime,
            state.State.IsFinished, state.State.Live ? state.State.Speed : double.PositiveInfinity));
}
