using System.Net;
using System.Net.Sockets;
using Orleans.Hosting;

namespace Dispatch.Hosting;

/// <summary>
/// Configures a single-process ("embedded") Dispatch silo: localhost clustering plus ADO.NET
/// grain storage on a local SQLite file.
/// </summary>
public static class SiloHostingExtensions
{
    /// <summary>Name of the grain storage provider: <c>[PersistentState("x", SiloHostingExtensions.StorageName)]</c>.</summary>
    public const string StorageName = Dispatch.Abstractions.StorageNames.Dispatch;

    /// <summary>ClusterId and ServiceId of the embedded silo. The ServiceId is part of every stored row's key.</summary>
    public const string ClusterId = "dispatch";

    /// <summary>ADO.NET invariant that Orleans maps to Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Creates the SQLite schema if needed and configures localhost clustering on the given ports
    /// and the <see cref="StorageName"/> grain storage on <paramref name="databasePath"/>.
    /// </summary>
    public static ISiloBuilder UseDispatchEmbedded(this ISiloBuilder silo, string databasePath, int siloPort, int gatewayPort)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ClusterId, clusterId: ClusterId);
        return silo.AddDispatchSqliteStorage(databasePath);
    }

    /// <summary>Adds the <see cref="StorageName"/> grain storage on a SQLite file, creating its schema if needed.</summary>
    public static ISiloBuilder AddDispatchSqliteStorage(this ISiloBuilder silo, string databasePath)
    {
        SqliteSchema.EnsureCreated(databasePath);
        var connectionString = SqliteSchema.BuildConnectionString(databasePath);
        silo.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = SqliteInvariant;
            options.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>
    /// Two distinct TCP ports that are free on the loopback interface right now, for the silo and
    /// the gateway. Both listeners are held open together, so the ports differ; another process
    /// could still take one before the silo binds it, which is unlikely.
    /// </summary>
    public static (int SiloPort, int GatewayPort) FindFreePorts()
    {
        var first = new TcpListener(IPAddress.Loopback, 0);
        var second = new TcpListener(IPAddress.Loopback, 0);
        try
        {
            first.Start();
            second.Start();
            return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        }
        finally
        {
            first.Stop();
            second.Stop();
        }
    }
}
