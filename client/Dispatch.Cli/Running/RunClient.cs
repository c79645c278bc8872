using Dispatch.Abstractions;
using Dispatch.Abstractions.Live;
using Dispatch.Cli.Live;

namespace Dispatch.Cli.Running;

/// <summary>
/// A client of the cluster or embedded silo that holds a run: with a cluster, a client of it; in the
/// embedded mode, a client of the silo of the process running it live (its <c>live/&lt;run-id&gt;.json</c>),
/// else an embedded silo of its own on the state database (a finished run is read from there).
/// </summary>
public sealed class RunClient(IAsyncDisposable owner, IClusterClient client, string description, int? gatewayPort = null) : IAsyncDisposable
{
    /// <summary>The gateway port of this process's own embedded silo, if it started one (others attach through it).</summary>
    public int? GatewayPort { get; } = gatewayPort;

    public IClusterClient Client { get; } = client;

    public IGrainFactory Grains => Client;

    public string Description { get; } = description;

    /// <summary>Connects to where <paramref name="runId"/> lives (null after saying why not).</summary>
    public static async Task<RunClient?> ConnectAsync(string runId, string statePath, string? clusterOption, bool ownSilo, TextWriter error, CancellationToken cancellationToken)
    {
        if (ClusterConnection.Resolve(clusterOption) is null && LiveRunFiles.List(statePath).FirstOrDefault(e => e.RunId == runId) is { } entry)
        {
            var gateway = await GatewayClient.ConnectAsync(entry.GatewayPort, cancellationToken);
            return new RunClient(gateway, gateway.Client, $"live run of process {entry.ProcessId}");
        }
        if (ClusterConnection.Resolve(clusterOption) is null && !ownSilo)
        {
            error.WriteLine($"error: no live run '{runId}' found (the runs that can be watched: 'dispatch runs')");
            return null;
        }
        var cluster = await ClusterConnection.TryConnectAsync(clusterOption, statePath, error, cancellationToken);
        return cluster is null ? null : new RunClient(cluster, cluster.Client, cluster.Description, cluster.GatewayPort);
    }

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
