using System.CommandLine;
using System.Globalization;
using Dispatch.Abstractions.Live;
using Dispatch.Cli.Live;
using Dispatch.Cli.Running;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>runs</c>: the runs with their state: in a cluster, every run it knows (experiments are stored,
/// live runs listed while they run); embedded, the live runs of other processes on this machine
/// and the runs stored in the <c>--state</c> file. <c>runs --prune</c> deletes old runs' rows.
/// </summary>
public static class RunsCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var options = new CommonOptions();
        var command = new Command("runs", "List the runs with their state (running, finished, cancelled, failed); live ones can be watched with 'watch --attach <run-id>'.");
        var prune = new Option<bool>("--prune") { Description = "Delete the stored rows of runs (and scenario texts) older than --keep-days from the --state file." };
        var keepDays = new Option<int>("--keep-days") { Description = "With --prune: days a run's rows are kept after their last write.", DefaultValueFactory = _ => (int)Dispatch.Hosting.SqliteSchema.DefaultRetention.TotalDays };
        command.Options.Add(options.State);
        command.Options.Add(options.Cluster);
        command.Options.Add(prune);
        command.Options.Add(keepDays);
        command.SetAction((parse, cancellationToken) => parse.GetValue(prune)
            ? Task.FromResult(Prune(console, error, parse.GetValue(options.State)!, parse.GetValue(keepDays)))
            : ListAsync(console, error, parse.GetValue(options.State)!, options.ClusterFor(parse), cancellationToken));
        return command;
    }

    public static async Task<int> ListAsync(IAnsiConsole console, TextWriter error, string statePath, string? clusterOption, CancellationToken cancellationToken)
    {
        var table = new Table();
        foreach (var column in new[] { "run id", "scenario", "mode", "reps", "progress", "speed", "state" })
        {
            table.AddColumn(new TableColumn(column).NoWrap());
        }
        var rows = 0;
        if (ClusterConnection.Resolve(clusterOption) is not null)
        {
            var connected = await ClusterConnection.TryConnectAsync(clusterOption, statePath, error, cancellationToken);
            if (connected is null)
            {
                return ExitCodes.Failure;
            }
            await using var cluster = connected;
            foreach (var run in await cluster.Grains.GetGrain<IRunRegistryGrain>(0).ListAsync())
            {
                AddRow(table, run);
                rows++;
            }
            if (rows == 0)
            {
                console.WriteLine($"no runs in the {cluster.Description}");
                return ExitCodes.Success;
            }
            console.Write(table);
            return ExitCodes.Success;
        }
        foreach (var entry in LiveRunFiles.List(statePath))
        {
            try
            {
                await using var gateway = await GatewayClient.ConnectAsync(entry.GatewayPort, cancellationToken);
                var listings = await gateway.Client.GetGrain<IRunRegistryGrain>(0).ListAsync();
                foreach (var run in listings.Where(l => l.RunId == entry.RunId))
                {
                    AddRow(table, run);
                    rows++;
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException or InvalidOperationException)
            {
                error.WriteLine($"warning: run {entry.RunId} (process {entry.ProcessId}) did not answer: {e.Message}");
            }
        }
        rows += await AddStoredAsync(table, error, statePath, cancellationToken);
        if (rows == 0)
        {
            console.WriteLine("no runs (start one with 'dispatch run <scenario>', 'dispatch watch <scenario>' or 'dispatch run <scenario> --live')");
            return ExitCodes.Success;
        }
        console.Write(table);
        return ExitCodes.Success;
    }

    /// <summary><c>runs --prune</c>: deletes old runs' rows from the embedded state file.</summary>
    public static int Prune(IAnsiConsole console, TextWriter error, string statePath, int keepDays)
    {
        if (keepDays < 0)
        {
            return CommonOptions.Usage(error, $"--keep-days {keepDays}: expected 0 or more days", "dispatch runs --prune [--keep-days N] [--state FILE]");
        }
        if (!File.Exists(statePath))
        {
            console.WriteLine($"nothing to prune: {statePath} does not exist");
            return ExitCodes.Success;
        }
        Dispatch.Hosting.SqliteSchema.EnsureCreated(statePath);
        var rows = Dispatch.Hosting.SqliteSchema.Prune(statePath, TimeSpan.FromDays(keepDays));
        console.WriteLine($"pruned {rows} stored row(s) of runs and scenario texts older than {keepDays} day(s) from {statePath}");
        return ExitCodes.Success;
    }

    /// <summary>The batch runs stored in the state file (read through an embedded silo on it), if the file exists.</summary>
    private static async Task<int> AddStoredAsync(Table table, TextWriter error, string statePath, CancellationToken cancellationToken)
    {
        if (!File.Exists(statePath))
        {
            return 0;
        }
        var connected = await ClusterConnection.TryConnectAsync("", statePath, error, cancellationToken);
        if (connected is null)
        {
            return 0;
        }
        await using var cluster = connected;
        var rows = 0;
        foreach (var run in (await cluster.Grains.GetGrain<IRunRegistryGrain>(0).ListAsync()).Where(r => !r.Live))
        {
            AddRow(table, run);
            rows++;
        }
        return rows;
    }

    private static void AddRow(Table table, RunListing run) =>
        table.AddRow(Markup.Escape(run.RunId), Markup.Escape(run.Scenario), run.Live ? "live" : "batch",
            run.Replications.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{100 * run.SimulatedMinute / Math.Max(run.EndMinute, 1):0}%"),
            DashboardRenderer.SpeedText(run.Speed), Markup.Escape(run.State ?? (run.Finished ? "finished" : "running")));
}
