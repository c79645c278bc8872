namespace Dispatch.Hosting;

/// <summary>The rows of <c>OrleansQuery</c> in PostgreSQL: what the clustering and grain storage providers look up by key.</summary>
internal static class PostgresStoredQueries
{
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
    public static readonly (string Key, string Text)[] All =
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
