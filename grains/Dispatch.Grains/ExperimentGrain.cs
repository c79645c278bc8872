using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Model.Reporting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;
using Orleans.Utilities;

namespace Dispatch.Grains;

/// <summary>
/// One experiment: all replications of a run. It starts them (replication k on active silo k mod n,
/// so a run uses every silo), lets them advance themselves, hears from each after every chunk,
/// and when all have finished, records it; <see cref="GetResultAsync"/> gathers their results and
/// aggregates them. A reminder wakes the experiment after its silo failed, and a watchdog timer
/// wakes any replication that has gone quiet (its activation then replays to its checkpoint and
/// goes on). Nothing here waits on a client. Outputs are not copied into storage: every replication
/// rebuilds its exact result from its stored request and checkpoint, so the state is a few bytes.
/// </summary>
public sealed partial class ExperimentGrain(
    [PersistentState("experiment", StorageNames.Dispatch)] IPersistentState<ExperimentGrainState> state,
    IGrainFactory grains,
    ILogger<ExperimentGrain> logger) : Grain, IExperimentGrain, IRemindable
{
    /// <summary>The reminder that wakes a running experiment after a failure.</summary>
    public const string WakeReminder = "wake";

    /// <summary>A replication not heard from for this long is called (which reactivates it if its silo died).</summary>
    public static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(3);

    private RunProgress?[] _progress = [];
    private long[] _heardAt = [];
    private IGrainTimer? _watchdog;
    private ObserverManager<IExperimentObserver>? _observers;
    private long _registryReportedAt;

    private string RunId => this.GetPrimaryKeyString();

    private ObserverManager<IExperimentObserver> Observers => _observers ??= new ObserverManager<IExperimentObserver>(TimeSpan.FromMinutes(2), logger);

    /// <summary>The key of replication <paramref name="k"/> of an experiment.</summary>
    public static string ReplicationKey(string runId, int k) => $"{runId}-r{k}";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Request is { } request)
        {
            _progress = new RunProgress?[request.Runs];
            _heardAt = new long[request.Runs];
            if (state.State.State == ExperimentState.Running)
            {
                StartWatchdog();
            }
        }
        return Task.CompletedTask;
    }

    public async Task<ExperimentStatus> SubmitAsync(ExperimentRequest request)
    {
        if (state.State.Request is { } existing)
        {
            return existing.SameAs(request) ? Status()!
                : throw new InvalidOperationException($"experiment '{RunId}' already exists with a different request");
        }
        if (request.Replications < 1 || request.Days < 1 || !(request.ChunkMinutes > 0) || request.PointKeys is { Count: 0 })
        {
            throw new ArgumentException($"experiment '{RunId}': {request.Replications} replication(s) of {request.Days} day(s) in chunks of {request.ChunkMinutes} min", nameof(request));
        }
        state.State.Request = request;
        state.State.State = ExperimentState.Running;
        await state.WriteStateAsync();
        _progress = new RunProgress?[request.Runs];
        _heardAt = new long[request.Runs];
        await this.RegisterOrUpdateReminder(WakeReminder, ScenarioGrain.WakePeriod, ScenarioGrain.WakePeriod);
        try
        {
            await StartReplicationsAsync(request);
        }
        catch (Exception e) when (e is not OrleansException and not TimeoutException)
        {
            // The scenario or a parameter is refused (a client validates first, so this is rare).
            await EndAsync(ExperimentState.Failed, e.Message);
            throw;
        }
        StartWatchdog();
        await ReportAsync(force: true);
        return Status()!;
    }

    /// <summary>
    /// Starts every replication of every point on its silo (run j on active silo j mod n) and sets
    /// it driving itself. Replication k of every point has the seed and replication number k: the
    /// points of a sweep share their random numbers.
    /// </summary>
    private async Task StartReplicationsAsync(ExperimentRequest request)
    {
        var silos = request.Runs > 1 ? await ActiveSilosAsync() : [];
        await Task.WhenAll(Enumerable.Range(0, request.Runs).Select(k => StartOneAsync(request, k, silos)));
    }

    /// <summary>
    /// Starts run <paramref name="k"/> (idempotent: a started one only reports its progress) and sets it
    /// driving itself. The watchdog calls it again for a run never heard from, so a start call lost to
    /// a timeout (many large points starting at once on a busy silo) or a failure is made good.
    /// </summary>
    private async Task StartOneAsync(ExperimentRequest request, int k, IReadOnlyList<SiloAddress> silos)
    {
        var replication = grains.GetGrain<IScenarioGrain>(ReplicationKey(RunId, k));
        var (point, number) = request.RunOf(k);
        var runRequest = new RunRequest(request.KeyOfPoint(point), request.Seed, number, request.Days, request.WarmupDays, request.Commands);
        if (silos.Count > 1)
        {
            // Only the call that activates the grain needs the hint (the async method keeps this
            // RequestContext change from flowing out to the other calls).
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silos[k % silos.Count]);
        }
        try
        {
            await replication.StartAsync(runRequest);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
        Heard(k, await replication.DriveAsync(new ReplicationDrive(RunId, k, request.ChunkMinutes, request.Actors, request.SkipIncidentRows)));
    }

    /// <summary>The active silos in a stable order (empty if they cannot be listed: no hints then).</summary>
    private async Task<IReadOnlyList<SiloAddress>> ActiveSilosAsync()
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            return hosts.Keys.Order().ToList();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return [];
        }
    }

    public Task<ExperimentStatus?> GetStatusAsync() => Task.FromResult(Status());

    public async Task<ExperimentResult> GetResultAsync()
    {
        var request = state.State.Request ?? throw new InvalidOperationException($"no run '{RunId}'");
        if (state.State.State != ExperimentState.Finished)
        {
            throw new InvalidOperationException($"run '{RunId}' is {Describe(state.State.State)}, not finished");
        }
        var results = await Task.WhenAll(Enumerable.Range(0, request.Runs)
            .Select(k => grains.GetGrain<IScenarioGrain>(ReplicationKey(RunId, k)).GetResultAsync()));
        var aggregates = Enumerable.Range(0, request.Points)
            .Select(p => ReportJson.Aggregate(results.Skip(p * request.Replications).Take(request.Replications).Select(r => r.ReadReport()).ToList()))
            .ToList();
        return new ExperimentResult(results, aggregates, state.State.EventsProcessed);
    }

    public async Task<ExperimentStatus?> CancelAsync()
    {
        if (state.State is { Request: { } request, State: ExperimentState.Running })
        {
            await EndAsync(ExperimentState.Cancelled, null);
            await Task.WhenAll(Enumerable.Range(0, request.Runs)
                .Select(k => grains.GetGrain<IScenarioGrain>(ReplicationKey(RunId, k)).CancelAsync()));
        }
        return Status();
    }

    public Task SubscribeAsync(IExperimentObserver observer)
    {
        Observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IExperimentObserver observer)
    {
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task OnReplicationProgressAsync(int replication, RunProgress progress)
    {
        if (state.State.State != ExperimentState.Running || replication < 0 || replication >= _progress.Length)
        {
            return;
        }
        Heard(replication, progress);
        await AfterProgressAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.State != ExperimentState.Running)
        {
            await StopWakingAsync();
            return;
        }
        StartWatchdog();
    }
}
