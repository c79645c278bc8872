using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.Commands.CommandTestKit;

namespace Dispatch.Model.Tests.Commands;

/// <summary>Each command's effect on the kernel, in small exact cases (docs/live.md, "Commands").</summary>
public class KernelCommandTests
{
    [Fact]
    public void An_injected_incident_appears_with_the_given_type_priority_and_place_and_goes_to_the_nearest_unit()
    {
        var sim = new Simulator(Quiet(), 1);
        var outcome = sim.At(10, "inject", "theft", "1500,0", "P1");

        Assert.True(outcome.Applied, outcome.Message);
        var incident = Assert.Single(sim.Incidents);
        Assert.Equal(0, outcome.Incident);
        Assert.Equal("theft", sim.Scenario.IncidentTypes[incident.Type].Id);
        Assert.Equal(1, incident.Priority);
        Assert.Equal(10.0, incident.CreatedAt);
        Assert.Equal("district", sim.Scenario.Zones[incident.Zone].Id);
        Assert.Equal("a", sim.Scenario.Units[incident.Unit].Id);
        Assert.Equal(10 + CarMinutes(1500), incident.EtaAt, 9);
        Assert.Equal("#0 theft P1 injected in district, a sent, ETA 00:14", outcome.Message);

        var inZone = sim.At(11, "inject", "fight", "market");
        Assert.True(inZone.Applied, inZone.Message);
        Assert.Equal("market", sim.Scenario.Zones[sim.Incidents[1].Zone].Id);
        Assert.Equal(1, sim.Incidents[1].Priority);
    }

    [Fact]
    public void A_sent_unit_arrives_at_the_computed_time_and_the_automatic_choice_stands_down()
    {
        var sim = new Simulator(Quiet(), 1);
        sim.At(10, "inject", "theft", "1000,0");
        Assert.Equal("a", sim.Scenario.Units[sim.Incidents[0].Unit].Id);

        var outcome = sim.At(11, "send", "b", "0");
        Assert.True(outcome.Applied, outcome.Message);
        Assert.Contains("a stood down from it", outcome.Message);
        sim.RunUntil(60);

        var incident = sim.Incidents[0];
        Assert.Equal("b", sim.Scenario.Units[incident.Unit].Id);
        Assert.Equal(11 + CarMinutes(2000), incident.ArrivedAt, 9);
        Assert.Equal(1, sim.Named("a").Dispatches);
        Assert.NotEqual(UnitStatus.EnRoute, sim.Named("a").Status);
        Assert.Equal("inject+send", sim.CommandedIncidents[0]);
    }

    [Fact]
    public void A_unit_held_at_a_command_post_is_not_dispatched_until_its_post_ends()
    {
        var sim = new Simulator(Quiet(), 1);
        var post = sim.At(5, "post", "a", "market", "30");
        Assert.True(post.Applied, post.Message);
        Assert.Equal(UnitStatus.CommandPost, sim.Named("a").Status);

        // Next to a's post: b, 2 km away, is sent all the same.
        sim.At(10, "inject", "theft", "1000,0");
        Assert.Equal("b", sim.Scenario.Units[sim.Incidents[0].Unit].Id);
        var arrivedAtPost = 5 + CarMinutes(1000);
        sim.RunUntil(arrivedAtPost + 29.9);
        Assert.Equal(UnitStatus.CommandPost, sim.Named("a").Status);
        Assert.False(sim.Named("a").IsMoving);
        sim.RunUntil(arrivedAtPost + 30.1);
        Assert.NotEqual(UnitStatus.CommandPost, sim.Named("a").Status);
        Assert.Equal(0, sim.Named("a").Dispatches);
    }

    [Fact]
    public void Release_sends_a_posted_unit_back_to_its_duty_at_once()
    {
        var sim = new Simulator(Quiet(), 1);
        sim.At(5, "post", "a", "market", "120");
        var release = sim.At(20, "release", "a");
        Assert.True(release.Applied, release.Message);
        Assert.Equal(UnitStatus.Returning, sim.Named("a").Status);
        Assert.False(sim.At(21, "release", "a").Applied);
    }

    [Fact]
    public void A_held_incident_waits_for_its_unit_and_no_other_is_sent()
    {
        var sim = new Simulator(Quiet(), 1);
        sim.At(10, "inject", "theft", "0,0"); // a: on scene at once, clears at 40
        sim.At(12, "inject", "theft", "100,0"); // walker, clears after 43
        Assert.Equal("walker", sim.Scenario.Units[sim.Incidents[1].Unit].Id);
        Assert.False(sim.At(13, "hold", "1", "b").Applied); // it already has its unit
        sim.At(14, "inject", "theft", "200,0"); // b, from 3 km: on scene 14 + 7.84, clears 30 min later
        sim.At(15, "inject", "theft", "300,0"); // nobody free: queued
        var hold = sim.At(16, "hold", "3", "b");
        Assert.True(hold.Applied, hold.Message);
        Assert.Equal("#3 held for b (now EnRoute)", hold.Message);
        sim.RunUntil(200);

        // a is free at 40 but leaves #3 to b, free at 14 + 7.84 + 30.
        var held = sim.Incidents[3];
        Assert.Equal("b", sim.Scenario.Units[held.Unit].Id);
        Assert.Equal(14 + CarMinutes(2800) + 30, held.DispatchedAt, 9);
        Assert.Equal(1, sim.Named("a").Dispatches);
        Assert.Equal("inject+hold", sim.CommandedIncidents[3]);
    }

    [Fact]
    public void Alert_sends_the_nearest_free_unit_to_check_the_zone_and_cordon_posts_it()
    {
        var sim = new Simulator(Quiet(), 1);
        var alert = sim.At(5, "alert", "market");
        Assert.True(alert.Applied, alert.Message);
        Assert.Equal(UnitStatus.Check, sim.Named("a").Status);
        Assert.StartsWith("alert in market: a checks it", alert.Message);

        var cordon = sim.At(6, "cordon", "market", "45");
        Assert.True(cordon.Applied, cordon.Message);
        Assert.Equal(UnitStatus.CommandPost, sim.Named("b").Status);
    }

    [Fact]
    public void Call_in_brings_an_off_duty_unit_on_for_the_hours_given_and_stand_down_takes_one_off()
    {
        var sim = new Simulator(Quiet(), 1);
        Assert.Equal(UnitStatus.OffShift, sim.Named("night").Status);
        var callIn = sim.At(60, "call-in", "night", "2");
        Assert.True(callIn.Applied, callIn.Message);
        Assert.Equal(UnitStatus.Available, sim.Named("night").Status);
        sim.RunUntil(179.9);
        Assert.Equal(UnitStatus.Available, sim.Named("night").Status);
        sim.RunUntil(180.1);
        Assert.Equal(UnitStatus.OffShift, sim.Named("night").Status);

        Assert.True(sim.At(200, "stand-down", "b").Applied);
        Assert.Equal(UnitStatus.OffShift, sim.Named("b").Status);
        sim.At(210, "inject", "theft", "3000,0");
        Assert.Equal("a", sim.Scenario.Units[sim.Incidents[0].Unit].Id);
    }

    [Fact]
    public void A_called_in_unit_carries_on_into_its_regular_shift()
    {
        var sim = new Simulator(Quiet(), 2);
        sim.At(7 * 60, "call-in", "night", "3");
        sim.RunUntil(10 * 60 + 30); // the call-in would have ended at 10:00; its 08:00 shift took over
        Assert.NotEqual(UnitStatus.OffShift, sim.Named("night").Status);
        sim.RunUntil(16 * 60 + 1);
        Assert.Equal(UnitStatus.OffShift, sim.Named("night").Status);
    }
}
