namespace Dispatch.Hosting;

/// <summary>The tables and functions of the cluster-mode schema (see <see cref="PostgresSchema"/>).</summary>
internal static class PostgresSchemaSql
{
    // Unquoted identifiers fold to lower case; the providers read columns by name, which Npgsql
    // matches case-insensitively. Column names and types follow what the providers bind and read.
    public const string Tables = """
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
    public const string Functions = """
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
}
