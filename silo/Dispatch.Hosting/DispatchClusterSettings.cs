using System.Net;

namespace Dispatch.Hosting;

/// <summary>How a silo joins a Dispatch cluster on PostgreSQL.</summary>
/// <param name="ConnectionString">Npgsql connection string of the cluster's database (membership and grain state).</param>
/// <param name="ClusterId">Silos and clients with the same ClusterId form one cluster.</param>
/// <param name="ServiceId">Part of every stored grain row's key: keep it stable across deployments.</param>
/// <param name="SiloPort">Silo-to-silo port; distinct per silo on one machine.</param>
/// <param name="GatewayPort">Client-to-silo port; distinct per silo on one machine.</param>
/// <param name="AdvertisedAddress">Address other silos and clients use to reach this one (default: loopback).</param>
/// <param name="SiloName">Name shown in the membership table and logs (default: Orleans picks one).</param>
/// <param name="Tls">Mutual TLS on silo and gateway connections (default: none; see docs/cluster.md, Security).</param>
/// <param name="SpoolDirectory">Where the silo's replications write their incidents.csv while they run (default: <see cref="DefaultSpoolDirectory"/>).</param>
public sealed record DispatchClusterSettings(
    string ConnectionString,
    string ClusterId = DispatchClusterSettings.DefaultClusterId,
    string ServiceId = DispatchClusterSettings.DefaultServiceId,
    int SiloPort = 11111,
    int GatewayPort = 30000,
    IPAddress? AdvertisedAddress = null,
    string? SiloName = null,
    ClusterTls? Tls = null,
    string? SpoolDirectory = null)
{
    /// <summary>The default spool folder of a cluster silo: <c>data/spool</c> under its working folder.</summary>
    public static readonly string DefaultSpoolDirectory = Path.Combine("data", "spool");

    /// <summary>Default ClusterId of cluster mode (silos and clients).</summary>
    public const string DefaultClusterId = "dispatch";

    /// <summary>Default ServiceId of cluster mode.</summary>
    public const string DefaultServiceId = "dispatch";
}
