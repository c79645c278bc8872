using System.Net.Sockets;
using Npgsql;

namespace Dispatch.Hosting;

/// <summary>
/// Before a silo joins: members that the table lists as active but whose silo port refuses
/// connections (nothing listens there: the process is gone) are marked dead, with the membership
/// version bumped as Orleans' own writes do. Orleans would otherwise make the joining silo probe
/// them for over a minute before it declares them dead itself. A member that does not answer in
/// time (a slow or filtered network) is left to Orleans: only a refused connection counts.
/// </summary>
public static class DeadMembers
{
    /// <summary>How long one member may take to accept or refuse a TCP connection.</summary>
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Marks the refusing members of <paramref name="clusterId"/> dead; returns their "address:port".</summary>
    public static async Task<IReadOnlyList<string>> MarkRefusingDeadAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        await using var connection = await PostgresSchema.OpenAsync(connectionString, cancellationToken);
        var members = new List<(string Address, int Port, int Generation)>();
        await using (var list = new NpgsqlCommand(
            "SELECT address, port, generation FROM orleansmembershiptable WHERE deploymentid = @cluster AND status = 3;", connection))
        {
            list.Parameters.AddWithValue("cluster", clusterId);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                members.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
            }
        }
        var refusing = new List<(string Address, int Port, int Generation)>();
        var probes = members.Select(async m => (m, await RefusesAsync(m.Address, m.Port, cancellationToken))).ToList();
        foreach (var (member, refuses) in await Task.WhenAll(probes))
        {
            if (refuses)
            {
                refusing.Add(member);
            }
        }
        if (refusing.Count == 0)
        {
            return [];
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockVersion = new NpgsqlCommand(
            "SELECT version FROM orleansmembershipversiontable WHERE deploymentid = @cluster FOR UPDATE;", connection, transaction))
        {
            lockVersion.Parameters.AddWithValue("cluster", clusterId);
            await lockVersion.ExecuteScalarAsync(cancellationToken);
        }
        var marked = 0;
        foreach (var (address, port, generation) in refusing)
        {
            await using var update = new NpgsqlCommand(
                "UPDATE orleansmembershiptable SET status = 6 WHERE deploymentid = @cluster AND address = @address AND port = @port AND generation = @generation AND status = 3;",
                connection, transaction);
            update.Parameters.AddWithValue("cluster", clusterId);
            update.Parameters.AddWithValue("address", address);
            update.Parameters.AddWithValue("port", port);
            update.Parameters.AddWithValue("generation", generation);
            marked += await update.ExecuteNonQueryAsync(cancellationToken);
        }
        if (marked > 0)
        {
            await using var bump = new NpgsqlCommand(
                "UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now() WHERE deploymentid = @cluster;", connection, transaction);
            bump.Parameters.AddWithValue("cluster", clusterId);
            await bump.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return refusing.Select(m => $"{m.Address}:{m.Port}").ToList();
    }

    /// <summary>True only when the host answers that nothing listens on the port.</summary>
    public static async Task<bool> RefusesAsync(string address, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return false;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.ConnectionRefused;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
