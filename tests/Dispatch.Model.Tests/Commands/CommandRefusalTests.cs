using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.Commands.CommandTestKit;

namespace Dispatch.Model.Tests.Commands;

/// <summary>Commands the kernel refuses, each with a plain reason, and logged all the same.</summary>
public class CommandRefusalTests
{
    [Theory]
    [InlineData(new[] { "post", "night", "market" }, "night is off duty (call it in first: call-in night)")]
    [InlineData(new[] { "post", "a", "markt" }, "unknown zone 'markt'; did you mean 'market'?")]
    [InlineData(new[] { "alert", "nowhere" }, "unknown zone 'nowhere'")]
    [InlineData(new[] { "send", "patrol-99", "0" }, "unknown unit 'patrol-99'")]
    [InlineData(new[] { "send", "a", "7" }, "no incident #7 yet (incidents so far: #0 to #-1)")]
    [InlineData(new[] { "call-in", "a" }, "a is already on duty (available)")]
    [InlineData(new[] { "inject", "thief", "market" }, "unknown incident type 'thief'; did you mean 'theft'?")]
    [InlineData(new[] { "inject", "theft", "50000,0" }, "the point (50000, 0) is in no zone of the district")]
    public void Impossible_commands_are_refused_with_the_reason(string[] words, string reason)
    {
        var sim = new Simulator(Quiet(), 1);
        var outcome = sim.At(30, words);
        Assert.False(outcome.Applied);
        Assert.Equal(reason, outcome.Message);
        Assert.Equal(outcome, Assert.Single(sim.CommandLog).Outcome);
        Assert.Empty(sim.CommandedIncidents);
    }

    [Fact]
    public void A_foot_unit_is_not_sent_to_an_incident_it_cannot_handle_and_a_finished_incident_takes_no_unit()
    {
        var sim = new Simulator(Quiet(), 1);
        sim.At(10, "inject", "fight", "0,0");
        Assert.Equal("walker (foot) cannot handle a fight incident", sim.At(11, "send", "walker", "0").Message);
        Assert.Equal("incident #0 is over (cleared at 00:30)", sim.At(40, "send", "b", "0").Message);
    }

    [Fact]
    public void A_command_on_a_finished_run_is_refused()
    {
        var sim = new Simulator(Quiet(), 1);
        sim.RunToEnd();
        var outcome = sim.Apply(new KernelCommand(sim.Now, CommandKind.Alert) { Zone = "market" });
        Assert.Equal(new CommandOutcome(false, "the run has finished"), outcome);
    }

    [Theory]
    [InlineData("", "no command given")]
    [InlineData("dispatch a 1", "'dispatch' is not a command")]
    [InlineData("send a", "'send' takes 2 argument(s): send UNIT INCIDENT")]
    [InlineData("send a x", "'x': expected an incident number such as 12 or #12")]
    [InlineData("post a market -5", "'-5': expected minutes (a positive number)")]
    public void Command_lines_that_are_not_commands_say_why(string line, string start)
    {
        Assert.Null(CommandText.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), 0, out var problem));
        Assert.StartsWith(start, problem);
    }

    [Theory]
    [InlineData("send a 12")]
    [InlineData("hold 3 b")]
    [InlineData("post a market 30")]
    [InlineData("release a")]
    [InlineData("alert market")]
    [InlineData("cordon market 45")]
    [InlineData("call-in night 2")]
    [InlineData("call-in night")]
    [InlineData("stand-down b")]
    [InlineData("inject theft market 1")]
    [InlineData("inject fight 1500,-20.5")]
    [InlineData("stop")]
    public void A_command_line_reads_back_to_the_same_words(string line)
    {
        var command = CommandText.Parse(line.Split(' '), 5, out var problem);
        Assert.Null(problem);
        Assert.Equal(line, command!.Text);
    }
}
