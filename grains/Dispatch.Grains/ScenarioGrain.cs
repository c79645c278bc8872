using System.Text;
using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using Microsoft.Extensions.Logging;

namespace Dispatch.Grains;

/// <summary>
/// The command centre of one run. The kernel runs locally inside this activation, a chunk of
/// simulated time per call (batch) or per timer tick (live), and is the one source of truth for
/// the run: zone and unit grains answer queries by asking it (ScenarioGrain.Views.cs), so a chunk
/// costs no grain calls and no storage beyond one checkpoint of a few bytes. Live pacing is in
/// ScenarioGrain.Live.cs.
/// </summary>
public sealed partial class ScenarioGrain(
    [PersistentState("run", StorageNames.Dispatch)] IPersistentState<RunState> state,
    [PersistentState("request", StorageNames.Dispatch)] IPersistentState<RunRequestState> requestState,
    IGrainFactory grains,
    ILogger<ScenarioGrain> logger) : Grain, IScenarioGrain
{
    private Simulator? _sim;

    /// <summary>The run's request, with its scenario text (read from its document after a reactivation).</summary>
    private RunRequest? _request;

    /// <summary>The run's incidents.csv, written chunk by chunk on another core while the kernel runs (set with <see cref="_sim"/>, by <see cref="Adopt"/>).</summary>
    private IncidentRowsWriter? _incidentRows;

    /// <summary>The finished run's report and incidents.csv text, made once per activation.</summary>
    private Report? _report;
    private Task<string>? _incidentsCsv;

    private string RunId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (requestState.State is { IsStarted: true } stored)
        {
            var json = await grains.GetGrain<IScenarioDocumentGrain>(stored.ScenarioKey).GetAsync()
                ?? throw new InvalidOperationException($"run '{RunId}': its scenario '{stored.ScenarioKey}' is missing from storage");
            _request = stored.ToRequest(json);
            ResumeLivePacing();
        }
    }

    public async Task<RunProgress> StartAsync(RunRequest request)
    {
        var key = IScenarioDocumentGrain.KeyOf(request.ScenarioJson);
        if (requestState.State.IsStarted)
        {
            if (!requestState.State.Matches(request, key))
            {
                throw new InvalidOperationException($"run '{RunId}' already exists with a different request");
            }
            return Progress(EnsureSimulator());
        }
        // An invalid scenario fails here, before anything is stored. The replications of a run start
        // together: one builds the scenario, the others wait for it without holding a thread (the
        // build uses the pool's threads for zone outlines).
        var scenario = await ScenarioCache.GetAsync(request.ScenarioJson);
        var sim = Adopt(CreateSimulator(scenario, request));
        _request = request;
        await grains.GetGrain<IScenarioDocumentGrain>(key).StoreAsync(request.ScenarioJson);
        requestState.State = new RunRequestState
        {
            ScenarioKey = key, Seed = request.Seed, Replication = request.Replication, Days = request.Days, WarmupDays = request.WarmupDays,
        };
        await requestState.WriteStateAsync();
        await ReportToRegistryAsync(sim);
        return Progress(sim);
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
        _incidentRows!.WriteFinished(); // formatted on another core while the next chunk runs
        await CheckpointAsync(sim, finish: sim.IsFinished);
        return Progress(sim);
    }

    public Task<RunProgress> GetProgressAsync() => Task.FromResult(Progress(EnsureSimulator()));

    public async Task<RunResult> GetResultAsync()
    {
        var sim = EnsureSimulator();
        if (!state.State.IsFinished)
        {
            throw new InvalidOperationException($"run '{RunId}' has not finished (at minute {sim.Now:0.#} of {sim.EndTime:0})");
        }
        // Most incidents.csv rows were written during the run; the rest are written on another core
        // while the report is built here (both only read the finished kernel).
        var incidentsCsv = _incidentsCsv ??= _incidentRows!.FinishAsync();
        var report = _report ??= ReportBuilder.Build(sim); // once per activation (after a reactivation, from the replay)
        var units = new StringBuilder(sim.Units.Count * 100);
        CsvWriters.AppendUnits(units, sim.Replication, report);
        // The report.json text is written only if the result leaves this process (see RunResult).
        return new RunResult(report, await incidentsCsv, units.ToString());
    }

    /// <summary>Records progress (a few bytes) after a chunk; when finishing, marks the run finished.</summary>
    private async Task CheckpointAsync(Simulator sim, bool finish)
    {
        state.State.SimulatedMinute = sim.Now;
        if (finish)
        {
            state.State.IsFinished = true;
        }
        await state.WriteStateAsync();
        if (finish)
        {
            await ReportToRegistryAsync(sim);
        }
    }

    /// <summary>The kernel of a run, on the scenario of its JSON (built once per process for all replications of a run).</summary>
    private static Simulator CreateSimulator(Scenario scenario, RunRequest request) =>
        new(scenario, request.Seed, request.Replication, request.Days, warmupDays: request.WarmupDays);

    /// <summary>The kernel, rebuilt and replayed to the stored minute after a reactivation.</summary>
    private Simulator EnsureSimulator()
    {
        if (_sim is not null)
        {
            return _sim;
        }
        var request = _request ?? throw new InvalidOperationException($"run '{RunId}' has not been started");
        var sim = CreateSimulator(ScenarioCache.Get(request.ScenarioJson), request);
        sim.RunUntil(state.State.SimulatedMinute);
        return Adopt(sim);
    }

    /// <summary>Takes a new kernel as the run's, with its changes so far drained and a writer for its incidents.csv.</summary>
    private Simulator Adopt(Simulator sim)
    {
        sim.DrainChanges();
        _incidentRows = new IncidentRowsWriter(sim);
        return _sim = sim;
    }

    private RunProgress Progress(Simulator sim) =>
        new(RunId, sim.Now, sim.EndTime, sim.EventsProcessed, sim.Incidents.Count, sim.QueueLength, state.State.IsFinished);

    private Task ReportToRegistryAsync(Simulator sim) =>
        grains.GetGrain<IRunRegistryGrain>(0).ReportAsync(new RunListing(RunId, sim.Scenario.Name, state.State.Live, sim.Now, sim.EndTime,
            state.State.IsFinished, state.State.Live ? state.State.Speed : double.PositiveInfinity));
}
