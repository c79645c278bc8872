using Microsoft.Data.Sqlite;

namespace Dispatch.Hosting;

/// <summary>
/// Creates the SQLite database used by the embedded silo: the <c>OrleansQuery</c> and
/// <c>OrleansStorage</c> tables and the stored queries that Orleans' ADO.NET grain storage
/// provider (invariant <c>"System.Data.SQLite"</c>) looks up by key when it starts.
/// </summary>
/// <remarks>
/// The Orleans NuGet packages do not ship their schema scripts, so this is our own version of
/// the SQLite persistence schema. The contract with the provider is the query keys, the
/// parameter names it binds (<c>@GrainIdHash</c>, <c>@GrainIdN0</c>, <c>@GrainIdN1</c>,
/// <c>@GrainTypeHash</c>, <c>@GrainTypeString</c>, <c>@GrainIdExtensionString</c>,
/// <c>@ServiceId</c>, <c>@GrainStateVersion</c>, <c>@PayloadBinary</c>) and the result columns
/// it reads (<c>PayloadBinary</c>, <c>Version</c>, <c>NewGrainStateVersion</c>).
/// Everything here is idempotent and runs in one <c>BEGIN IMMEDIATE</c> transaction, so it is
/// safe to call on every start and from two processes at once.
/// </remarks>
public static class SqliteSchema
{
    /// <summary>
    /// Creates the directory, the database file, the tables and the stored queries if missing.
    /// Throws <see cref="StateFileException"/>, naming the file, when it cannot be used (a folder,
    /// not a SQLite database, corrupt, not writable).
    /// </summary>
    /// <param name="databasePath">Path of the SQLite file; relative paths are resolved against the current directory.</param>
    public static void EnsureCreated(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        if (Directory.Exists(fullPath))
        {
            throw new StateFileException(fullPath, "is a folder; expected a SQLite file (created if missing)");
        }
        try
        {
            Create(fullPath);
        }
        catch (SqliteException e)
        {
            throw new StateFileException(fullPath, e.SqliteErrorCode switch
            {
                26 => "is not a SQLite database (another kind of file, or damaged); give another state file, or move this one away to start afresh",
                11 => "the SQLite database is damaged; give another state file, or move this one away to start afresh",
                8 => "the file is read-only; make it writable or give another state file",
                _ => $"cannot be used ({e.Message})",
            }, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateFileException(fullPath, $"cannot be created ({e.Message})", e);
        }
    }

    private static void Create(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // No pooling: the file handle is released as soon as the schema is in place.
        var connectionString = new SqliteConnectionStringBuilder(BuildConnectionString(fullPath)) { Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        // WAL is a property of the file and persists, so setting it once here is enough.
        // Readers then never block the single writer (and vice versa).
        Execute(connection, null, "PRAGMA journal_mode = WAL;");

        // BEGIN IMMEDIATE takes the write lock up front: a second process doing the same
        // waits (Microsoft.Data.Sqlite retries SQLITE_BUSY up to the command timeout).
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, TablesSql);
        Execute(connection, transaction, ReminderSchemaSql.SqliteTable);
        foreach (var (key, text) in StoredQueries.Concat(ReminderSchemaSql.Sqlite))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ($key, $text);";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$text", text);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>How long the embedded state keeps a run's rows (and scenario texts) after their last write.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    /// <summary>
    /// Deletes the rows of runs (their request and checkpoint) and of scenario texts last written
    /// more than <paramref name="keep"/> ago; returns how many rows went. A run's rows are only
    /// needed while it runs, so the database no longer grows with every run ever made. The
    /// incidents.csv spool files beside it (<see cref="Dispatch.Grains.IncidentSpool"/>) not written
    /// for <paramref name="keep"/> or <see cref="Dispatch.Grains.IncidentSpool.StaleAfter"/>, whichever is
    /// shorter, go too: a live activation's file is fresh, any other is left by a process that died.
    /// </summary>
    public static int Prune(string databasePath, TimeSpan keep)
    {
        Dispatch.Grains.IncidentSpool.Prune(Dispatch.Grains.IncidentSpool.BesideDatabase(databasePath),
            keep < Dispatch.Grains.IncidentSpool.StaleAfter ? keep : Dispatch.Grains.IncidentSpool.StaleAfter, DateTime.UtcNow);
        var connectionString = new SqliteConnectionStringBuilder(BuildConnectionString(databasePath)) { Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = PruneSql;
        command.Parameters.AddWithValue("$age", $"-{(long)keep.TotalSeconds} seconds");
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// The rows <see cref="Prune"/> deletes (<c>$age</c>: "-N seconds"). It finds them through the
    /// index on ModifiedOn: without it every start read the whole table, large states and all
    /// (about 30 ms once a few dozen 2,500-zone runs were kept).
    /// </summary>
    public const string PruneSql = """
        DELETE FROM OrleansStorage
        WHERE GrainTypeString IN ('run', 'request', 'final', 'scenario', 'experiment', 'zone', 'unit') AND ModifiedOn < datetime('now', $age);
        """;

    /// <summary>The connection string the grain storage provider uses for <paramref name="databasePath"/>.</summary>
    public static string BuildConnectionString(string databasePath) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // The same tables as the Orleans SQLite scripts, with one addition: a UNIQUE index on the
    // full grain identity. Upstream keeps only the narrow non-unique (GrainIdHash, GrainTypeHash)
    // index, which lets a grain end up with two rows; the provider reads write/clear results with
    // SingleOrDefault() and would then fail every later write. The unique index rules that out
    // and is what WriteToStorageKey's upsert targets. Its leading columns are the hashes, so it
    // also serves every lookup. A NULL key extension is indexed as the blob x'00', which equals
    // no text value, so NULL and '' stay distinct and two NULLs do collide.
    private const string TablesSql = """
        CREATE TABLE IF NOT EXISTS OrleansQuery
        (
            QueryKey  TEXT NOT NULL PRIMARY KEY,
            QueryText TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS OrleansStorage
        (
            GrainIdHash            INT           NOT NULL,  -- hash of the grain id bytes (computed by Orleans)
            GrainIdN0              BIGINT        NOT NULL,
            GrainIdN1              BIGINT        NOT NULL,
            GrainTypeHash          INT           NOT NULL,  -- hash of GrainTypeString
            GrainTypeString        NVARCHAR(512) NOT NULL,  -- the [PersistentState] state NAME, not the grain class
            GrainIdExtensionString NVARCHAR(512) NULL,      -- string key / key extension, if any
            ServiceId              NVARCHAR(150) NOT NULL,
            PayloadBinary          BLOB          NULL,      -- serialized state; NULL once cleared
            ModifiedOn             DATETIME      NOT NULL,  -- informational only
            Version                INT           NULL       -- the ETag
        );

        CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain ON OrleansStorage
        (
            GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
            ifnull(GrainIdExtensionString, x'00'), ServiceId
        );

        CREATE INDEX IF NOT EXISTS IX_OrleansStorage_ModifiedOn ON OrleansStorage (ModifiedOn);
        """;

    // Matches one grain's row; shared by the queries below.
    private const string GrainMatch = """
        GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
                AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
                AND GrainTypeString = @GrainTypeString
                AND ifnull(GrainIdExtensionString, x'00') = ifnull(@GrainIdExtensionString, x'00')
                AND ServiceId = @ServiceId
        """;

    // ReadFromStorageKey: the payload and its version, or no row if the grain was never written.
    private const string ReadQuery = $"""
        SELECT PayloadBinary, Version
        FROM OrleansStorage
        WHERE {GrainMatch}
        LIMIT 1;
        """;

    // WriteToStorageKey: optimistic concurrency in ONE statement (one implicit transaction, one
    // write lock, nothing to roll back on a pooled connection if it fails):
    //   - no row and @GrainStateVersion NULL        -> insert with Version 1, return 1
    //   - row with Version = @GrainStateVersion     -> update, return Version + 1
    //   - anything else                              -> no change; return @GrainStateVersion when
    //     it is not NULL (and nothing when it is), which the provider reports as a version conflict.
    // The SELECT yields the candidate row only when an insert is allowed or a row exists to be
    // updated; otherwise a stale non-NULL version would insert a fresh row.
    private const string WriteQuery = $"""
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT
            @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
            @GrainIdExtensionString, @ServiceId, @PayloadBinary, datetime('now'), 1
        WHERE @GrainStateVersion IS NULL
            OR EXISTS (SELECT 1 FROM OrleansStorage WHERE {GrainMatch})
        ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
                     ifnull(GrainIdExtensionString, x'00'), ServiceId)
        DO UPDATE SET
            PayloadBinary = excluded.PayloadBinary,
            ModifiedOn = datetime('now'),
            Version = OrleansStorage.Version + 1
        WHERE OrleansStorage.Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion;

        SELECT @GrainStateVersion AS NewGrainStateVersion
        WHERE changes() = 0 AND @GrainStateVersion IS NOT NULL;
        """;

    // ClearStorageKey: keep the row, drop the payload, bump the version (same rules as above).
    private const string ClearQuery = $"""
        UPDATE OrleansStorage
        SET PayloadBinary = NULL,
            ModifiedOn = datetime('now'),
            Version = Version + 1
        WHERE {GrainMatch}
            AND Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion;

        SELECT @GrainStateVersion AS NewGrainStateVersion
        WHERE changes() = 0 AND @GrainStateVersion IS NOT NULL;
        """;

    // DeleteStorageKey: used instead of ClearStorageKey only when
    // AdoNetGrainStorageOptions.DeleteStateOnClear is set; removes the row.
    private const string DeleteQuery = $"""
        DELETE FROM OrleansStorage
        WHERE {GrainMatch}
            AND Version = @GrainStateVersion
        RETURNING Version + 1 AS NewGrainStateVersion;

        SELECT @GrainStateVersion AS NewGrainStateVersion
        WHERE changes() = 0 AND @GrainStateVersion IS NOT NULL;
        """;

    // Per-connection settings (synchronous = NORMAL, busy_timeout) are made where connections are
    // opened, in SqliteStoreDataSource, not in these queries.
    private static readonly (string Key, string Text)[] StoredQueries =
    [
        ("ReadFromStorageKey", ReadQuery),
        ("WriteToStorageKey", WriteQuery),
        ("ClearStorageKey", ClearQuery),
        ("DeleteStorageKey", DeleteQuery),
    ];
}

/// <summary>The SQLite file of grain state cannot be used; the message names it and says why.</summary>
public sealed class StateFileException(string path, string reason, Exception? inner = null)
    : Exception($"state file {path}: {reason}", inner)
{
    /// <summary>The full path of the file.</summary>
    public string FilePath { get; } = path;
}
