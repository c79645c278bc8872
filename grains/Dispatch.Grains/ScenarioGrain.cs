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
    IncidentSpool spool,
    ILogger<ScenarioGrain> logger) : Grain, IScenarioGrain
{
    private Simulator? _sim;

    /// <summary>The replication's request (restored from storage after a reactivation).</summary>
    private RunRequest? _request;

    /// <summary>
    /// The replication's incidents.csv, written chunk by chunk to its spool file (opened after the
    /// first chunk unless the rows are left out; reset with <see cref="_sim"/> by <see cref="Adopt"/>).
    /// </summary>
    private IncidentRowsWriter? _incidentRows;

    /// <summary>The spool file <see cref="_incidentRows"/> writes (the file of <see cref="_result"/> once finished), or null.</summary>
    private FileStream? _incidentFile;

    private string? _incidentPath;

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
        logger.LogInformation("run {RunId}: kernel ready", RunId);
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
        if (_result?.IncidentRows is { } rows && !IncidentRowsTransfer.IsVisible(rows))
        {
            // Its file was taken by a client (or deleted): the replay writes it again, identically.
            DropIncidentRows();
            _sim = null;
            _result = null;
            sim = await EnsureSimulatorAsync();
        }
        if (_result is null)
        {
            _result = ResultOf(sim);
            logger.LogInformation("run {RunId}: result built", RunId);
        }
        return _result;
    }

    public async Task<byte[]> ReadIncidentRowsAsync(long offset, int maxBytes)
    {
        var rows = (await GetResultAsync()).IncidentRows
            ?? throw new InvalidOperationException($"run '{RunId}' left its incidents.csv rows out (--no-incidents)");
        if (offset < 0 || offset > rows.Bytes || maxBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"run '{RunId}': bytes {offset}+{maxBytes} of an incidents.csv of {rows.Bytes} bytes");
        }
        var piece = new byte[(int)Math.Min(maxBytes, rows.Bytes - offset)];
        await using var file = new FileStream(rows.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        file.Position = offset;
        await file.ReadExactlyAsync(piece);
        return piece;
    }

    public Task ReleaseIncidentRowsAsync()
    {
        if (_result?.IncidentRows is not null)
        {
            DropIncidentRows();
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        DropIncidentRows(); // a new activation replays the run and writes its own file
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>The report (built once per activation: after a reactivation, from the replay), the incidents.csv file and the units' rows.</summary>
    private RunResult ResultOf(Simulator sim)
    {
        var report = ReportBuilder.Build(sim);
        var units = new StringBuilder(sim.Units.Count * 100);
        CsvWriters.AppendUnits(units, sim.Replication, report);
        var incidents = state.State.SkipIncidentRows ? null : FinishIncidentRows(sim);
        return new RunResult(report, incidents, units.ToString()) { CommandLog = sim.CommandLog.Count == 0 ? null : CommandLogFile.Write(sim.CommandLog) };
    }

    /// <summary>
    /// Writes the last rows and closes the spool file; a run with commands gets the command column,
    /// the file copied through it a piece at a time.
    /// </summary>
    private IncidentRowsFile FinishIncidentRows(Simulator sim)
    {
        var writer = OpenIncidentRows(sim);
        var bytes = writer.Finish();
        writer.Dispose();
        _incidentRows = null;
        _incidentFile!.Dispose();
        _incidentFile = null;
        var path = _incidentPath!;
        if (sim.CommandLog.Count > 0)
        {
            var withCommands = path + ".commands";
            using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            using (var output = new FileStream(withCommands, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                CommandColumn.Add(input, output, sim.CommandedIncidents);
                bytes = output.Length;
            }
            File.Move(withCommands, path, overwrite: true);
        }
        return new IncidentRowsFile(RunId, path, bytes);
    }

    /// <summary>
    /// Runs the kernel to <paramref name="untilMinute"/>, writes the final incidents' rows, feeds the
    /// zone and unit grains if asked (<paramref name="feed"/>), or at the end of a run that feeds
    /// them stores their final batch for them to take, and checkpoints (always at the end of the
    /// run; otherwise only if <paramref name="checkpoint"/>).
    /// </summary>
    private async Task RunChunkAsync(Simulator sim, double untilMinute, bool feed, bool checkpoint = true)
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
        if (checkpoint || sim.IsFinished)
        {
            await CheckpointAsync(sim, finish: sim.IsFinished);
        }
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
        DropIncidentRows();
        // The replay goes a day at a time, each day's final incidents written out (or dropped) as
        // after a chunk of the run, so it holds no more of them than the run did. The kernel does
        // not depend on how a run is cut into chunks.
        for (var minute = Math.Min(ReplayStepMinutes, state.State.SimulatedMinute); ; minute = Math.Min(minute + ReplayStepMinutes, state.State.SimulatedMinute))
        {
            sim.RunUntil(minute, _script!);
            sim.DrainChanges();
            WriteIncidentRows(sim);
            if (minute >= state.State.SimulatedMinute)
            {
                break;
            }
        }
        logger.LogInformation("run {RunId}: kernel rebuilt to minute {Minute}", RunId, sim.Now);
        return Adopt(sim);
    }

    /// <summary>The simulated minutes a replay runs between two writes of incident rows.</summary>
    private const double ReplayStepMinutes = 1440;

    /// <summary>
    /// Takes a new kernel as the run's, with its changes so far drained. Its incidents.csv is written
    /// by <see cref="WriteIncidentRows"/>: a kernel other than the one writing the current file
    /// (a seek back in a replay) starts a new file.
    /// </summary>
    private Simulator Adopt(Simulator sim)
    {
        sim.DrainChanges();
        _feedEverything = true;
        _touched.Clear();
        if (_incidentRows is not null && !ReferenceEquals(_rowsOf, sim))
        {
            DropIncidentRows();
        }
        _commandsShown = sim.CommandLog.Count;
        return _sim = sim;
    }

    /// <summary>The kernel whose rows <see cref="_incidentRows"/> writes.</summary>
    private Simulator? _rowsOf;

    /// <summary>Writes the rows of the incidents the kernel folded in since the last call (or drops them: <c>--no-incidents</c>).</summary>
    private void WriteIncidentRows(Simulator sim)
    {
        if (state.State.SkipIncidentRows)
        {
            sim.DrainRetired();
        }
        else
        {
            OpenIncidentRows(sim).WriteFinished();
        }
    }

    /// <summary>The writer of <paramref name="sim"/>'s rows, with a new spool file on first use.</summary>
    private IncidentRowsWriter OpenIncidentRows(Simulator sim)
    {
        if (_incidentRows is not null && ReferenceEquals(_rowsOf, sim))
        {
            return _incidentRows;
        }
        DropIncidentRows();
        _incidentPath = spool.NewPath(RunId, GrainContext.ActivationId.ToParsableString());
        _incidentFile = new FileStream(_incidentPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, 1);
        _rowsOf = sim;
        return _incidentRows = new IncidentRowsWriter(sim, _incidentFile, spool.FlushChars);
    }

    /// <summary>Closes and deletes this activation's spool file, if any (the result's file goes with it).</summary>
    private void DropIncidentRows()
    {
        _incidentRows?.Dispose();
        _incidentRows = null;
        _rowsOf = null;
        _incidentFile?.Dispose();
        _incidentFile = null;
        if (_incidentPath is { } path)
        {
            _incidentPath = null;
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("run {RunId}: its incidents.csv spool file {Path} could not be deleted: {Error}", RunId, path, e.Message);
            }
        }
        if (_result?.IncidentRows is not null)
        {
            _result = null;
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
