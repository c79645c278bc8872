using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Dispatch.Hosting;

/// <summary>
/// Connections to the embedded SQLite grain store, with the per-connection settings the store
/// needs made as each is opened (no connection-string keyword reaches them). Orleans' ADO.NET
/// storage takes its connections from this data source, which its options accept in place of a
/// connection string.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>synchronous = NORMAL</c>: in WAL mode the setting SQLite recommends. A commit no longer
/// waits for an fsync of the log (checkpoints still sync), the database stays consistent after any
/// crash, and only the last commits before a power loss or OS crash can be lost. With the default
/// (FULL) each grain write costs an fsync, several milliseconds (docs/performance.md).</item>
/// <item><c>busy_timeout</c>: SQLite has one writer at a time. When two grains write at once
/// (replications checkpointing together), the second statement meets a locked database; without a
/// busy timeout SQLite reports SQLITE_BUSY at once, and Microsoft.Data.Sqlite answers that by
/// sleeping 150 ms before trying again (measured: two small replications took 0.2 s instead of
/// 0.06 s). With it, SQLite's own busy handler retries within a millisecond or two of the lock being
/// free, up to the timeout.</item>
/// </list>
/// </remarks>
public sealed class SqliteStoreDataSource(string connectionString) : DbDataSource
{
    /// <summary>How long a statement waits for the write lock before failing (milliseconds).</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new StoreConnection(connectionString);

    private sealed class StoreConnection(string connectionString) : SqliteConnection(connectionString)
    {
        public override void Open()
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            command.ExecuteNonQuery();
        }

        public override Task OpenAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Open();
            return Task.CompletedTask;
        }
    }
}
