using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Dispatch.Hosting;

/// <summary>
/// Connections to the embedded SQLite store that wait for a busy database inside SQLite.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. When two grains write at once (replications checkpointing
/// together), the second statement meets a locked database; without a busy timeout SQLite reports
/// SQLITE_BUSY at once, and Microsoft.Data.Sqlite answers that by sleeping 150 ms before trying
/// again: measured, a run of two small replications took 0.2 s instead of 0.06 s. With
/// <c>busy_timeout</c> set on each connection, SQLite's own busy handler retries within a
/// millisecond or two of the lock being free (up to the timeout). Orleans' ADO.NET storage takes
/// its connections from this data source (its options accept one in place of a connection string).
/// </remarks>
public sealed class WaitingSqliteDataSource(string connectionString) : DbDataSource
{
    /// <summary>How long a statement waits for the write lock before failing (milliseconds).</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new WaitingSqliteConnection(connectionString);

    private sealed class WaitingSqliteConnection(string connectionString) : SqliteConnection(connectionString)
    {
        public override void Open()
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
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
