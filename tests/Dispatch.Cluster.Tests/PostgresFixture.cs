using Npgsql;

namespace Dispatch.Cluster.Tests;

/// <summary>
/// The PostgreSQL server the cluster tests run against, from <c>DISPATCH_TEST_POSTGRES</c> (default:
/// the role and database that <c>.ci/start-postgres</c> creates). Each test gets a fresh database,
/// dropped at the end. When the server cannot be reached every test FAILS (never skips) with a
/// message saying how to start it.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string Variable = "DISPATCH_TEST_POSTGRES";

    public const string Default = "Host=127.0.0.1;Port=5432;Username=dispatch;Password=dispatch;Database=dispatch";

    private readonly List<string> _databases = [];
    private static int _counter;

    public string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : Default;

    public async Task InitializeAsync()
    {
        try
        {
            await using var connection = await OpenAdminAsync();
        }
        catch (Exception) when (TryStartLocalServer())
        {
            // The machine's PostgreSQL was not running: started it (as `dotnet test` on a fresh machine would need).
            await using var connection = await OpenAdminAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"The cluster tests need PostgreSQL ({Variable}, default \"{Default}\"), which is not reachable: {e.Message}. " +
                "Start it and create the role and database with (as root): bash .ci/start-postgres", e);
        }
    }

    /// <summary>
    /// With the default local server, runs <c>.ci/start-postgres</c> once (it needs root and the
    /// machine's PostgreSQL 15); true when it succeeded. Never skips: if the server still cannot be
    /// reached, the tests fail with the message above.
    /// </summary>
    private bool TryStartLocalServer()
    {
        if (AdminConnectionString != Default || Environment.UserName != "root")
        {
            return false;
        }
        var script = FindScript();
        if (script is null)
        {
            return false;
        }
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", script)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        if (process is null)
        {
            return false;
        }
        process.WaitForExit(TimeSpan.FromSeconds(60));
        return process.HasExited && process.ExitCode == 0;
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, ".ci", "start-postgres");
            if (File.Exists(script) && File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
            {
                return script;
            }
        }
        return null;
    }

    /// <summary>Creates an empty database for one test; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string label)
    {
        var name = $"dispatch_test_{label}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await using (var connection = await OpenAdminAsync())
        {
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (_databases)
        {
            _databases.Add(name);
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        string[] names;
        lock (_databases)
        {
            names = [.. _databases];
        }
        NpgsqlConnection.ClearAllPools();
        foreach (var name in names)
        {
            try
            {
                await using var connection = await OpenAdminAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // Left behind; harmless (unique names).
            }
        }
    }

    private async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, Timeout = 10 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
