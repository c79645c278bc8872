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
/// The replication grain: the command centre of one replication. The kernel runs locally inside
/// this activation, a chunk of simulated time per timer tick (batch: ScenarioGrain.Driving.cs; live:
/// ScenarioGrain.Live.cs), and is the one source of truth for the replication; a chunk costs one
/// checkpoint of a few bytes. After a reactivation (a silo failure, a restart) the kernel is rebuilt
/// from the stored request and replayed to the checkpoint, which is exact because a run is a pure
/// function of (scenario, seed, replication, days).
/// </summary>
public sealed partial class ScenarioGrain(
    [PersistentState("run", StorageNames.Dispatch)] IPersistentState<RunState> state,
    [PersistentState("request", StorageNames.Dispatch)] IPersistentState<RunRequestState> requestState,
    [PersistentState("final", StorageNames.Dispatch)] IPersistentState<FinalBatchState> finalBatch,
    IGrainFactory grains,
    ScenarioCache scenarios,
    ILogger<ScenarioGrain> logger) : Grain, IScenarioGrain
{
    private Simulator? _sim;

    /// <summary>The replication's request (restored from storage after a reactivation).</summary>
    private RunRequest? _request;

    /// <summary>The replication's incidents.csv, written chunk by chunk (set with <see cref="_sim"/>, by <see cref="Adopt"/>).</summary>
    private IncidentRowsWriter? _incidentRows;

    /// <summary>The commands the kernel replays as it reaches their minutes (set with <see cref="_sim"/>).</summary>
    private CommandScript? _script;

    /// <summary>The finished replication's result, made once per activation.</summary>
    private RunResult? _result;

    private string RunId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (requestState.State is { IsStarted: true } stored)
        {
            _request = stored.ToRequest();
            await ResumeLivePacingAsync();
            await ResumeDrivingAsync();
        }
    }

    public async Task<RunProgress> StartAsync(RunRequest request)
    {
        if (requestState.State.IsStarted)
        {
            if (!requestState.State.Matches(request))
            {
                throw new InvalidOperationException($"run '{RunId}' already exists with a different request");
            }
            return Progress(await EnsureSimulatorAsync());
        }
        // An invalid scenario fails here, before anything is stored. The replications of a run on
        // one silo share one build of the scenario (the first builds it, the others await it).
        var scenario = await ScenarioOf(request.ScenarioKey);
        var sim = Adopt(CreateSimulator(scenario, request, null));
        _request = request;
        requestState.State = RunRequestState.Of(request);
        await requestState.WriteStateAsync();
        await ReportToRegistryAsync(sim);
        return Progress(sim);
    }

    public async Task<RunProgress> AdvanceAsync(double untilMinute)
    {
        var sim = await EnsureSimulatorAsync();
        if (state.State.IsFinished || state.State.Cancelled)
        {
            return Progress(sim);
        }
        await RunChunkAsync(sim, untilMinute, feed: true);
        return Progress(sim);
    }

    public async Task<RunProgress> GetProgressAsync() => Progress(await EnsureSimulatorAsync());

    public async Task<RunResult> GetResultAsync()
    {
        var sim = await EnsureSimulatorAsync();
        if (!state.State.IsFinished)
        {
            throw new InvalidOperationException($"run '{RunId}' has not finished (at minute {sim.Now:0.#} of {sim.EndTime:0})");
        }
        return _result ??= ResultOf(sim);
    }

    /// <summary>The report (built once per activation: after a reactivation, from the replay) and the CSV texts.</summary>
    private RunResult ResultOf(Simulator sim)
    {
        var report = ReportBuilder.Build(sim);
        var units = new StringBuilder(sim.Units.Count * 100);
        CsvWriters.AppendUnits(units, sim.Replication, report);
        var incidents = state.State.SkipIncidentRows ? CsvWriters.IncidentsHeader + "\n" : _incidentRows!.Finish();
        if (sim.CommandLog.Count == 0)
        {
            return new RunResult(report, incidents, units.ToString());
        }
        var withCommands = state.State.SkipIncidentRows ? incidents : CommandColumn.Add(incidents, sim.CommandedIncidents);
        return new RunResult(report, withCommands, units.ToString()) { CommandLog = CommandLogFile.Write(sim.CommandLog) };
    }

    /// <summary>
    /// Runs the kernel to <paramref name="untilMinute"/>, writes the final incidents' rows, feeds the
    /// zone and unit grains if asked (<paramref name="feed"/>), or at the end of a run that feeds
    /// them stores their final batch for them to take, and checkpoints.
    /// </summary>
    private async Task RunChunkAsync(Simulator sim, double untilMinute, bool feed)
    {
        sim.RunUntil(untilMinute, _script!);
        var changes = sim.DrainChanges();
        WriteIncidentRows(sim);
        if (feed)
        {
            Collect(changes.Incidents);
            await FeedActorsAsync(sim);
        }
        else if (state.State.Actors && sim.IsFinished)
        {
            Collect(changes.Incidents);
            await StoreFinalBatchAsync(sim);
        }
        await CheckpointAsync(sim, finish: sim.IsFinished);
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

    private Task<Scenario> ScenarioOf(string key) =>
        scenarios.GetAsync(key, async () => await grains.GetGrain<IScenarioDocumentGrain>(key).GetAsync()
            ?? throw new InvalidOperationException($"run '{RunId}': its scenario '{key}' is not stored (store it with IScenarioDocumentGrain first)"));

    /// <summary>
    /// The kernel of a run on its (shared, immutable) scenario, with the commands it replays: those of
    /// its request (a batch run or a replay) and <paramref name="given"/> (those given to a live run so far).
    /// </summary>
    private Simulator CreateSimulator(Scenario scenario, RunRequest request, string? given, bool keepIncidents = false)
    {
        var commands = new List<KernelCommand>();
        foreach (var log in new[] { request.Commands, given })
        {
            if (log is not null)
            {
                commands.AddRange(CommandLogFile.Read(log, $"run '{RunId}' command log", out var problem)
                    ?? throw new ArgumentException(problem, nameof(request)));
            }
        }
        _script = new CommandScript(commands);
        // The kernel keeps no finished incident: they are folded into its totals, handed to the
        // incidents.csv writer (collected from the start, so a replay hands them over too) and
        // remembered for the zone grains' recent lists. A live run's kernel rebuilt after a failure
        // keeps them all: its zone grains have counted some already and need the rest one by one.
        var sim = new Simulator(scenario, request.Seed, request.Replication, request.Days, warmupDays: request.WarmupDays, keepIncidents: keepIncidents);
        sim.KeepRecentPerZone(ZoneGrain.RecentLimit);
        sim.CollectRetired();
        return sim;
    }

    /// <summary>The kernel, rebuilt and replayed to the stored minute after a reactivation.</summary>
    private async ValueTask<Simulator> EnsureSimulatorAsync()
    {
        if (_sim is not null)
        {
            return _sim;
        }
        var request = _request ?? throw new InvalidOperationException($"run '{RunId}' has not been started");
        var scenario = await ScenarioOf(request.ScenarioKey);
        if (_sim is not null)
        {
            return _sim; // rebuilt by an interleaved turn meanwhile
        }
        var sim = CreateSimulator(scenario, request, state.State.CommandLog, keepIncidents: state.State.Live);
        sim.RunUntil(state.State.SimulatedMinute, _script!);
        return Adopt(sim);
    }

    /// <summary>Takes a new kernel as the run's, with its changes so far drained and a writer for its incidents.csv.</summary>
    private Simulator Adopt(Simulator sim)
    {
        sim.DrainChanges();
        _feedEverything = true;
        _touched.Clear();
        _incidentRows = new IncidentRowsWriter(sim);
        _commandsShown = sim.CommandLog.Count;
        return _sim = sim;
    }

    /// <summary>Writes the rows of the incidents the kernel folded in since the last call (or drops them: <c>--no-incidents</c>).</summary>
    private void WriteIncidentRows(Simulator sim)
    {
        if (state.State.SkipIncidentRows)
        {
            sim.DrainRetired();
        }
        else
        {
            _incidentRows!.WriteFinished();
        }
    }

    private RunProgress Progress(Simulator sim) =>
        new(RunId, sim.Now, sim.EndTime, sim.EventsProcessed, sim.IncidentCount, sim.QueueLength, state.State.IsFinished);

    /// <summary>Live runs are listed one by one; batch replications are listed through their experiment.</summary>
    private Task ReportToRegistryAsync(Simulator sim) => !state.State.Live ? Task.CompletedTask :
        grains.GetGrain<IRunRegistryGrain>(0).ReportAsync(new RunListing(RunId, sim.Scenario.Name, state.State.Live, sim.Now, sim.EndTime,
            state.State.IsFinished, state.State.Live ? state.State.Speed : double.PositiveInfinity,
            State: !state.State.IsFinished && state.State.Paused ? "paused" : null));
}
