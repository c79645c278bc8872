using Dispatch.Hosting;

namespace Dispatch.Cli.Running;

/// <summary>
/// The embedded silo started ahead, on the thread pool, while the verb still reads and checks its
/// scenario: both mostly compile code on first use, so on two cores they overlap (a trivial run's
/// start-up is about a quarter shorter). A verb that stops before connecting (an invalid scenario,
/// a refused output folder) disposes it unused: the silo is stopped and its errors are dropped, so
/// the verb reports its own problem first, as without the early start. With a cluster configured
/// nothing starts early (its errors are about the cluster and are printed in order).
/// </summary>
public sealed class EarlyConnection : IAsyncDisposable
{
    private readonly string? _clusterOption;
    private readonly string _statePath;
    private readonly CancellationTokenSource _abandon;
    private Task<ClusterConnection>? _starting;

    private EarlyConnection(string? clusterOption, string statePath, bool ahead, CancellationToken cancellationToken)
    {
        _clusterOption = clusterOption;
        _statePath = statePath;
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = _abandon.Token;
        _starting = ahead && ClusterConnection.Resolve(clusterOption) is null
            ? Task.Run(() => ClusterConnection.ConnectAsync(null, statePath, token), CancellationToken.None)
            : null;
    }

    /// <summary>Starts the embedded silo now when <paramref name="ahead"/> and no cluster is configured; otherwise connects only in <see cref="TakeAsync"/>.</summary>
    public static EarlyConnection Start(string? clusterOption, string statePath, bool ahead, CancellationToken cancellationToken) =>
        new(clusterOption, statePath, ahead, cancellationToken);

    /// <summary>The connection (as <see cref="ClusterConnection.TryConnectAsync"/>: on failure prints <c>error: ...</c> and returns null); the caller owns it.</summary>
    public async Task<ClusterConnection?> TakeAsync(TextWriter error, CancellationToken cancellationToken)
    {
        var starting = _starting;
        _starting = null;
        if (starting is null)
        {
            return await ClusterConnection.TryConnectAsync(_clusterOption, _statePath, error, cancellationToken);
        }
        try
        {
            return await starting.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DatabaseUnavailableException or ClusterUnavailableException)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
        catch (OperationCanceledException)
        {
            _starting = starting; // stopped when this is disposed
            throw;
        }
    }

    /// <summary>Stops a silo started ahead and never taken (its start is cancelled first, so a verb that stops early is not kept waiting).</summary>
    public async ValueTask DisposeAsync()
    {
        using var abandon = _abandon;
        if (_starting is not { } starting)
        {
            return;
        }
        _starting = null;
        var interrupted = abandon.IsCancellationRequested; // Ctrl+C or SIGTERM: the verb must stop at once
        abandon.Cancel();
        var stopping = StopUnusedAsync(starting);
        if (!interrupted)
        {
            await stopping;
        }
        // Interrupted, the user is not kept waiting while a half-started silo stops: the stop goes on in
        // the background (a process that exits ends it; its SQLite writes are transactions).
    }

    private static async Task StopUnusedAsync(Task<ClusterConnection> starting)
    {
        try
        {
            await (await starting).DisposeAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An unused start that failed (a bad --state, a cancelled start): the verb has reported its own problem.
        }
    }
}
