using Dispatch.Hosting;
using Npgsql;

namespace Dispatch.Cluster.Tests;

/// <summary>The PostgreSQL schema: idempotent creation and upgrade; clear, fast failures.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresFixture postgres)
{
    private static readonly string[] QueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey",
        "DeleteReminderRowsKey", "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
        "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "UpsertReminderRowKey",
        "WriteToStorageKey",
    ];

    [Fact]
    public async Task Schema_creation_is_idempotent_concurrent_and_repairs_itself()
    {
        var db = await postgres.CreateDatabaseAsync("schema");

        // Four at once (as silos starting together do), then once more.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.EnsureCreatedAsync(db)));
        await PostgresSchema.EnsureCreatedAsync(db);
        Assert.Equal(QueryKeys, await QueryKeysAsync(db));
        Assert.True(await PostgresSchema.ExistsAsync(db));

        // Data survives a re-run; a damaged query and a dropped function are put back.
        await ExecuteAsync(db, """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            VALUES (1, 2, 3, 4, 'run', 'x', 'dispatch', '\x01', now(), 7);
            UPDATE OrleansQuery SET QueryText = 'broken' WHERE QueryKey = 'WriteToStorageKey';
            DROP FUNCTION dispatch_update_membership;
            """);
        var (exit, output, error) = await Cli.RunAsync("db", "init", "--postgres", db);
        Assert.True(exit == 0, error);
        Assert.Contains($"Schema version {PostgresSchema.Version} ready", output);
        Assert.Equal(1L, await ScalarAsync(db, "SELECT count(*) FROM OrleansStorage WHERE Version = 7"));
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM OrleansQuery WHERE QueryText = 'broken'"));
        Assert.Equal(1L, await ScalarAsync(db, "SELECT count(*) FROM pg_proc WHERE proname = 'dispatch_update_membership'"));
        Assert.Equal(QueryKeys, await QueryKeysAsync(db));
    }

    [Fact]
    public async Task Grain_storage_rows_are_unique_per_grain_and_stale_writes_conflict()
    {
        var db = await postgres.CreateDatabaseAsync("storage");
        await PostgresSchema.EnsureCreatedAsync(db);
        const string write = "SELECT NewGrainStateVersion FROM dispatch_write_to_storage(1, 2, 3, 4, 'run', @ext, 'dispatch', @version, '\\x01')";

        Assert.Equal(1, await WriteAsync(db, write, "r0", null));   // first write
        Assert.Null(await WriteAsync(db, write, "r0", null));       // second "first write": conflict
        Assert.Equal(2, await WriteAsync(db, write, "r0", 1));      // update from version 1
        Assert.Equal(1, await WriteAsync(db, write, "r0", 1));      // stale version: conflict (returns the ETag sent)
        Assert.Equal(1, await WriteAsync(db, write, null, null));   // a NULL key extension is another grain...
        Assert.Equal(1, await WriteAsync(db, write, "", null));     // ...and so is ''
        Assert.Null(await WriteAsync(db, write, null, null));       // but two NULLs are the same grain
        Assert.Equal(3L, await ScalarAsync(db, "SELECT count(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task A_silo_pointed_at_an_unreachable_database_fails_fast_with_a_clear_message()
    {
        var (deadPort, _) = SiloHostingExtensions.FindFreePorts();
        var unreachable = $"Host=127.0.0.1;Port={deadPort};Username=dispatch;Password=dispatch;Database=dispatch";
        var (siloPort, gatewayPort) = SiloHostingExtensions.FindFreePorts();
        var started = DateTime.UtcNow;
        using var silo = SiloProcess.StartRaw(siloPort, gatewayPort, "--Postgres", unreachable, "--SiloPort", $"{siloPort}", "--GatewayPort", $"{gatewayPort}");

        Assert.True(await silo.WaitExitAsync(TimeSpan.FromSeconds(60)), "the silo kept running: " + silo.Output);
        var elapsed = DateTime.UtcNow - started;
        Assert.Equal(1, silo.ExitCode);
        Assert.Contains($"Cannot connect to PostgreSQL at 127.0.0.1:{deadPort}/dispatch", silo.Output);
        // The password itself is never printed (the silo does warn that it was given on the command line).
        Assert.DoesNotContain("Password=dispatch", silo.Output, StringComparison.OrdinalIgnoreCase);
        Assert.True(elapsed < TimeSpan.FromSeconds(45), $"took {elapsed}");

        // The client verbs say the same and exit with 1.
        var dir = Paths.TempDir();
        var run = await Cli.RunAsync("run", Paths.Scenario("small-town.json"), "--days", "1", "--out", Path.Combine(dir, "out"), "--cluster", unreachable);
        Assert.Equal(1, run.Exit);
        Assert.Contains($"Cannot connect to PostgreSQL at 127.0.0.1:{deadPort}/dispatch", run.Err);
        var init = await Cli.RunAsync("db", "init", "--postgres", unreachable);
        Assert.Equal(1, init.Exit);
        Assert.Contains("Cannot connect to PostgreSQL", init.Err);
    }

    [Fact]
    public async Task A_client_of_a_cluster_with_no_running_silo_says_so()
    {
        var db = await postgres.CreateDatabaseAsync("nosilo");
        var dir = Paths.TempDir();
        var before = await Cli.RunAsync("run", Paths.Scenario("small-town.json"), "--days", "1", "--out", Path.Combine(dir, "a"), "--cluster", db);
        Assert.Equal(1, before.Exit);
        Assert.Contains("has no Dispatch schema", before.Err);

        await PostgresSchema.EnsureCreatedAsync(db);
        var after = await Cli.RunAsync("run", Paths.Scenario("small-town.json"), "--days", "1", "--out", Path.Combine(dir, "b"), "--cluster", db);
        Assert.Equal(1, after.Exit);
        Assert.Contains("No silo of cluster 'dispatch' is running", after.Err);
    }

    private static async Task<string[]> QueryKeysAsync(string db)
    {
        await using var connection = await PostgresSchema.OpenAsync(db);
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"", connection);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }
        return [.. keys];
    }

    private static async Task<object?> ScalarAsync(string db, string sql)
    {
        await using var connection = await PostgresSchema.OpenAsync(db);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var connection = await PostgresSchema.OpenAsync(db);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int?> WriteAsync(string db, string sql, string? extension, int? version)
    {
        await using var connection = await PostgresSchema.OpenAsync(db);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string?>("ext", NpgsqlTypes.NpgsqlDbType.Varchar) { TypedValue = extension });
        command.Parameters.Add(new NpgsqlParameter<int?>("version", NpgsqlTypes.NpgsqlDbType.Integer) { TypedValue = version });
        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? null : Convert.ToInt32(result);
    }
}
