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
