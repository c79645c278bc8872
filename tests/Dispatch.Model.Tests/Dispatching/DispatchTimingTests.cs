using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Dispatching;

/// <summary>Call-handling and turnout times (dispatch realism): off by default, and exactly added to the response when fixed.</summary>
public sealed class DispatchTimingTests
{
    /// <summary>An M/M/3 queue at load 0.8 (as TestScenarios.MmC) with the given dispatch section.</summary>
    private static Scenario MmThree(DispatchDocument dispatch, int days = 20) => Build(Document(
        zones: [Zone("Z", 0, 0, 0.5, 0.8 * 3 / 30.0 * 60)],
        units: [Unit("car", "car", post: [0, 0], count: 3)],
        types: [Type("T", 1, Exponential(30)), Type("U", 2, Exponential(30))],
        days: days,
        dispatch: dispatch));

    /// <summary>
    /// Call handling happens before the queue, so a fixed handling time shifts the whole M/M/c queue
    /// in time: every response grows by exactly that time, waits and travel stay the same. (Turnout
    /// is not like that: the unit is busy during it, so it lengthens the service of the queue.)
    /// </summary>
    [Theory]
    [InlineData(2.0)]
    [InlineData(7.5)]
    public void Deterministic_call_handling_adds_exactly_its_time_to_every_response_of_an_M_M_c_queue(double handling)
    {
        const double turnout = 0;
        var plain = Run(MmThree(new DispatchDocument { Queue = true }));
        var timed = Run(MmThree(new DispatchDocument
        {
            Queue = true,
            CallHandling = handling > 0 ? new() { ["*"] = Fixed(handling) } : null,
        }));
        // The same incidents (their streams do not depend on the timings); the whole queue shifts in time.
        var compared = 0;
        foreach (var a in plain.Incidents.Where(i => i.IsAttended && i.CreatedAt < plain.EndTime - 1440))
        {
            var b = timed.Incidents[a.Id];
            Assert.Equal(a.CreatedAt, b.CreatedAt);
            Assert.Equal(a.ResponseMinutes + handling + turnout, b.ResponseMinutes, 9);
            Assert.Equal(a.QueueWaitMinutes, b.QueueWaitMinutes, 9);
            Assert.Equal(a.TravelMinutes, b.TravelMinutes, 9);
            Assert.Equal(handling, b.CallHandlingMinutes);
            Assert.Equal(turnout, b.TurnoutMinutes);
            compared++;
        }
        Assert.True(compared > 1500, $"{compared} incidents compared");
        Assert.True(plain.Incidents.Count(i => i.QueueWaitMinutes > 0) > 500); // a queue that matters
        var report = Report(timed);
        Assert.Equal(handling, report.CallHandlingMinutes!.Mean);
        Assert.Equal(turnout, report.TurnoutMinutes!.Mean);
        Assert.Null(Report(plain).CallHandlingMinutes);
    }

    [Fact]
    public void Turnout_keeps_the_unit_standing_then_it_travels_and_the_response_is_made_of_the_four_parts()
    {
        // One car at the station (0, 0), one zone 0.1 mm across 1000 m east: travel 2.8 min; handling 1, turnout 0.5.
        var sim = Run(Build(Document(
            zones: [Zone("Z", 1000, 0, 1e-4, 0.2)],
            units: [Unit("car", "car")],
            days: 2,
            seed: 3,
            dispatch: new DispatchDocument { CallHandling = new() { ["2"] = Fixed(1) }, Turnout = new() { ["2"] = Fixed(0.5) } })));
        var first = sim.Incidents[0];
        Assert.Equal(first.CreatedAt + 1, first.DispatchedAt, 9);
        Assert.Equal(0, first.QueueWaitMinutes, 9);
        Assert.Equal(2.8, first.TravelMinutes, 6);
        Assert.Equal(1 + 0.5 + 2.8, first.ResponseMinutes, 6);
        Assert.Equal(first.EtaAt, first.ArrivedAt, 9);
    }

    [Fact]
    public void Priorities_not_listed_take_no_time_and_bad_keys_are_located_errors()
    {
        var scenario = MmThree(new DispatchDocument { CallHandling = new() { ["1"] = Fixed(3) } }, days: 2);
        var sim = Run(scenario);
        Assert.All(sim.Incidents, i => Assert.Equal(i.Priority == 1 || i.InitialPriority == 1 ? 3 : 0, i.CallHandlingMinutes));
        var (built, problems) = Dispatch.Model.Loading.ScenarioBuilder.Check(Document(
            zones: [Zone("Z", 0, 0, 1, 1)], units: [Unit("car", "car")],
            dispatch: new DispatchDocument { Turnout = new() { ["urgent"] = Fixed(1) }, Divert = new DivertDocument { ForPriority = 3, FromPriority = 2 } }));
        Assert.Null(built);
        Assert.Contains(problems, p => p.Location == "dispatch.turnout.urgent" && p.Message.Contains("not a priority"));
        Assert.Contains(problems, p => p.Location == "dispatch.divert.fromPriority" && p.Message.Contains("less urgent"));
    }
}
