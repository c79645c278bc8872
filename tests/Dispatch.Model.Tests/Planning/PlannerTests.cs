using Dispatch.Model.Planning;
using Dispatch.Model.Reporting;

namespace Dispatch.Model.Tests.Planning;

/// <summary>The plan search and its parsers on exact, hand-made evaluations (no simulation).</summary>
public sealed class PlannerTests
{
    /// <summary>
    /// Two stations: a measure 10 / (x0 + 0.5 x1) (the second station's units help half as much), cost
    /// 2 per unit at either. Target measure &lt;= 1: x0 + 0.5 x1 &gt;= 10, cheapest (10, 0) at cost 20.
    /// </summary>
    private sealed class TwoStations : IPlanEvaluator
    {
        public int Batches { get; private set; }

        public Task<IReadOnlyList<Evaluation>> EvaluateAsync(IReadOnlyList<IReadOnlyList<int>> settings, int replications, CancellationToken cancellationToken)
        {
            Batches++;
            return Task.FromResult<IReadOnlyList<Evaluation>>(settings.Select(s =>
            {
                var capacity = s[0] + 0.5 * s[1];
                var value = capacity <= 0 ? 100 : 10 / capacity;
                return new Evaluation(s, replications, new Estimate(2.0 * (s[0] + s[1]), 0, replications), [new Estimate(value, 0, replications)], null);
            }).ToList());
        }
    }

    private static DecisionVariable Variable(string path, int min, int max, int initial) =>
        new(Dispatch.Model.Scenarios.Overlays.OverlayPath.TryParse(path, out _)!, min, max, initial);

    private static PlanTarget Target(string text) => PlanTarget.TryParse(text, out var e) ?? throw new ArgumentException(e);

    [Theory]
    [InlineData(12, 12)]
    [InlineData(0, 0)]
    public async Task Greedy_then_removal_finds_the_cheapest_feasible_setting(int x0, int x1)
    {
        var outcome = await PlanAsync(x0, x1);
        Assert.True(outcome.Feasible);
        Assert.Equal([10, 0], outcome.Final.Setting);
        Assert.Equal(20, outcome.Final.Cost.Mean);
        Assert.Equal(10, outcome.Final.Replications);
        Assert.Equal(outcome.Trace.Count, outcome.Evaluations);
    }

    /// <summary>
    /// From (3, 3) greedy allocation reaches (9, 3), and removals alone stop at (9, 2), cost 22: a local
    /// minimum (no single unit can go), not the global (10, 0) at 20, which needs a unit moved between
    /// stations. The documented limit of the method (docs/planning.md), pinned here.
    /// </summary>
    [Fact]
    public async Task The_search_stops_at_a_local_minimum_of_one_unit_removals()
    {
        var outcome = await PlanAsync(3, 3);
        Assert.True(outcome.Feasible);
        Assert.Equal([9, 2], outcome.Final.Setting);
    }

    private static Task<PlanOutcome> PlanAsync(int x0, int x1) =>
        new Planner([Variable("units[id=a].count", 0, 15, x0), Variable("units[id=b].count", 0, 15, x1)],
            [Target("queueWaitMinutes.mean<=1")], new TwoStations(), new PlanOptions(4, 10)).MinimizeCostAsync(CancellationToken.None);

    [Fact]
    public async Task An_unreachable_target_is_infeasible_with_the_closest_setting()
    {
        var planner = new Planner([Variable("units[id=a].count", 0, 4, 2), Variable("units[id=b].count", 0, 2, 1)],
            [Target("queueWaitMinutes.mean<=1")], new TwoStations(), new PlanOptions(4, 10));
        var outcome = await planner.MinimizeCostAsync(CancellationToken.None);
        Assert.False(outcome.Feasible);
        Assert.Equal([4, 2], outcome.Final.Setting);
    }

    /// <summary>Budget 16 = 8 units from (1, 1): each added unit goes where it helps most (the first station).</summary>
    [Fact]
    public async Task A_budget_buys_the_units_that_help_most()
    {
        var outcome = await new Planner([Variable("units[id=a].count", 0, 15, 1), Variable("units[id=b].count", 0, 15, 1)], [],
            new ObjectiveOf(new TwoStations()), new PlanOptions(4, 10)).SpendBudgetAsync(16, higherIsBetter: false, CancellationToken.None);
        Assert.True(outcome.Feasible);
        Assert.Equal([7, 1], outcome.Final.Setting);
        Assert.Equal(16, outcome.Final.Cost.Mean);
    }

    private sealed class ObjectiveOf(IPlanEvaluator inner) : IPlanEvaluator
    {
        public async Task<IReadOnlyList<Evaluation>> EvaluateAsync(IReadOnlyList<IReadOnlyList<int>> settings, int replications, CancellationToken cancellationToken) =>
            (await inner.EvaluateAsync(settings, replications, cancellationToken)).Select(e => e with { Objective = e.Targets[0], Targets = [] }).ToList();
    }

    [Fact]
    public void A_screening_interval_is_judged_as_the_verification_would_give_it()
    {
        var planner = new Planner([], [], new TwoStations(), new PlanOptions(4, 10));
        var judged = planner.Judged(new Estimate(5, 1, 4));
        Assert.Equal(Statistics.StudentT975(9) / Statistics.StudentT975(3) * Math.Sqrt(0.4), judged.HalfWidth!.Value, 12);
        Assert.Equal(1, planner.Judged(new Estimate(5, 1, 10)).HalfWidth);
    }

    [Theory]
    [InlineData("responseMinutes.p90<=10", "responseMinutes.p90", true, 10)]
    [InlineData("handlingRate>=90%", "handlingRate", false, 0.9)]
    [InlineData("byKind[nightlife].visibilityRateNight>=0.5", "byKind[nightlife].visibilityRateNight", false, 0.5)]
    [InlineData("byKind[bar].responseMinutesMean<=8", "byKind[bar].responseMinutes.mean", true, 8)]
    public void Targets_parse(string text, string name, bool atMost, double bound)
    {
        var t = Target(text);
        Assert.Equal((name, atMost, bound), (t.Measure.Name, t.AtMost, t.Bound));
        Assert.True(t.Meets(new Estimate(atMost ? bound - 0.02 : bound + 0.02, 0.01, 10)));
        Assert.False(t.Meets(new Estimate(atMost ? bound - 0.005 : bound + 0.005, 0.01, 10))); // the mean meets it, the interval end does not
    }

    [Theory]
    [InlineData("units[id=a].count=0..24:4", "0,4,8,12,16,20,24")]
    [InlineData("surge.from=20:00,21:00", "20:00,21:00")]
    [InlineData("modes.car.speedKmh=20..30:2.5", "20,22.5,25,27.5,30")]
    public void Sweep_axes_parse(string text, string values)
    {
        var axis = SweepAxis.TryParse(text, out var error);
        Assert.True(axis is not null, error);
        Assert.Equal(values, string.Join(',', axis.Values));
    }
}
