using System.Text.Json;
using Dispatch.Model.Reporting;
using Dispatch.Model.Tests.Theory;

namespace Dispatch.Cli.Tests;

/// <summary>The sweep verb against queueing theory, its outputs and its input errors.</summary>
public sealed class SweepVerbTests
{
    /// <summary>
    /// The M/M/c scenario (lambda = 4.8/h, mean service 30 min) swept over c = 3, 4, 5: at every point
    /// Erlang C's waiting probability and mean queue wait lie inside the sweep's interval, widened
    /// from 95% to 99% (the validation suite's level, docs/validation.md) by the ratio of the t quantiles.
    /// </summary>
    [Fact]
    public async Task Sweep_of_the_unit_count_of_an_MMc_queue_reproduces_Erlang_C_at_every_point()
    {
        const int replications = 10;
        var dir = CliRunner.TempDir();
        var (exit, output, error) = await CliRunner.RunAsync("sweep", CliRunner.Scenario("mmc-erlang.json"), "--vary", "units[id=unit].count=3..5",
            "--replications", $"{replications}", "--days", "100", "--warmup-days", "2", "--out", dir, "--state", Path.Combine(dir, "s.db"));
        Assert.True(exit == 0, error);
        Assert.Contains("3 point(s) x 10 replication(s) on common random numbers", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sweep.json")));
        var points = json.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(3, points.Count);
        var widen = TheoryKit.T995(replications - 1) / Statistics.StudentT975(replications - 1);
        const double lambda = 4.8 / 60, mu = 1 / 30.0;
        var incidents = new HashSet<double>();
        foreach (var point in points)
        {
            var c = int.Parse(point.GetProperty("values").GetProperty("units[id=unit].count").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var probWait = TheoryKit.ErlangC(c, lambda / mu);
            var wait = probWait / (c * mu - lambda);
            var measures = point.GetProperty("measures");
            foreach (var (name, theory) in new[] { ("queueWaitMinutes.probWait", probWait), ("queueWaitMinutes.mean", wait) })
            {
                var mean = measures.GetProperty(name).GetProperty("mean").GetDouble();
                var half = measures.GetProperty(name).GetProperty("ci95HalfWidth").GetDouble() * widen;
                Assert.True(Math.Abs(mean - theory) <= half, $"c = {c}, {name}: Erlang C {theory:0.####} outside {mean:0.####} ± {half:0.####}");
                Assert.True(half < 0.5 * theory, $"c = {c}, {name}: interval ± {half:0.####} too wide to test anything");
            }
            incidents.Add(measures.GetProperty("incidents.total").GetProperty("mean").GetDouble());
        }
        // Common random numbers: every point replays the same arrivals.
        Assert.Single(incidents);
        var csv = File.ReadAllLines(Path.Combine(dir, "sweep.csv"));
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("units[id=unit].count,incidents.total,incidents.total.ci95,", csv[0]);
        var md = File.ReadAllText(Path.Combine(dir, "sweep.md"));
        Assert.Contains("](charts/queueWaitMinutes.mean.png)", md);
        Assert.True(new FileInfo(Path.Combine(dir, "charts", "queueWaitMinutes.mean.png")).Length > 1000);
    }

    [Fact]
    public async Task Two_dimensions_give_a_point_per_pair_and_heat_maps()
    {
        var dir = CliRunner.TempDir();
        var (exit, _, error) = await CliRunner.RunAsync("sweep", CliRunner.Scenario("mmc-erlang.json"), "--vary", "units[id=unit].count=4,5",
            "--vary", "incidentTypes[id=call].onScene.mean=20..30:10", "--replications", "2", "--days", "3", "--out", dir, "--state", Path.Combine(dir, "s.db"));
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sweep.json")));
        var values = json.RootElement.GetProperty("points").EnumerateArray()
            .Select(p => $"{p.GetProperty("values").GetProperty("units[id=unit].count").GetString()}/{p.GetProperty("values").GetProperty("incidentTypes[id=call].onScene.mean").GetString()}")
            .ToList();
        Assert.Equal(["4/20", "4/30", "5/20", "5/30"], values);
        Assert.True(File.Exists(Path.Combine(dir, "charts", "responseMinutes.mean.png")));
    }

    [Theory]
    [InlineData("units[id=unit].count", "expected PATH=v1,v2,...")]
    [InlineData("units[id=unit].count=5..3", "FROM <= TO")]
    [InlineData("units[id=nobody].count=1,2", "no entry of units has id 'nobody'")]
    [InlineData("units[id=unit].count=1,1", "listed twice")]
    public async Task A_bad_vary_is_refused_with_its_reason_and_exit_code_2(string vary, string reason)
    {
        var dir = CliRunner.TempDir();
        var (exit, _, error) = await CliRunner.RunAsync("sweep", CliRunner.Scenario("mmc-erlang.json"), "--vary", vary, "--days", "1",
            "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db"));
        Assert.Equal(2, exit);
        Assert.Contains(reason, error);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }
}
