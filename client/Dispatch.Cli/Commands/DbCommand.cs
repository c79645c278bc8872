using System.CommandLine;
using Dispatch.Cli.Running;
using Dispatch.Hosting;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>db init [--postgres CONNECTION]</c>: creates or upgrades the PostgreSQL schema of cluster mode
/// (membership, grain storage and the stored queries Orleans looks up). Idempotent; silos also do
/// this when they start.
/// </summary>
public static class DbCommand
{
    private const string Usage = "dispatch db init [--postgres CONNECTION]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var postgres = new Option<string?>("--postgres")
        {
            Description = $"PostgreSQL connection string, or @FILE to read it from a file (default: ${ClusterConnection.EnvironmentVariable}, else the file ${ConnectionSecret.FileVariable} names).",
            HelpName = "connection",
        };
        var init = new Command("init", "Create or upgrade the cluster-mode schema in a PostgreSQL database (idempotent).") { postgres };
        init.SetAction((parse, cancellationToken) => InitAsync(console, error, ClusterConnection.Resolve(parse.GetValue(postgres)), cancellationToken));
        return new Command("db", "Database of cluster mode (PostgreSQL).") { init };
    }

    private static async Task<int> InitAsync(IAnsiConsole console, TextWriter error, string? connectionString, CancellationToken cancellationToken)
    {
        if (connectionString is null)
        {
            return CommonOptions.Usage(error, $"no database: give --postgres \"Host=...;Username=...;Password=...;Database=...\" or set {ClusterConnection.EnvironmentVariable}", Usage);
        }
        try
        {
            var info = await PostgresSchema.EnsureCreatedAsync(ConnectionSecret.Read(connectionString), cancellationToken);
            console.MarkupLine(Markup.Escape(
                $"Schema version {info.SchemaVersion} ready in {info.Database} (PostgreSQL {info.ServerVersion}): {info.Tables} tables, {info.StoredQueries} stored queries."));
            return ExitCodes.Success;
        }
        catch (DatabaseUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
