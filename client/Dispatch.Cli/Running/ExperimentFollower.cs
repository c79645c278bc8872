using Dispatch.Abstractions;

namespace Dispatch.Cli.Running;

/// <summary>
/// Waits for news of an experiment: its observer's notifications wake the waiter at once; a
/// period with none ends the wait anyway (the caller then reads the status: a notification lost to
/// a silo failure costs one period). Re-subscribes now and then so the subscription never expires.
/// </summary>
public sealed class ExperimentFollower : IExperimentObserver, IDisposable
{
    private static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _news = new(0);
    private readonly IExperimentGrain _experiment;
    private IExperimentObserver? _reference;
    private DateTime _subscribedAt;

    private ExperimentFollower(IExperimentGrain experiment) => _experiment = experiment;

    /// <summary>Subscribes to the experiment (without an observer if the runtime cannot make one: then it polls only).</summary>
    public static async Task<ExperimentFollower> StartAsync(IGrainFactory grains, IExperimentGrain experiment)
    {
        var follower = new ExperimentFollower(experiment);
        try
        {
            follower._reference = grains.CreateObjectReference<IExperimentObserver>(follower);
            await follower.SubscribeAsync();
        }
        catch (Exception e) when (RunOrchestrator.IsTransient(e) || e is NotSupportedException or InvalidOperationException)
        {
            follower._reference = null;
        }
        return follower;
    }

    public Task OnStatusAsync(ExperimentStatus status)
    {
        _news.Release();
        return Task.CompletedTask;
    }

    /// <summary>Until the next notification or <paramref name="period"/>, whichever comes first.</summary>
    public async Task NextAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        await _news.WaitAsync(period, cancellationToken);
        while (_news.CurrentCount > 0)
        {
            await _news.WaitAsync(cancellationToken); // several notifications: one status read covers them
        }
        if (_reference is not null && DateTime.UtcNow - _subscribedAt > Resubscribe)
        {
            try
            {
                await SubscribeAsync();
            }
            catch (Exception e) when (RunOrchestrator.IsTransient(e))
            {
                // Tried again after the next period.
            }
        }
    }

    private async Task SubscribeAsync()
    {
        _subscribedAt = DateTime.UtcNow;
        await _experiment.SubscribeAsync(_reference!);
    }

    public void Dispose()
    {
        if (_reference is not null)
        {
            // Best effort, not awaited: the grain drops an observer that stops answering anyway.
            _experiment.UnsubscribeAsync(_reference).Ignore();
        }
        _news.Dispose();
    }
}

/// <summary>No run of that id is known to the cluster (or state file).</summary>
public sealed class UnknownRunException(string runId) : Exception($"no run '{runId}' (see 'dispatch runs')")
{
    public string RunId { get; } = runId;
}

/// <summary>The run ended without outputs: cancelled or failed.</summary>
public sealed class RunEndedException(ExperimentStatus status)
    : Exception(status.State == ExperimentState.Failed ? $"run '{status.RunId}' failed: {status.Error}" : $"run '{status.RunId}' was {status.State.ToString().ToLowerInvariant()}")
{
    public ExperimentStatus Status { get; } = status;
}

/// <summary>Counts grain calls repeated after cluster failures (thread-safe).</summary>
public sealed class RetryCounter
{
    private int _count;

    public int Count => _count;

    public void Add() => Interlocked.Increment(ref _count);
}
