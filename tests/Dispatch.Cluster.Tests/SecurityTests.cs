using System.Diagnostics;
using Dispatch.Hosting;

namespace Dispatch.Cluster.Tests;

/// <summary>A cluster with mutual TLS; connection strings from files; a total outage and a restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SecurityTests(PostgresFixture postgres)
{
    private static Dictionary<string, string> Client(string db, string dir, string? certificates)
    {
        var file = Path.Combine(dir, "cluster.txt");
        File.WriteAllText(file, db);
        var environment = new Dictionary<string, string> { ["DISPATCH_CLUSTER_FILE"] = file };
        if (certificates is not null)
        {
            environment[ClusterTls.CertificateVariable] = Path.Combine(certificates, "client.pem");
            environment[ClusterTls.KeyVariable] = Path.Combine(certificates, "client.key.pem");
            environment[ClusterTls.TrustVariable] = Path.Combine(certificates, "ca.pem");
        }
        return environment;
    }

    private static string[] RunArgs(string dir, string name) =>
        ["run", Paths.Scenario("small-town.json"), "--days", "2", "--out", Path.Combine(dir, name)];

    [Fact]
    public async Task A_TLS_cluster_serves_a_client_with_its_certificate_and_refuses_others_clearly()
    {
        var db = await postgres.CreateDatabaseAsync("tls");
        var dir = Paths.TempDir();
        var ours = Path.Combine(dir, "ours");
        var other = Path.Combine(dir, "other");
        var made = await Cli.RunAsync("tls", "init", ours);
        Assert.True(made.Exit == 0, made.Err);
        Assert.True((await Cli.RunAsync("tls", "init", other)).Exit == 0);
        Assert.Equal(2, (await Cli.RunAsync("tls", "init", ours)).Exit); // never replaces a certificate
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ours, "client.key.pem")));
        }

        var dbFile = Path.Combine(dir, "silo-db.txt");
        File.WriteAllText(dbFile, db);
        using var silo = SiloProcess.Start("@" + dbFile,
            "--Tls:Certificate", Path.Combine(ours, "silo.pem"), "--Tls:Key", Path.Combine(ours, "silo.key.pem"), "--Tls:Trust", Path.Combine(ours, "ca.pem"));
        await silo.WaitReadyAsync();
        Assert.Contains("mutual TLS", silo.Output);

        var served = await Cli.RunProcessAsync(Client(db, dir, ours), TimeSpan.FromMinutes(2), RunArgs(dir, "served"));
        Assert.True(served.Exit == 0, served.Err);
        Assert.True(File.Exists(Path.Combine(dir, "served", "report.json")));

        var clock = Stopwatch.StartNew();
        var plain = await Cli.RunProcessAsync(Client(db, dir, null), TimeSpan.FromMinutes(2), RunArgs(dir, "plain"));
        Assert.Equal(1, plain.Exit);
        Assert.Contains("requires TLS", plain.Err);
        Assert.DoesNotContain("   at ", plain.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"refused after {clock.Elapsed}");

        var stranger = await Cli.RunProcessAsync(Client(db, dir, other), TimeSpan.FromMinutes(2), RunArgs(dir, "stranger"));
        Assert.Equal(1, stranger.Exit);
        Assert.Contains("not signed by the authority", stranger.Err);
        Assert.False(Directory.Exists(Path.Combine(dir, "plain")) || Directory.Exists(Path.Combine(dir, "stranger")));
        Assert.Contains("Authentication failed", silo.Output); // the silo refused them too
    }

    [Fact]
    public async Task After_every_silo_died_a_client_is_told_at_once_and_a_restarted_silo_joins_in_seconds()
    {
        var db = await postgres.CreateDatabaseAsync("outage");
        var dir = Paths.TempDir();
        var first = SiloProcess.Start(db);
        await first.WaitReadyAsync();
        first.Kill();
        first.Dispose();

        var clock = Stopwatch.StartNew();
        var told = await Cli.RunProcessAsync(Client(db, dir, null), TimeSpan.FromMinutes(2), RunArgs(dir, "down"));
        Assert.Equal(1, told.Exit);
        Assert.Contains("none answers", told.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"told after {clock.Elapsed}");

        // Default membership settings: Orleans alone makes a joining silo probe the dead member for
        // about 80 s before it joins.
        clock.Restart();
        var (siloPort, gatewayPort) = SiloHostingExtensions.FindFreePorts();
        using var second = SiloProcess.StartRaw(siloPort, gatewayPort,
            "--Postgres", db, "--SiloPort", $"{siloPort}", "--GatewayPort", $"{gatewayPort}");
        await second.WaitReadyAsync(TimeSpan.FromSeconds(40));
        Assert.Contains("marked 1 member(s) dead", second.Output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"joined after {clock.Elapsed}");
        var served = await Cli.RunProcessAsync(Client(db, dir, null), TimeSpan.FromMinutes(2), RunArgs(dir, "up"));
        Assert.True(served.Exit == 0, served.Err);
    }

    [Fact]
    public async Task A_password_on_the_silo_command_line_is_warned_about_and_a_bad_file_is_named()
    {
        var dir = Paths.TempDir();
        var missing = Path.Combine(dir, "nope.txt");
        using var silo = SiloProcess.StartRaw(0, 0, "--Postgres", "@" + missing);
        Assert.True(await silo.WaitExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains(missing, silo.Output);

        var db = await postgres.CreateDatabaseAsync("password");
        using var exposed = SiloProcess.Start(db);
        await exposed.WaitReadyAsync();
        Assert.Contains("password is on the command line", exposed.Output);
    }
}
