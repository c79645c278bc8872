using System.Text.Json;

namespace Dispatch.Cli.Tests;

/// <summary><c>run --commands</c> (a command log replayed in batch) and the <c>command</c> verb's refusals.</summary>
public sealed class CommandVerbTests
{
    private const string Log = """
        { "schemaVersion": 1, "commands": [
          { "at": 90, "command": "inject fight station-square 1" },
          { "at": 90, "command": "alert bar-street" },
          { "at": 600.5, "command": "post car-n-1 night-market 45" },
          { "at": 700, "command": "send car-s-1 0" }
        ] }
        """;

    [Fact]
    public async Task Run_with_commands_replays_them_and_writes_the_log_and_the_command_column_in_every_replication()
    {
        var dir = CliRunner.TempDir();
        var log = Path.Combine(dir, "commands.json");
        File.WriteAllText(log, Log);
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1", "--replications", "2",
            "--commands", log, "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db"));
        Assert.True(exit == 0, error);

        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "commands.json")));
        var commands = written.RootElement.GetProperty("commands").EnumerateArray().ToList();
        Assert.Equal(["inject fight station-square 1", "alert bar-street", "post car-n-1 night-market 45", "send car-s-1 0"],
            commands.Select(c => c.GetProperty("command").GetString()));
        Assert.Equal(600.5, commands[2].GetProperty("at").GetDouble());
        Assert.All(commands.Take(2), c => Assert.True(c.GetProperty("applied").GetBoolean(), c.GetProperty("outcome").GetString()));
        // Refused at their minutes (car-n-1 is busy then; #0 was over), and logged all the same.
        Assert.StartsWith("car-n-1 is on incident #", commands[2].GetProperty("outcome").GetString());
        Assert.Equal("incident #0 is over (cleared at 00:46)", commands[3].GetProperty("outcome").GetString());

        var rows = File.ReadAllLines(Path.Combine(dir, "out", "incidents.csv"));
        Assert.EndsWith(",mediationResolved,command", rows[0]);
        Assert.Single(rows, r => r.StartsWith("replication", StringComparison.Ordinal));
        Assert.Equal(2, rows.Count(r => r.EndsWith(",inject", StringComparison.Ordinal) || r.EndsWith(",inject+send", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{ \"commands\": [ { \"at\": 5, \"command\": \"dispatch a 1\" } ] }", "commands[0]: 'dispatch' is not a command")]
    [InlineData("{ \"commands\": [ { \"at\": 5, \"command\": \"alert x\" }, { \"at\": 4, \"command\": \"alert y\" } ] }", "commands[1]: at minute 4, before the command above it")]
    [InlineData("{ \"commands\": [ { \"command\": \"alert x\" } ] }", "commands[0]: expected \"at\"")]
    [InlineData("{ \"commands\": ", "not valid JSON (line 1")]
    public async Task A_command_log_that_is_not_one_is_refused_with_where_and_what(string text, string message)
    {
        var dir = CliRunner.TempDir();
        var log = Path.Combine(dir, "bad.json");
        File.WriteAllText(log, text);
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--days", "1",
            "--commands", log, "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(2, exit);
        Assert.Contains($"{log}: {message}", error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public async Task The_command_verb_says_when_there_is_no_such_live_run_or_no_such_command()
    {
        var dir = CliRunner.TempDir();
        var none = await CliRunner.RunAsync("command", "live-nothing", "alert", "bar-street", "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(2, none.Exit);
        Assert.Contains("no live run 'live-nothing' found", none.Err);
        var typo = await CliRunner.RunAsync("command", "live-nothing", "hover", "bar-street", "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(2, typo.Exit);
        Assert.Contains("'hover' is not a command", typo.Err);
    }
}
