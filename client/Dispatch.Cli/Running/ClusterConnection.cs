using Dispatch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Dispatch.Cli.Running;

/// <summary>
/// Where the verbs send their grain calls: with no cluster configured, an embedded silo in this
/// process (grain state in a SQLite file); with a PostgreSQL connection (<c>--cluster</c> or
/// <c>DISPATCH_CLUSTER</c>), a client of the running cluster whose silos are listed in that
/// database's membership table.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    /// <summary>Environment variable with the cluster's PostgreSQL connection string (used when <c>--cluster</c> is absent).</summary>
    public const string EnvironmentVariable = "DISPATCH_CLUSTER";

    /// <summary>Environment variable with the ClusterId to join (default <c>dispatch</c>, as the silo's).</summary>
    public const string ClusterIdVariable = "DISPATCH_CLUSTER_ID";

    /// <summary>How long connecting waits for a gateway of the cluster to answer.</summary>
    public static TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a grain call waits for its answer. A request forwarded to a silo that then dies is
    /// never answered, so this bounds how long a run stalls after a crash before the call is retried
    /// (the Orleans default is 30 s). A chunk of simulation, or the replay after a reactivation, that
    /// takes longer only costs a retry: the grain finishes it and answers the repeated call.
    /// </summary>
    public static TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    private readonly IAsyncDisposable _owner;

    private ClusterConnection(IAsyncDisposable owner, IClusterClient client, IGrainFactory grains, string description, int? gatewayPort)
    {
        _owner = owner;
        _embedded = owner as EmbeddedCluster;
        Client = client;
        Grains = grains;
        Description = description;
        GatewayPort = gatewayPort;
    }

    private readonly EmbeddedCluster? _embedded;

    /// <summary>
    /// Hands the embedded silo the scenario this command built from <paramref name="scenarioJson"/>
    /// (the document a run request names by its key), so that its replications do not build it
    /// again; nothing for a cluster, whose silos are other processes.
    /// </summary>
    public void ShareBuilt(string scenarioJson, Dispatch.Model.Scenarios.Scenario scenario) =>
        _embedded?.Services.GetRequiredService<Dispatch.Model.Loading.ScenarioCache>().Offer(Dispatch.Abstractions.IScenarioDocumentGrain.KeyOf(scenarioJson), scenario);

    /// <summary>Where grain calls go.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The client (for grain observers: <c>CreateObjectReference</c>).</summary>
    public IClusterClient Client { get; }

    /// <summary>True for the embedded silo, false for a cluster.</summary>
    public bool IsEmbedded => GatewayPort is not null;

    /// <summary>The embedded silo's gateway port (another process can attach to it); null for a cluster.</summary>
    public int? GatewayPort { get; }

    /// <summary>"embedded silo (data/dispatch.db)" or "cluster 'dispatch' on host:port/db as user".</summary>
    public string Description { get; }

    /// <summary>
    /// The connection string to use: the option if given; an empty option means the embedded silo
    /// whatever the environment says; no option means <c>DISPATCH_CLUSTER</c>, else the embedded
    /// silo (null). <c>DISPATCH_CLUSTER_FILE</c> names a file holding it; a value <c>@FILE</c> is read
    /// from that file when connecting (<see cref="ConnectionSecret"/>).
    /// </summary>
    public static string? Resolve(string? option)
    {
        var value = option ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (value is null && Environment.GetEnvironmentVariable(ConnectionSecret.FileVariable) is { Length: > 0 } file)
        {
            value = "@" + file;
        }
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>
    /// Connects to the cluster at <paramref name="postgres"/> (resolved through <see cref="Resolve"/>),
    /// or starts an embedded silo on <paramref name="embeddedState"/> when there is none. Throws
    /// <see cref="DatabaseUnavailableException"/> or <see cref="ClusterUnavailableException"/> with a
    /// message saying what to do.
    /// </summary>
    public static async Task<ClusterConnection> ConnectAsync(string? postgres, string embeddedState, CancellationToken cancellationToken)
    {
        var connectionString = Resolve(postgres);
        if (connectionString is null)
        {
            var embedded = await EmbeddedCluster.StartAsync(embeddedState, cancellationToken);
            return new ClusterConnection(embedded, embedded.Client, embedded.Grains, $"embedded silo ({embeddedState})", embedded.GatewayPort);
        }
        var clusterId = Environment.GetEnvironmentVariable(ClusterIdVariable) is { Length: > 0 } id ? id : DispatchClusterSettings.DefaultClusterId;
        ClusterTls? tls;
        try
        {
            tls = ClusterTls.FromEnvironment();
            tls?.Load();
        }
        catch (TlsSettingsException e)
        {
            throw new ClusterUnavailableException(e.Message, e);
        }
        return await ConnectClusterAsync(ConnectionSecret.Read(connectionString), clusterId, cancellationToken, tls);
    }

    /// <summary>As <see cref="ConnectAsync"/>; on failure prints <c>error: ...</c> and returns null.</summary>
    public static async Task<ClusterConnection?> TryConnectAsync(string? postgres, string embeddedState, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return await ConnectAsync(postgres, embeddedState, cancellationToken);
        }
        catch (Exception e) when (e is DatabaseUnavailableException or ClusterUnavailableException)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
    }

    /// <summary>A client of the cluster <paramref name="clusterId"/> whose membership is in the database at <paramref name="connectionString"/>.</summary>
    public static async Task<ClusterConnection> ConnectClusterAsync(string connectionString, string clusterId, CancellationToken cancellationToken, ClusterTls? tls = null)
    {
        var where = PostgresSchema.Describe(connectionString);
        // Clear messages first, rather than a client that retries against nothing.
        if (!await PostgresSchema.ExistsAsync(connectionString, cancellationToken))
        {
            throw new ClusterUnavailableException(
                $"PostgreSQL at {where} has no Dispatch schema: start a silo there (dispatch-silo --Postgres \"...\" creates it) or run 'dispatch db init --postgres \"...\"'.");
        }
        var gateways = await PostgresSchema.ListActiveGatewaysAsync(connectionString, clusterId, cancellationToken);
        if (gateways.Count == 0)
        {
            throw new ClusterUnavailableException(
                $"No silo of cluster '{clusterId}' is running on {where}: start one with 'dispatch-silo --Postgres \"...\"' (see README, Cluster mode).");
        }
        if (!await GatewayProbe.AnyAnswersAsync(gateways, cancellationToken))
        {
            throw new ClusterUnavailableException(
                $"Cluster '{clusterId}' on {where} lists {gateways.Count} silo(s) as active, but none answers " +
                $"({string.Join(", ", gateways.Select(g => $"{g.Address}:{g.Port}"))}): they stopped without leaving (a crash or a power cut). " +
                "Start a silo ('dispatch-silo', see README, Cluster mode), then run the command again.");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        CliLogging.Configure(builder.Logging);
        var deadline = DateTime.UtcNow + ConnectTimeout;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = DispatchClusterSettings.DefaultServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloHostingExtensions.PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
            tls?.ApplyTo(client);
            // Notice silos that join or die within seconds, not the default minute.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            // The membership table may still list a silo that was just killed: keep trying the others.
            client.UseConnectionRetryFilter(async (failure, token) =>
            {
                if (DateTime.UtcNow > deadline || GatewayProbe.IsTlsRefusal(failure))
                {
                    return false;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), token);
                return true;
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            if (GatewayProbe.IsTlsRefusal(e))
            {
                throw new ClusterUnavailableException(tls is null
                    ? $"The silos of cluster '{clusterId}' on {where} closed the connection: the cluster requires TLS and this client has no certificate. " +
                      $"Set {ClusterTls.CertificateVariable}, {ClusterTls.KeyVariable} and {ClusterTls.TrustVariable} (docs/cluster.md, Security)."
                    : tls.RejectedPeers > 0
                        ? $"The silos of cluster '{clusterId}' on {where} show a certificate that is not signed by the authority in {tls.TrustPath}: check {ClusterTls.TrustVariable}."
                        : $"The silos of cluster '{clusterId}' on {where} refused this client's certificate {tls.CertificatePath}: it is not signed by the cluster's authority.", e);
            }
            throw new ClusterUnavailableException(
                $"Cannot reach a silo of cluster '{clusterId}' listed on {where} within {ConnectTimeout.TotalSeconds:0} s: {e.GetBaseException().Message}", e);
        }
        var owner = new HostOwner(host);
        var clusterClient = host.Services.GetRequiredService<IClusterClient>();
        return new ClusterConnection(owner, clusterClient, clusterClient, $"cluster '{clusterId}' on {where}", null);
    }

    /// <summary>Stops the embedded silo, or leaves the cluster; a second call waits for the first (so a verb may start it early, while it writes its files).</summary>
    public ValueTask DisposeAsync() => new(_disposal ??= _owner.DisposeAsync().AsTask());

    private Task? _disposal;

    private sealed class HostOwner(IHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // A client that cannot say goodbye to a dead gateway is still done.
            }
            finally
            {
                host.Dispose();
            }
        }
    }
}

/// <summary>No silo of the cluster can be reached (or the database holds no cluster); the message says what to do.</summary>
public sealed class ClusterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
