namespace Dispatch.Hosting;

/// <summary>
/// The reminders table and the stored queries of Orleans' ADO.NET reminder service (10.4.2: the
/// query keys below, binding <c>@ServiceId</c>, <c>@GrainId</c>, <c>@ReminderName</c>,
/// <c>@StartTime</c>, <c>@Period</c> (milliseconds), <c>@GrainHash</c>, <c>@BeginHash</c>,
/// <c>@EndHash</c>, <c>@Version</c>, and reading <c>GrainId</c>, <c>ReminderName</c>,
/// <c>StartTime</c>, <c>Period</c>, <c>Version</c>), for SQLite (embedded) and PostgreSQL
/// (cluster). Written from what the provider expects, as the Orleans repository's
/// <c>PostgreSQL-Reminders.sql</c> shows it; every statement is idempotent.
/// </summary>
internal static class ReminderSchemaSql
{
    /// <summary>The table, in a form both SQLite and PostgreSQL accept.</summary>
    public const string Table = """
        CREATE TABLE IF NOT EXISTS OrleansRemindersTable
        (
            ServiceId    varchar(150) NOT NULL,
            GrainId      varchar(150) NOT NULL,
            ReminderName varchar(150) NOT NULL,
            StartTime    {0}          NOT NULL,
            Period       bigint       NOT NULL,
            GrainHash    integer      NOT NULL,
            Version      integer      NOT NULL,
            CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
        );
        """;

    private const string Columns = "GrainId, ReminderName, StartTime, Period, Version";

    private const string ReadRows = $"""
        SELECT {Columns} FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
        """;

    private const string ReadRow = $"""
        SELECT {Columns} FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
        """;

    private const string ReadRange1 = $"""
        SELECT {Columns} FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
        """;

    private const string ReadRange2 = $"""
        SELECT {Columns} FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
        """;

    private const string DeleteRows = "DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;";

    /// <summary>The queries for SQLite.</summary>
    public static readonly (string Key, string Text)[] Sqlite =
    [
        ("UpsertReminderRowKey", """
            INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE SET
                StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
                Version = OrleansRemindersTable.Version + 1
            RETURNING Version AS Version;
            """),
        ("ReadReminderRowsKey", ReadRows),
        ("ReadReminderRowKey", ReadRow),
        ("ReadRangeRows1Key", ReadRange1),
        ("ReadRangeRows2Key", ReadRange2),
        ("DeleteReminderRowKey", """
            DELETE FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;
            SELECT changes() AS row_count;
            """),
        ("DeleteReminderRowsKey", DeleteRows),
    ];

    /// <summary>The queries for PostgreSQL.</summary>
    public static readonly (string Key, string Text)[] Postgres =
    [
        ("UpsertReminderRowKey", """
            INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
            ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE SET
                StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
                Version = OrleansRemindersTable.Version + 1
            RETURNING Version AS version;
            """),
        ("ReadReminderRowsKey", ReadRows),
        ("ReadReminderRowKey", ReadRow),
        ("ReadRangeRows1Key", ReadRange1),
        ("ReadRangeRows2Key", ReadRange2),
        ("DeleteReminderRowKey", """
            WITH deleted AS (
                DELETE FROM OrleansRemindersTable
                WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
                RETURNING 1)
            SELECT count(*)::integer AS row_count FROM deleted;
            """),
        ("DeleteReminderRowsKey", DeleteRows),
    ];

    /// <summary>The table for SQLite (times as text, as Microsoft.Data.Sqlite writes them).</summary>
    public static string SqliteTable => Table.Replace("{0}", "DATETIME", StringComparison.Ordinal);

    /// <summary>The table for PostgreSQL.</summary>
    public static string PostgresTable => Table.Replace("{0}", "timestamptz(3)", StringComparison.Ordinal);
}
