using Npgsql;

namespace Dispatch.Hosting;

/// <summary>
/// Creates and upgrades the PostgreSQL schema of cluster mode: the <c>OrleansQuery</c> table of
/// stored queries, the membership tables of ADO.NET clustering and the <c>OrleansStorage</c> table
/// of ADO.NET grain storage and the <c>OrleansRemindersTable</c> of the ADO.NET reminder service
/// (invariant <c>"Npgsql"</c>).
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
    public const int Version = 2;

    /// <summary>Oldest PostgreSQL server supported (<c>server_version_num</c>).</summary>
    public const int MinimumServerVersion = 120000;

    /// <summary>The tables the schema owns.</summary>
    public static readonly string[] Tables =
        ["orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable", "dispatchschema"];

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
        return new SchemaInfo(Describe(connectionString), connection.ServerVersion, Version, Tables.Length, PostgresStoredQueries.All.Length + ReminderSchemaSql.Postgres.Length);
    }

    private static async Task CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
            await ExecuteAsync(connection, transaction, PostgresSchemaSql.Tables, cancellationToken);
            await ExecuteAsync(connection, transaction, ReminderSchemaSql.PostgresTable, cancellationToken);
            await ExecuteAsync(connection, transaction, PostgresSchemaSql.Functions, cancellationToken);
            foreach (var (key, text) in PostgresStoredQueries.All.Concat(ReminderSchemaSql.Postgres))
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
    public static async Task<int> CountActiveGatewaysAsync(string connectionString, string clusterId, CancellationToken cancellationToken = default) =>
        (await ListActiveGatewaysAsync(connectionString, clusterId, cancellationToken)).Count;

    /// <summary>The gateway endpoints (address, port) of the silos the membership table lists as active.</summary>
    public static async Task<IReadOnlyList<(string Address, int Port)>> ListActiveGatewaysAsync(string connectionString, string clusterId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT address, proxyport FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3 AND proxyport > 0 ORDER BY address, proxyport;", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        var gateways = new List<(string, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            gateways.Add((reader.GetString(0), reader.GetInt32(1)));
        }
        return gateways;
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
}

/// <summary>What <see cref="PostgresSchema.EnsureCreatedAsync"/> found and made.</summary>
public sealed record SchemaInfo(string Database, string ServerVersion, int SchemaVersion, int Tables, int StoredQueries);

/// <summary>The database of a cluster cannot be used; the message says where and why.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
