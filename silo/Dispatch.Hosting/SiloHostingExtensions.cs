using System.Net;
using System.Net.Sockets;
using Dispatch.Grains;
using Dispatch.Model.Loading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Dispatch.Hosting;

/// <summary>
/// Configures a Dispatch silo: either single-process ("embedded": localhost clustering plus ADO.NET
/// grain storage on a local SQLite file) or a member of a cluster (ADO.NET clustering and grain
/// storage on PostgreSQL).
/// </summary>
public static class SiloHostingExtensions
{
    /// <summary>Name of the grain storage provider: <c>[PersistentState("x", SiloHostingExtensions.StorageName)]</c>.</summary>
    public const string StorageName = Dispatch.Abstractions.StorageNames.Dispatch;

    /// <summary>ClusterId and ServiceId of the embedded silo. The ServiceId is part of every stored row's key.</summary>
    public const string ClusterId = "dispatch";

    /// <summary>ADO.NET invariant that Orleans maps to Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>ADO.NET invariant of Npgsql, for clustering and grain storage on PostgreSQL.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Configures a silo of a cluster on PostgreSQL: ADO.NET clustering (the membership table) and
    /// the <see cref="StorageName"/> grain storage, both invariant <c>"Npgsql"</c>, with the given
    /// ids and endpoints. The schema must exist: <see cref="PostgresSchema.EnsureCreatedAsync"/>.
    /// </summary>
    public static ISiloBuilder UseDispatchCluster(this ISiloBuilder silo, DispatchClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.SiloName is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        }
        // Advertise the loopback address unless told otherwise: several silos on one machine need
        // only distinct ports; silos on several machines advertise their own address and listen on all.
        var advertised = settings.AdvertisedAddress ?? IPAddress.Loopback;
        silo.ConfigureEndpoints(advertised, settings.SiloPort, settings.GatewayPort,
            listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = settings.ConnectionString;
        });
        silo.AddAdoNetGrainStorage(StorageName, o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = settings.ConnectionString;
        });
        StateSerializer.Use(silo.Services, StorageName);
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = settings.ConnectionString;
        });
        settings.Tls?.ApplyTo(silo);
        var spool = settings.SpoolDirectory ?? DispatchClusterSettings.DefaultSpoolDirectory;
        IncidentSpool.Prune(spool, IncidentSpool.StaleAfter, DateTime.UtcNow); // files of processes that died
        return silo.AddDispatchServices(spool);
    }

    /// <summary>
    /// The silo-wide services the grains use: the scenario build cache (one per silo, keyed by the
    /// scenario document's hash) and the spool folder where replications write their incidents.csv.
    /// </summary>
    public static ISiloBuilder AddDispatchServices(this ISiloBuilder silo, string spoolDirectory)
    {
        silo.Services.TryAddSingleton<ScenarioCache>();
        silo.Services.TryAddSingleton(new IncidentSpool(spoolDirectory));
        return silo;
    }

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

    /// <summary>
    /// Adds the <see cref="StorageName"/> grain storage and the reminder service on a SQLite file,
    /// creating its schema if needed, and the grains' services (the incidents.csv spool beside the
    /// file: <c>&lt;file&gt;-spool</c>).
    /// </summary>
    public static ISiloBuilder AddDispatchSqliteStorage(this ISiloBuilder silo, string databasePath)
    {
        SqliteSchema.EnsureCreated(databasePath);
        var dataSource = new SqliteStoreDataSource(SqliteSchema.BuildConnectionString(databasePath));
        silo.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = SqliteInvariant;
            options.DataSource = dataSource;
        });
        StateSerializer.Use(silo.Services, StorageName);
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = SqliteInvariant;
            options.ConnectionString = SqliteSchema.BuildConnectionString(databasePath);
        });
        return silo.AddDispatchServices(IncidentSpool.BesideDatabase(databasePath));
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
