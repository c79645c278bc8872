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
/// <item>An in-process gate: one connection of this data source is open at a time; the others wait
/// for it on a semaphore (asynchronously from <c>OpenAsync</c>) and go on the moment it closes.
/// SQLite's busy handler sleeps 1, 2, 5, 10, 15, 20, 25, ... 100 ms between its retries, so many
/// grains writing at once (a replication feeding its 2,800 zone and unit grains at its end) spent
/// about 44 s of thread time asleep in a 2,500-zone week, and the lock often stood free meanwhile.
/// The busy timeout stays for other processes on the same file, and for a connection that waited
/// <see cref="BusyTimeoutMilliseconds"/> for the gate (it then opens without it).</item>
/// </list>
/// </remarks>
public sealed class SqliteStoreDataSource(string connectionString) : DbDataSource
{
    /// <summary>How long a statement waits for the write lock before failing (milliseconds).</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public override string ConnectionString => connectionString;

    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override DbConnection CreateDbConnection() => new StoreConnection(connectionString, _gate);

    private sealed class StoreConnection(string connectionString, SemaphoreSlim gate) : SqliteConnection(connectionString)
    {
        private bool _held;

        public override void Open()
        {
            _held = gate.Wait(BusyTimeoutMilliseconds);
            OpenHeld();
        }

        public override async Task OpenAsync(CancellationToken cancellationToken)
        {
            _held = await gate.WaitAsync(BusyTimeoutMilliseconds, cancellationToken);
            OpenHeld();
        }

        public override void Close()
        {
            try
            {
                base.Close();
            }
            finally
            {
                Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                Release();
            }
        }

        /// <summary>Opens (the gate held, unless waiting for it timed out) and applies the settings; on failure lets the gate go.</summary>
        private void OpenHeld()
        {
            try
            {
                base.Open();
                using var command = CreateCommand();
                command.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
                command.ExecuteNonQuery();
            }
            catch
            {
                Release();
                throw;
            }
        }

        private void Release()
        {
            if (_held)
            {
                _held = false;
                gate.Release();
            }
        }
    }
}
