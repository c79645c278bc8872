using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Model.Tests.Theory;

namespace Dispatch.Cli.Tests;

/// <summary>The plan verb on queues whose answer is known: Erlang C's smallest c, a two-station case, an infeasible target, a budget.</summary>
public sealed class PlanVerbTests
{
    private const double Lambda = 4.8 / 60, Mu = 1 / 30.0; // scenarios/mmc-erlang.json, per minute

    /// <summary>Erlang C's mean queue wait (minutes) of the M/M/c scenario with c units.</summary>
    private static double Wait(int c) => c * Mu <= Lambda ? double.PositiveInfinity : TheoryKit.ErlangC(c, Lambda / Mu) / (c * Mu - Lambda);

    private static async Task<(int Exit, string Out, string Err, JsonElement Plan)> PlanAsync(string scenario, params string[] args)
    {
        var dir = CliRunner.TempDir();
        var (exit, output, error) = await CliRunner.RunAsync(["plan", scenario, .. args, "--days", "30", "--warmup-days", "1",
            "--out", Path.Combine(dir, "out"), "--state", Path.Combine(dir, "s.db")]);
        var file = Path.Combine(dir, "out", "plan.json");
        var plan = File.Exists(file) ? JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone() : default;
        return (exit, output, error, plan);
    }

    private static int After(JsonElement plan, int k) => plan.GetProperty("variables")[k].GetProperty("after").GetInt32();

    [Fact]
    public async Task Plan_on_an_MMc_queue_with_a_mean_wait_target_returns_Erlang_Cs_smallest_c()
    {
        const double target = 3;
        var expected = Enumerable.Range(1, 10).First(c => Wait(c) <= target);
        Assert.Equal(5, expected); // 5.13 min with 4 units, 1.03 with 5: a clear answer
        var (exit, output, error, plan) = await PlanAsync(CliRunner.Scenario("mmc-erlang.json"),
            "--decide", "units[id=unit].count=1..8", "--target", $"queueWaitMinutes.mean<={target}");
        Assert.True(exit == 0, error + output);
        Assert.Equal("found", plan.GetProperty("status").GetString());
        Assert.Equal(expected, After(plan, 0));
        Assert.Equal(3, plan.GetProperty("variables")[0].GetProperty("before").GetInt32());
        var after = plan.GetProperty("targets")[0].GetProperty("after");
        Assert.True(after.GetProperty("met").GetBoolean());
        Assert.True(after.GetProperty("judgedEnd").GetDouble() <= target);
        // 24 officer-hours a day per car: the cost is the unit count's.
        Assert.Equal(24.0 * expected, plan.GetProperty("cost").GetProperty("after").GetProperty("mean").GetDouble(), 3);
        Assert.True(plan.GetProperty("search").GetProperty("evaluations").GetInt32() >= 3);
        Assert.Contains("units[id=unit].count 3 -> 5", output);
    }

    /// <summary>
    /// Two stations 20 km apart, all demand at the first: units at the far station only ever arrive
    /// late, so by construction the cheapest plan has none there and Erlang C's c at the first.
    /// </summary>
    [Fact]
    public async Task Plan_on_two_stations_finds_the_answer_known_by_construction()
    {
        var scenario = JsonNode.Parse(File.ReadAllText(CliRunner.Scenario("mmc-erlang.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        scenario["stations"]!.AsArray().Add(JsonNode.Parse("""{ "id": "far", "location": [20000, 0] }"""));
        scenario["units"]!.AsArray().Add(JsonNode.Parse("""{ "id": "far-unit", "count": 3, "mode": "car", "station": "far", "post": [20000, 0] }"""));
        var path = Path.Combine(CliRunner.TempDir(), "two-stations.json");
        File.WriteAllText(path, scenario.ToJsonString());
        var (exit, output, error, plan) = await PlanAsync(path, "--decide", "units[id=unit].count=1..8", "--decide", "units[id=far-unit].count=0..4",
            "--target", "byKind[district].responseMinutes.mean<=3");
        Assert.True(exit == 0, error + output);
        Assert.Equal([5, 0], [After(plan, 0), After(plan, 1)]);
    }

    [Fact]
    public async Task A_target_no_setting_can_meet_is_infeasible_with_the_closest_setting_and_exit_code_3()
    {
        var (exit, output, _, plan) = await PlanAsync(CliRunner.Scenario("mmc-erlang.json"),
            "--decide", "units[id=unit].count=1..4", "--target", "queueWaitMinutes.mean<=3", "--replications", "4", "--screen-replications", "3");
        Assert.Equal(3, exit);
        Assert.Contains("INFEASIBLE", output);
        Assert.Contains("units[id=unit].count=4", output);
        Assert.Equal("infeasible", plan.GetProperty("status").GetString());
        Assert.Equal(4, After(plan, 0));
        Assert.False(plan.GetProperty("targets")[0].GetProperty("after").GetProperty("met").GetBoolean());
    }

    /// <summary>24 officer-hours a day per unit: a budget of 100 buys 4 units, and the mean wait falls with each, so 4 it is.</summary>
    [Fact]
    public async Task A_budget_is_spent_on_the_units_it_can_buy()
    {
        var (exit, output, error, plan) = await PlanAsync(CliRunner.Scenario("mmc-erlang.json"),
            "--decide", "units[id=unit].count=1..8", "--budget", "100", "--objective", "queueWaitMinutes.mean", "--replications", "4", "--screen-replications", "3");
        Assert.True(exit == 0, error + output);
        Assert.Equal(4, After(plan, 0));
        Assert.True(plan.GetProperty("cost").GetProperty("after").GetProperty("mean").GetDouble() <= 100);
    }

    [Theory]
    [InlineData(new[] { "--target", "queueWaitMinutes.mean<=3" }, "at least one --decide")]
    [InlineData(new[] { "--decide", "units[id=unit].count", "--target", "queueWait.mean<=3" }, "not a headline measure")]
    [InlineData(new[] { "--decide", "units[id=unit].count", "--target", "byKind[x].responseMinutes.p90<=3" }, "not given per zone kind")]
    [InlineData(new[] { "--decide", "units[id=unit].mode", "--target", "queueWaitMinutes.mean<=3" }, "not a whole number")]
    [InlineData(new[] { "--decide", "units[id=unit].count", "--budget", "10" }, "--budget needs --objective")]
    [InlineData(new[] { "--decide", "units[id=unit].count", "--target", "handlingRate=0.9" }, "expected MEASURE<=X")]
    public async Task A_bad_question_is_refused_with_its_reason_and_exit_code_2(string[] args, string reason)
    {
        var (exit, _, error, _) = await PlanAsync(CliRunner.Scenario("mmc-erlang.json"), args);
        Assert.Equal(2, exit);
        Assert.Contains(reason, error);
    }
}
