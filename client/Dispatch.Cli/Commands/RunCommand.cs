using System.CommandLine;
using System.Globalization;
using Dispatch.Cli.Output;
using Dispatch.Cli.Running;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>run &lt;scenario&gt; [--seed N] [--days D] [--out DIR] [--replications R]</c>: runs a scenario as
/// fast as possible on the embedded silo, prints a summary and writes the report files.
/// </summary>
public static class RunCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (JSON)." };
        var seed = new Option<long?>("--seed") { Description = "Random seed (default: the scenario's seed)." };
        var days = new Option<int?>("--days") { Description = "Simulated days (default: the scenario's days)." };
        var output = new Option<string?>("--out") { Description = "Output folder (default: out/<scenario file name>)." };
        var replications = new Option<int>("--replications") { Description = "Independent replications, run in parallel.", DefaultValueFactory = _ => 1 };
        var state = new Option<string>("--state") { Description = "SQLite file for grain state (embedded silo).", DefaultValueFactory = _ => Path.Combine("data", "dispatch.db") };
        var command = new Command("run", "Run a scenario as fast as possible and write report.json, report.md, incidents.csv and units.csv.")
        {
            scenario, seed, days, output, replications, state,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            console, error, parse.GetValue(scenario)!, parse.GetValue(seed), parse.GetValue(days), parse.GetValue(output),
            parse.GetValue(replications), parse.GetValue(state)!, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        IAnsiConsole console, TextWriter error, string path, long? seed, int? days, string? output, int replications,
        string statePath, CancellationToken cancellationToken)
    {
        if (replications is < 1 or > 10_000)
        {
            return Usage(error, $"--replications {replications}: expected a whole number from 1 to 10000");
        }
        if (days is < 1 or > 3650)
        {
            return Usage(error, $"--days {days}: expected a whole number of days from 1 to 3650");
        }
        var loaded = ScenarioInput.Load(path, error);
        if (loaded is null)
        {
            return ExitCodes.InvalidInput;
        }
        var (model, json) = loaded.Value;
        var outDir = output ?? Path.Combine("out", Path.GetFileNameWithoutExtension(path));
        try
        {
            Directory.CreateDirectory(outDir);
            RunOutputWriter.WriteAtomically(Path.Combine(outDir, ".write-check"), "");
            File.Delete(Path.Combine(outDir, ".write-check"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Usage(error, $"--out {outDir}: the folder cannot be written ({e.Message})");
        }

        var settings = new RunSettings(json, seed ?? model.Seed, days ?? model.Days, replications,
            $"run-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}");
        await using var cluster = await EmbeddedCluster.StartAsync(statePath, cancellationToken);
        var outcome = await RunOrchestrator.RunAsync(cluster.Grains, settings, progress: null, cancellationToken);
        RunOutputWriter.Write(outDir, outcome);
        PrintSummary(console, outcome, outDir);
        return ExitCodes.Success;
    }

    private static void PrintSummary(IAnsiConsole console, RunOutcome outcome, string outDir)
    {
        var r = outcome.Report;
        var table = new Table().Title($"[bold]{Markup.Escape(r.Scenario)}[/]: {Headline.Num(r.SimulatedDays)} days from {r.Start}, seed {r.Seed}, {r.Replications} replication(s)");
        table.AddColumn("Measure");
        table.AddColumn(new TableColumn("Value").RightAligned());
        if (r.Replications > 1)
        {
            table.AddColumn(new TableColumn("95% CI").RightAligned());
        }
        foreach (var (label, value, interval) in Headline.Rows(r))
        {
            table.AddRow(r.Replications > 1 ? [Markup.Escape(label), value, interval] : [Markup.Escape(label), value]);
        }
        console.Write(table);
        var seconds = outcome.SimulationTime.TotalSeconds;
        var simulatedDays = r.SimulatedDays * r.Replications;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulated {simulatedDays:0.#} days ({outcome.EventsProcessed:N0} events) in {seconds:0.00} s: {simulatedDays / Math.Max(seconds, 1e-9):0.0} simulated days per second (silo start-up excluded)."));
        console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(outDir, "report.json"))}[/], report.md, incidents.csv, units.csv");
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        error.WriteLine("Usage: dispatch run <scenario> [--seed N] [--days D] [--out DIR] [--replications R]");
        return ExitCodes.InvalidInput;
    }
}
