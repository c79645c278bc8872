using Orleans.Concurrency;

namespace Dispatch.Abstractions.Live;

/// <summary>A watcher of a live run (a console client). Calls are one-way: a slow watcher never slows the run.</summary>
public interface IRunObserver : IGrainObserver
{
    /// <summary>Receives the changes since the previous batch.</summary>
    [OneWay]
    Task OnBatchAsync(LiveBatch batch);
}
