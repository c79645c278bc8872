using Dispatch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dispatch.Cli.Running;

/// <summary>A client connected to an embedded silo of another process through its gateway port.</summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly IHost _host;

    private GatewayClient(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    public static async Task<GatewayClient> ConnectAsync(int gatewayPort, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, SiloHostingExtensions.ClusterId, SiloHostingExtensions.ClusterId));
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        await host.StartAsync(timeout.Token);
        return new GatewayClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
