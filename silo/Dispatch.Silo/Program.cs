using System.Net;
using Dispatch.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

// The standalone silo. Two modes:
//   cluster mode (a PostgreSQL connection is configured): ADO.NET clustering and grain storage on
//     PostgreSQL; the schema is created or upgraded on start; several silos form one cluster.
//       dispatch-silo --Postgres "Host=127.0.0.1;Username=dispatch;Password=dispatch;Database=dispatch" --SiloPort 11111 --GatewayPort 30000
//   single silo (no connection): localhost clustering, grain state in a SQLite file (--State).
// Settings, later sources winning: appsettings.json beside the program, appsettings.json in the
// current folder, DISPATCH_* environment variables (DISPATCH_Postgres, DISPATCH_SiloPort, ...; the
// client's DISPATCH_CLUSTER is accepted for the connection too), then the command line.
// Keys: Postgres (or @FILE: read from that file; or PostgresFile), ClusterId, ServiceId, SiloPort,
// GatewayPort, AdvertisedIP, SiloName, State, Spool (where replications write incidents.csv while they
// run; cluster mode, default data/spool; a single silo's is beside its State file), Tls:Certificate, Tls:Key, Tls:Trust (PEM files: mutual
// TLS, see docs/cluster.md), and the Membership section (Orleans ClusterMembershipOptions, e.g.
// --Membership:ProbeTimeout 00:00:02).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
var sources = builder.Configuration.Sources;
var commandLine = sources.OfType<CommandLineConfigurationSource>().FirstOrDefault();
var at = commandLine is null ? sources.Count : sources.IndexOf(commandLine);
var localSettings = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
var extra = new ConfigurationBuilder();
if (!string.Equals(Path.GetFullPath(localSettings), Path.Combine(AppContext.BaseDirectory, "appsettings.json"), StringComparison.Ordinal))
{
    extra.AddJsonFile(localSettings, optional: true);
}
extra.AddEnvironmentVariables("DISPATCH_");
foreach (var source in extra.Sources)
{
    sources.Insert(at++, source);
}

var config = builder.Configuration;
var postgres = config["Postgres"] is { Length: > 0 } p ? p
    : config["PostgresFile"] is { Length: > 0 } file ? "@" + file
    : config["CLUSTER"];
var siloPort = config.GetValue("SiloPort", 11111);
var gatewayPort = config.GetValue("GatewayPort", 30000);

if (string.IsNullOrWhiteSpace(postgres))
{
    var state = config["State"] ?? Path.Combine("data", "dispatch.db");
    try
    {
        builder.UseOrleans(silo => silo.UseDispatchEmbedded(state, siloPort, gatewayPort));
    }
    catch (StateFileException e)
    {
        Console.Error.WriteLine($"dispatch-silo: error: {e.Message}");
        return 2;
    }
    return await RunAsync(builder, $"single silo, grain state in {Path.GetFullPath(state)}, silo port {siloPort}, gateway port {gatewayPort}");
}

IPAddress? advertised = null;
if (config["AdvertisedIP"] is { Length: > 0 } ip && !IPAddress.TryParse(ip, out advertised))
{
    Console.Error.WriteLine($"dispatch-silo: error: AdvertisedIP '{ip}' is not an IP address");
    return 2;
}
ClusterTls? tls;
try
{
    postgres = ConnectionSecret.Read(postgres);
    tls = ClusterTls.From(config["Tls:Certificate"], config["Tls:Key"], config["Tls:Trust"], "Tls:Certificate", "Tls:Key", "Tls:Trust");
    tls?.Load();
}
catch (Exception e) when (e is DatabaseUnavailableException or TlsSettingsException)
{
    Console.Error.WriteLine($"dispatch-silo: error: {e.Message}");
    return 2;
}
if (ConnectionSecret.HasPassword(config["Postgres"] ?? "") && args.Any(a => a.Contains("Password=", StringComparison.OrdinalIgnoreCase)))
{
    Console.Error.WriteLine("dispatch-silo: warning: the connection string's password is on the command line, where 'ps' shows it; use --Postgres @FILE, PostgresFile or DISPATCH_Postgres");
}
if (advertised is not null && !IPAddress.IsLoopback(advertised) && tls is null)
{
    Console.Error.WriteLine($"dispatch-silo: warning: listening on all addresses (AdvertisedIP {advertised}) without TLS: anyone who reaches ports {siloPort} and {gatewayPort} can run and read scenarios; set Tls:Certificate, Tls:Key and Tls:Trust (docs/cluster.md, Security)");
}
var settings = new DispatchClusterSettings(
    postgres,
    config["ClusterId"] ?? DispatchClusterSettings.DefaultClusterId,
    config["ServiceId"] ?? DispatchClusterSettings.DefaultServiceId,
    siloPort,
    gatewayPort,
    advertised,
    config["SiloName"],
    tls,
    config["Spool"] is { Length: > 0 } spool ? Path.GetFullPath(spool) : null);

// Fail fast, with a message that says where and why, when the database is not usable.
try
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    var schema = await PostgresSchema.EnsureCreatedAsync(postgres, timeout.Token);
    Console.WriteLine($"dispatch-silo: schema version {schema.SchemaVersion} ready in {schema.Database} (PostgreSQL {schema.ServerVersion})");
    var dead = await DeadMembers.MarkRefusingDeadAsync(postgres, settings.ClusterId, timeout.Token);
    if (dead.Count > 0)
    {
        Console.WriteLine($"dispatch-silo: marked {dead.Count} member(s) dead that no longer listen: {string.Join(", ", dead)}");
    }
}
catch (DatabaseUnavailableException e)
{
    Console.Error.WriteLine($"dispatch-silo: error: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine($"dispatch-silo: error: PostgreSQL at {PostgresSchema.Describe(postgres)} did not answer within 30 s");
    return 1;
}

builder.Services.Configure<ClusterMembershipOptions>(config.GetSection("Membership"));
builder.UseOrleans(silo => silo.UseDispatchCluster(settings));
return await RunAsync(builder,
    $"cluster '{settings.ClusterId}' on {PostgresSchema.Describe(postgres)}, silo {(settings.AdvertisedAddress ?? IPAddress.Loopback)}:{settings.SiloPort}, gateway port {settings.GatewayPort}{(tls is null ? "" : ", mutual TLS")}");

// Starts the silo, prints one "ready" line (scripts and tests wait for it), runs until stopped.
static async Task<int> RunAsync(HostApplicationBuilder builder, string description)
{
    using var host = builder.Build();
    try
    {
        await host.StartAsync();
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"dispatch-silo: error: the silo did not start ({description}): {e.GetBaseException().Message}");
        return 1;
    }
    Console.WriteLine($"dispatch-silo ready: {description} (process {Environment.ProcessId})");
    await host.WaitForShutdownAsync();
    return 0;
}
