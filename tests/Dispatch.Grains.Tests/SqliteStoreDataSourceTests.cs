using Dispatch.Hosting;
using Microsoft.Data.Sqlite;

namespace Dispatch.Grains.Tests;

/// <summary>The grain store's connections carry their settings: synchronous = NORMAL, and a busy timeout so that a write waits for another writer inside SQLite.</summary>
public sealed class SqliteStoreDataSourceTests
{
    [Fact]
    public async Task Connections_carry_the_busy_timeout_and_a_write_waits_for_another_writer()
    {
        var path = TestPaths.TempFile("busy.db");
        SqliteSchema.EnsureCreated(path);
        var connectionString = SqliteSchema.BuildConnectionString(path);
        var source = new SqliteStoreDataSource(connectionString);

        await using var waiting = await source.OpenConnectionAsync();
        await using (var pragma = waiting.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal((long)SqliteStoreDataSource.BusyTimeoutMilliseconds, (long)(await pragma.ExecuteScalarAsync())!);
            pragma.CommandText = "PRAGMA synchronous;";
            Assert.Equal(1L, (long)(await pragma.ExecuteScalarAsync())!); // NORMAL
        }

        // A plain connection (no busy timeout) holds the write lock for a while.
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        holder.Open();
        var transaction = holder.BeginTransaction(deferred: false);
        Exec(holder, transaction, "CREATE TABLE held (x INTEGER);");
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            transaction.Commit();
        });

        // The waiting connection's write goes through once the lock is free.
        await using (var write = waiting.CreateCommand())
        {
            write.CommandText = "CREATE TABLE waited (x INTEGER);";
            await write.ExecuteNonQueryAsync();
        }
        await release;
        Assert.Equal(2L, Scalar(holder, "SELECT count(*) FROM sqlite_master WHERE name IN ('held', 'waited');"));
    }

    [Fact]
    public async Task A_second_connection_of_the_store_opens_when_the_first_closes()
    {
        var path = TestPaths.TempFile("gate.db");
        SqliteSchema.EnsureCreated(path);
        var source = new SqliteStoreDataSource(SqliteSchema.BuildConnectionString(path));

        var first = await source.OpenConnectionAsync();
        var second = source.OpenConnectionAsync().AsTask();
        await Task.Delay(200);
        Assert.False(second.IsCompleted); // waits for the gate, not in SQLite's sleeping busy handler

        await first.DisposeAsync();
        await using var opened = await second.WaitAsync(TimeSpan.FromSeconds(10));
        await using var command = opened.CreateCommand();
        command.CommandText = "SELECT count(*) FROM OrleansQuery;";
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }

    private static void Exec(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}

/// <summary>The start-up prune of old run rows finds them through an index, and deletes only those.</summary>
public sealed class SqlitePruneTests
{
    [Fact]
    public void Prune_reads_the_modified_index_and_deletes_only_old_rows()
    {
        var path = TestPaths.TempFile("prune.db");
        SqliteSchema.EnsureCreated(path);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(SqliteSchema.BuildConnectionString(path)) { Pooling = false }.ToString());
        connection.Open();
        void Row(int id, string type, string modified)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, ServiceId, PayloadBinary, ModifiedOn, Version)
                VALUES ($id, 0, 0, 1, $type, 'dispatch', zeroblob(100000), datetime('now', $modified), 1);
                """;
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$type", type);
            insert.Parameters.AddWithValue("$modified", modified);
            insert.ExecuteNonQuery();
        }
        Row(1, "final", "-40 days");
        Row(2, "final", "-1 hours");
        Row(3, "registry", "-40 days"); // not a run's row: kept whatever its age

        using (var plan = connection.CreateCommand())
        {
            plan.CommandText = "EXPLAIN QUERY PLAN " + SqliteSchema.PruneSql;
            plan.Parameters.AddWithValue("$age", "-2592000 seconds");
            using var reader = plan.ExecuteReader();
            var steps = new List<string>();
            while (reader.Read())
            {
                steps.Add(reader.GetString(3));
            }
            Assert.Contains(steps, step => step.Contains("USING INDEX IX_OrleansStorage_ModifiedOn", StringComparison.Ordinal));
        }

        Assert.Equal(1, SqliteSchema.Prune(path, SqliteSchema.DefaultRetention));
        using var left = connection.CreateCommand();
        left.CommandText = "SELECT GrainIdHash FROM OrleansStorage ORDER BY GrainIdHash;";
        using var rows = left.ExecuteReader();
        var ids = new List<long>();
        while (rows.Read())
        {
            ids.Add(rows.GetInt64(0));
        }
        Assert.Equal([2L, 3L], ids);
    }
}
