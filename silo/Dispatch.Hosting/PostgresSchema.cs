using Npgsql;

namespace Dispatch.Hosting;

/// <summary>
/// Creates and upgrades the PostgreSQL schema of cluster mode: the <c>OrleansQuery</c> table of
/// stored queries, the membership tables of ADO.NET clustering and the <c>OrleansStorage</c> table
/// of ADO.NET grain storage (invariant <c>"Npgsql"</c>).
/// </summary>
/// <remarks>
/// The Orleans packages do not ship their SQL scripts, so this is our own version of them, written
/// from what the providers expect (the Orleans repository's <c>src/AdoNet/**/PostgreSQL-*.sql</c>):
/// the query keys, the parameter names they bind and the result columns they read. Everything is
/// idempotent (<c>CREATE ... IF NOT EXISTS</c>, <c>CREATE OR REPLACE FUNCTION</c>, upserted query
/// rows) and runs in one transaction under an advisory lock, so it is safe on every silo start and
/// from several processes at once; running it on an older Dispatch schema upgrades it in place.
/// Our functions carry a <c>dispatch_</c> prefix so they never collide with functions created by
/// the upstream scripts in the same database.
/// </remarks>
public static class PostgresSchema
{
    /// <summary>Version of this schema, recorded in <c>DispatchSchema</c>.</summary>
    public const int Version = 1;

    /// <summary>Oldest PostgreSQL server supported (<c>server_version_num</c>).</summary>
    public const int MinimumServerVersion = 120000;

    /// <summary>The tables the schema owns.</summary>
    public static readonly string[] Tables =
        ["orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "dispatchschema"];

    // An arbitrary constant: the advisory lock that serialises concurrent schema creation.
    private const long AdvisoryLockKey = 0x44_69_73_70_61_74_63_68; // "Dispatch"

    /// <summary>
    /// Creates or upgrades the schema. Throws <see cref="DatabaseUnavailableException"/> with a
    /// clear message when the server cannot be reached or is too old.
    /// </summary>
    public static async Task<SchemaInfo> EnsureCreatedAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        if (connection.PostgreSqlVersion is { } v && v.Major * 10000 < MinimumServerVersion)
        {
            throw new DatabaseUnavailableException(
                $"PostgreSQL {connection.ServerVersion} at {Describe(connectionString)} is too old: Dispatch needs {MinimumServerVersion / 10000} or newer.");
        }
        try
        {
            await CreateAsync(connection, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new DatabaseUnavailableException($"Cannot create the Dispatch schema in PostgreSQL at {Describe(connectionString)}: {Reason(e)}", e);
        }
        return new SchemaInfo(Describe(connectionString), connection.ServerVersion, Version, Tables.Length, StoredQueries.Length);
    }

    private static async Task CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
            await ExecuteAsync(connection, transaction, TablesSql, cancellationToken);
            await ExecuteAsync(connection, transaction, FunctionsSql, cancellationToken);
            foreach (var (key, text) in StoredQueries)
            {
                await using var command = new NpgsqlCommand(
                    "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;",
                    connection, transaction);
                command.Parameters.AddWithValue("key", key);
                command.Parameters.AddWithValue("text", text);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var command = new NpgsqlCommand(
                "INSERT INTO DispatchSchema (Id, Version, UpdatedOn) VALUES (1, @version, now()) ON CONFLICT (Id) DO UPDATE SET Version = EXCLUDED.Version, UpdatedOn = now();",
                connection, transaction))
            {
                command.Parameters.AddWithValue("version", Version);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Opens a connection, failing fast (connect timeout of at most <paramref name="connectTimeoutSeconds"/>)
    /// with a <see cref="DatabaseUnavailableException"/> that says where and why.
    /// </summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken = default, int connectTimeoutSeconds = 10)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new DatabaseUnavailableException($"Not a valid PostgreSQL connection string ({e.Message}). Expected e.g. \"Host=127.0.0.1;Port=5432;Username=dispatch;Password=dispatch;Database=dispatch\".", e);
        }
        if (builder.Timeout is <= 0 || builder.Timeout > connectTimeoutSeconds)
        {
            builder.Timeout = connectTimeoutSeconds;
        }
        builder.Pooling = false;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new DatabaseUnavailableException($"Cannot connect to PostgreSQL at {Describe(connectionString)}: {Reason(e)}", e);
        }
    }

    /// <summary>Whether the schema is present (the stored queries table exists and has our rows).</summary>
    public static async Task<bool> ExistsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using (var table = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NOT NULL;", connection))
        {
            if (await table.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansquery WHERE querykey IN ('GatewaysQueryKey', 'WriteToStorageKey');", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 2;
    }

    /// <summary>Active silos of <paramref name="clusterId"/> with a gateway, as listed in the membership table.</summary>
    public static async Task<int> CountActiveGatewaysAsync(string connectionString, string clusterId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3 AND proxyport > 0;", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>"host:port/database as user": where a connection string points, without its password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{b.Host ?? "localhost"}:{b.Port}/{b.Database ?? b.Username ?? "?"} as {b.Username ?? "(default user)"}";
        }
        catch (ArgumentException)
        {
            return "(invalid connection string)";
        }
    }

    private static string Reason(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner is not PostgresException)
        {
            inner = inner.InnerException;
        }
        return inner is PostgresException p ? $"{p.MessageText} ({p.SqlState})" : inner.Message;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Unquoted identifiers fold to lower case; the providers read columns by name, which Npgsql
    // matches case-insensitively. Column names and types follow what the providers bind and read.
    private const string TablesSql = """
        CREATE TABLE IF NOT EXISTS OrleansQuery
        (
            QueryKey  varchar(64)   NOT NULL CONSTRAINT OrleansQuery_Key PRIMARY KEY,
            QueryText varchar(8000) NOT NULL
        );

        -- Clustering: one version row per cluster (DeploymentId = ClusterId), bumped by every
        -- membership change (optimistic concurrency), and one row per silo incarnation.
        CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
        (
            DeploymentId varchar(150)   NOT NULL CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY,
            Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
            Version      integer        NOT NULL DEFAULT 0
        );

        CREATE TABLE IF NOT EXISTS OrleansMembershipTable
        (
            DeploymentId varchar(150)   NOT NULL,
            Address      varchar(45)    NOT NULL,
            Port         integer        NOT NULL,
            Generation   integer        NOT NULL,
            SiloName     varchar(150)   NOT NULL,
            HostName     varchar(150)   NOT NULL,
            Status       integer        NOT NULL,  -- Orleans SiloStatus: 3 Active, 6 Dead
            ProxyPort    integer        NULL,      -- the gateway port; 0 when the silo has none
            SuspectTimes varchar(8000)  NULL,
            StartTime    timestamptz(3) NOT NULL,
            IAmAliveTime timestamptz(3) NOT NULL,
            CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
            CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
                FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
        );

        -- Grain storage: one row per grain and state name. GrainTypeString is the state name given
        -- to [PersistentState]; Version is the ETag.
        CREATE TABLE IF NOT EXISTS OrleansStorage
        (
            GrainIdHash            integer      NOT NULL,
            GrainIdN0              bigint       NOT NULL,
            GrainIdN1              bigint       NOT NULL,
            GrainTypeHash          integer      NOT NULL,
            GrainTypeString        varchar(512) NOT NULL,
            GrainIdExtensionString varchar(512) NULL,
            ServiceId              varchar(150) NOT NULL,
            PayloadBinary          bytea        NULL,
            ModifiedOn             timestamptz  NOT NULL,
            Version                integer      NULL
        );

        -- Unlike upstream (a non-unique index on the two hashes), a grain cannot get two rows: the
        -- provider reads write results with SingleOrDefault() and would fail every later write.
        -- NULL and '' key extensions stay distinct through the IS NULL column.
        CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain ON OrleansStorage
        (
            GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
            (GrainIdExtensionString IS NULL), COALESCE(GrainIdExtensionString, ''), ServiceId
        );

        CREATE TABLE IF NOT EXISTS DispatchSchema
        (
            Id        integer     NOT NULL PRIMARY KEY CHECK (Id = 1),
            Version   integer     NOT NULL,
            UpdatedOn timestamptz NOT NULL
        );
        """;

    // Membership writes must be atomic with the version check: lock the version row at the expected
    // version (a concurrent writer that got there first makes the row vanish from the check), change
    // the member row, then bump the version. Each returns 1 on success and 0 on a lost race, which
    // the provider reads as TRUE/FALSE and retries.
    private const string FunctionsSql = """
        CREATE OR REPLACE FUNCTION dispatch_insert_membership(
            _deploymentid varchar, _address varchar, _port integer, _generation integer,
            _siloname varchar, _hostname varchar, _status integer, _proxyport integer,
            _starttime timestamptz, _iamalivetime timestamptz, _version integer)
        RETURNS integer LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM 1 FROM OrleansMembershipVersionTable
            WHERE DeploymentId = _deploymentid AND Version = _version
            FOR UPDATE;
            IF NOT FOUND THEN
                RETURN 0;
            END IF;
            INSERT INTO OrleansMembershipTable
                (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES
                (_deploymentid, _address, _port, _generation, _siloname, _hostname, _status, _proxyport, _starttime, _iamalivetime)
            ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
            IF NOT FOUND THEN
                RETURN 0;
            END IF;
            UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
            WHERE DeploymentId = _deploymentid;
            RETURN 1;
        END
        $fn$;

        CREATE OR REPLACE FUNCTION dispatch_update_membership(
            _deploymentid varchar, _address varchar, _port integer, _generation integer,
            _status integer, _suspecttimes varchar, _iamalivetime timestamptz, _version integer)
        RETURNS integer LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM 1 FROM OrleansMembershipVersionTable
            WHERE DeploymentId = _deploymentid AND Version = _version
            FOR UPDATE;
            IF NOT FOUND THEN
                RETURN 0;
            END IF;
            UPDATE OrleansMembershipTable
            SET Status = _status, SuspectTimes = _suspecttimes, IAmAliveTime = _iamalivetime
            WHERE DeploymentId = _deploymentid AND Address = _address AND Port = _port AND Generation = _generation;
            IF NOT FOUND THEN
                RETURN 0;
            END IF;
            UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
            WHERE DeploymentId = _deploymentid;
            RETURN 1;
        END
        $fn$;

        -- Grain state write with optimistic concurrency on Version:
        --   no ETag (first write)       -> insert Version 1; if a row exists already, conflict
        --   ETag = the stored Version   -> update, Version + 1
        --   anything else               -> conflict
        -- On a conflict the function returns the ETag it was given (NULL for a first write), which
        -- the provider turns into an InconsistentStateException.
        CREATE OR REPLACE FUNCTION dispatch_write_to_storage(
            _grainidhash integer, _grainidn0 bigint, _grainidn1 bigint, _graintypehash integer,
            _graintypestring varchar, _grainidextensionstring varchar, _serviceid varchar,
            _grainstateversion integer, _payloadbinary bytea)
        RETURNS TABLE (NewGrainStateVersion integer) LANGUAGE plpgsql AS $fn$
        DECLARE
            _new integer;
        BEGIN
            IF _grainstateversion IS NULL THEN
                INSERT INTO OrleansStorage
                    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                     GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
                VALUES
                    (_grainidhash, _grainidn0, _grainidn1, _graintypehash, _graintypestring,
                     _grainidextensionstring, _serviceid, _payloadbinary, now(), 1)
                ON CONFLICT DO NOTHING
                RETURNING OrleansStorage.Version INTO _new;
            ELSE
                UPDATE OrleansStorage AS s
                SET PayloadBinary = _payloadbinary, ModifiedOn = now(), Version = s.Version + 1
                WHERE s.GrainIdHash = _grainidhash AND s.GrainTypeHash = _graintypehash
                    AND s.GrainIdN0 = _grainidn0 AND s.GrainIdN1 = _grainidn1
                    AND s.GrainTypeString = _graintypestring
                    AND s.GrainIdExtensionString IS NOT DISTINCT FROM _grainidextensionstring
                    AND s.ServiceId = _serviceid
                    AND s.Version = _grainstateversion
                RETURNING s.Version INTO _new;
            END IF;
            RETURN QUERY SELECT COALESCE(_new, _grainstateversion);
        END
        $fn$;
        """;

    // Matches one grain's row in the storage queries below.
    private const string GrainMatch = """
        GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
                AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
                AND GrainTypeString = @GrainTypeString
                AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
                AND ServiceId = @ServiceId
        """;

    private const string MembershipColumns = """
        v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
                m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
        """;

    /// <summary>The rows of <c>OrleansQuery</c>: what the clustering and grain storage providers look up by key.</summary>
    private static readonly (string Key, string Text)[] StoredQueries =
    [
        // Clustering (silos and clients).
        ("InsertMembershipVersionKey", """
            WITH inserted AS (
                INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
                ON CONFLICT (DeploymentId) DO NOTHING
                RETURNING 1)
            SELECT count(*)::integer FROM inserted;
            """),
        ("InsertMembershipKey", """
            SELECT dispatch_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
            """),
        ("UpdateMembershipKey", """
            SELECT dispatch_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status,
                @SuspectTimes, @IAmAliveTime, @Version);
            """),
        ("UpdateIAmAlivetimeKey", """
            UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
            """),
        // The version row comes back even when the silo has no row yet (LEFT JOIN).
        ("MembershipReadRowKey", $"""
            SELECT {MembershipColumns}
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
                AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
            WHERE v.DeploymentId = @DeploymentId;
            """),
        ("MembershipReadAllKey", $"""
            SELECT {MembershipColumns}
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
            WHERE v.DeploymentId = @DeploymentId;
            """),
        ("DeleteMembershipTableEntriesKey", """
            DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
            DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
            """),
        ("GatewaysQueryKey", """
            SELECT Address, ProxyPort, Generation
            FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
            """),
        // Forgets silos that are not active and have not been alive since @IAmAliveTime.
        ("CleanupDefunctSiloEntriesKey", """
            DELETE FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;
            """),

        // Grain storage.
        ("ReadFromStorageKey", $"""
            SELECT PayloadBinary, Version
            FROM OrleansStorage
            WHERE {GrainMatch};
            """),
        ("WriteToStorageKey", """
            SELECT NewGrainStateVersion FROM dispatch_write_to_storage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
                @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
            """),
        // Keeps the row, drops the payload; no row back (a conflict) unless the version matched.
        ("ClearStorageKey", $"""
            UPDATE OrleansStorage
            SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
            WHERE {GrainMatch}
                AND Version = @GrainStateVersion
            RETURNING Version AS NewGrainStateVersion;
            """),
        // Used instead of ClearStorageKey when DeleteStateOnClear is set.
        ("DeleteStorageKey", $"""
            DELETE FROM OrleansStorage
            WHERE {GrainMatch}
                AND Version = @GrainStateVersion
            RETURNING Version + 1 AS NewGrainStateVersion;
            """),
    ];
}

/// <summary>What <see cref="PostgresSchema.EnsureCreatedAsync"/> found and made.</summary>
public sealed record SchemaInfo(string Database, string ServerVersion, int SchemaVersion, int Tables, int StoredQueries);

/// <summary>The database of a cluster cannot be used; the message says where and why.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
