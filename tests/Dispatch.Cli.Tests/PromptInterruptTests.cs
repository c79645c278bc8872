using System.Diagnostics;
using System.Globalization;
using System.Text;
using Spectre.Console.Testing;

namespace Dispatch.Cli.Tests;

/// <summary>Ctrl+C while a large scenario file is being read and checked stops at once.</summary>
public sealed class PromptInterruptTests
{
    /// <summary>A valid scenario of 12000 zones with 120-point outlines (about 30 MB, seconds to check).</summary>
    private static string BigScenario(string dir)
    {
        var text = new StringBuilder("""{ "name": "big", "start": "2023-06-05T00:00", "days": 1, "stations": [ { "id": "hq", "location": [500, 500] } ], """);
        text.Append("""  "incidentTypes": [ { "id": "call", "priority": 2, "targetResponseMinutes": 10, "onScene": { "distribution": "exponential", "mean": 30 } } ], "zones": [""");
        for (var i = 0; i < 12000; i++)
        {
            var (cx, cy) = (i % 120 * 1000 + 500, i / 120 * 1000 + 500);
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{ \"id\": \"z{i}\", \"ratePerHour\": 0.1, \"polygon\": [");
            for (var k = 0; k < 120; k++)
            {
                var a = 2 * Math.PI * k / 120;
                text.Append(k == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[{cx + 400 * Math.Cos(a):0.0}, {cy + 400 * Math.Sin(a):0.0}]");
            }
            text.Append("] }");
        }
        text.Append("""], "units": [ { "id": "car", "count": 2, "mode": "car", "station": "hq", "shift": { "starts": ["07:00", "19:00"], "hours": 12 } } ] }""");
        var path = Path.Combine(dir, "big.json");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public async Task Ctrl_c_while_a_large_file_is_checked_stops_at_once(string verb)
    {
        var dir = CliRunner.TempDir();
        var scenario = BigScenario(dir);
        string[] args = verb == "run" ? ["run", scenario, "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db")] : ["validate", scenario];
        using var cancel = new CancellationTokenSource();
        // Ctrl+C arrives on a thread of its own (the check keeps the pool's threads busy).
        var ctrlC = new Thread(() =>
        {
            Thread.Sleep(300);
            cancel.Cancel();
        });
        var clock = Stopwatch.StartNew();
        ctrlC.Start();

        var exit = await CliApp.RunAsync(args, new TestConsole(), new StringWriter(), cancel.Token);

        var stopped = clock.Elapsed;
        Assert.Equal(130, exit);
        // Not a speed test: "at once" means well before the check would have ended. The uninterrupted
        // check of the same file, timed now on the same (possibly loaded) machine, is the yardstick.
        clock.Restart();
        Assert.Equal(0, await CliApp.RunAsync(["validate", scenario], new TestConsole(), new StringWriter(), CancellationToken.None));
        var whole = clock.Elapsed;
        Assert.True(stopped < TimeSpan.FromSeconds(1.5) || stopped < whole / 2,
            $"stopped after {stopped.TotalSeconds:0.0} s; the whole check takes {whole.TotalSeconds:0.0} s");
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
