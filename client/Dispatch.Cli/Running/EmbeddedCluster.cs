using Dispatch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatch.Cli.Running;

/// <summary>
/// The embedded default: a silo hosted in this process (grain state in a local SQLite file through
/// Orleans ADO.NET persistence) with the client co-hosted beside it.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedCluster(IHost host, int gatewayPort)
    {
        _host = host;
        GatewayPort = gatewayPort;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IGrainFactory Grains { get; }

    /// <summary>The silo's services (its scenario cache, for the bench).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The co-hosted client (for grain observers).</summary>
    public IClusterClient Client { get; }

    /// <summary>The gateway port, through which another process can attach to this silo.</summary>
    public int GatewayPort { get; }

    public static async Task<EmbeddedCluster> StartAsync(string databasePath, CancellationToken cancellationToken)
    {
        var (siloPort, gatewayPort) = SiloHostingExtensions.FindFreePorts();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        CliLogging.Configure(builder.Logging);
        builder.UseOrleans(silo => silo.UseDispatchEmbedded(databasePath, siloPort, gatewayPort));
        PhaseTrace.Mark("silo configured");
        SqliteSchema.Prune(databasePath, SqliteSchema.DefaultRetention); // the schema exists now
        PhaseTrace.Mark("pruned");
        var host = builder.Build();
        PhaseTrace.Mark("host built");
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            // A cancelled or failed start leaves no half-started silo behind.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            host.Dispose();
            throw;
        }
        return new EmbeddedCluster(host, gatewayPort);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            PhaseTrace.Mark("stopping silo");
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
            PhaseTrace.Mark("silo stopped");
        }
    }
}
