using System.Threading.Channels;
using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;

namespace Dispatch.Cli.Live;

/// <summary>
/// A console's subscription to a live run: a grain observer whose batches land in a channel, kept
/// alive by re-subscribing periodically (the grain drops silent watchers), and unsubscribed on dispose.
/// </summary>
public sealed class LiveWatcher : IRunObserver, IAsyncDisposable
{
    public static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(30);

    private readonly Channel<LiveBatch> _batches = Channel.CreateUnbounded<LiveBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IClusterClient _client;
    private readonly IScenarioGrain _run;
    private IRunObserver? _reference;

    private LiveWatcher(IClusterClient client, string runId)
    {
        _client = client;
        _run = client.GetGrain<IScenarioGrain>(runId);
    }

    public ChannelReader<LiveBatch> Batches => _batches.Reader;

    public IScenarioGrain Run => _run;

    /// <summary>Subscribes and returns the current state; batches after it arrive in <see cref="Batches"/>.</summary>
    public static async Task<(LiveWatcher Watcher, LiveSnapshot Snapshot)> AttachAsync(IClusterClient client, string runId)
    {
        var watcher = new LiveWatcher(client, runId);
        watcher._reference = client.CreateObjectReference<IRunObserver>(watcher);
        var snapshot = await watcher._run.SubscribeAsync(watcher._reference);
        return (watcher, snapshot);
    }

    /// <summary>Renews the subscription; returns a fresh snapshot (used after a missed batch too).</summary>
    public Task<LiveSnapshot> RenewAsync() => _run.SubscribeAsync(_reference!);

    public Task OnBatchAsync(LiveBatch batch)
    {
        _batches.Writer.TryWrite(batch);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_reference is not null)
        {
            try
            {
                await _run.UnsubscribeAsync(_reference).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or InvalidOperationException)
            {
                // The run or the silo is gone; nothing to unsubscribe from.
            }
            _client.DeleteObjectReference<IRunObserver>(_reference);
            _reference = null;
        }
        _batches.Writer.TryComplete();
    }
}
