using System.Net.Sockets;
using System.Security.Authentication;

namespace Dispatch.Cli.Running;

/// <summary>Quick checks made before and while connecting to a cluster, so that failures are named at once.</summary>
public static class GatewayProbe
{
    /// <summary>How long one gateway may take to accept a TCP connection.</summary>
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True when at least one of <paramref name="gateways"/> accepts a TCP connection (all are tried at once).</summary>
    public static async Task<bool> AnyAnswersAsync(IReadOnlyList<(string Address, int Port)> gateways, CancellationToken cancellationToken)
    {
        var probes = gateways.Select(g => AnswersAsync(g.Address, g.Port, cancellationToken)).ToList();
        while (probes.Count > 0)
        {
            var done = await Task.WhenAny(probes);
            if (await done)
            {
                return true;
            }
            probes.Remove(done);
        }
        return false;
    }

    /// <summary>
    /// True when a connection failure is a TLS refusal: the handshake failed, or the gateway closed
    /// the connection before answering (what a TLS gateway does to a client without TLS, or to a
    /// certificate it does not trust). Called only after the gateway accepted a TCP connection.
    /// </summary>
    public static bool IsTlsRefusal(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException or Microsoft.AspNetCore.Connections.ConnectionAbortedException
                || (e is InvalidOperationException && e.Message.Contains("terminated prematurely", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTlsRefusal))
            {
                return true;
            }
        }
        return false;
    }

    private static async Task<bool> AnswersAsync(string address, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
