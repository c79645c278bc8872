using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Shift patterns: when units are on duty, what happens to a job at the end of a shift.</summary>
public class ShiftTests
{
    private static double[] OnlyHour(int hour) => Enumerable.Range(0, 24).Select(h => h == hour ? 1.0 : 0.0).ToArray();

    private static ShiftDocument Shift(string start, double hours) => new() { Start = start, Hours = hours };

    [Fact]
    public void Incident_before_the_shift_waits_until_the_shift_starts()
    {
        // The only unit works 08:00-16:00; incidents happen only between 03:00 and 04:00.
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1, 2, hour: OnlyHour(3))],
            units: [Unit("car", "car", shift: Shift("08:00", 8))],
            types: [Type("T", 2, Fixed(30))],
            seed: 2));
        var sim = Run(scenario);
        var incidents = sim.Incidents;
        Assert.NotEmpty(incidents);
        Assert.All(incidents, i => Assert.InRange(i.CreatedAt, 180, 240));
        Assert.Equal(480.0, incidents[0].DispatchedAt);
        Assert.Equal(480.0 - incidents[0].CreatedAt, incidents[0].QueueWaitMinutes);
        for (var k = 1; k < incidents.Count; k++)
        {
            Assert.Equal(incidents[k - 1].ClearedAt, incidents[k].DispatchedAt);
        }
        // All done well before 16:00, so off shift 00:00-08:00 and 16:00-24:00 exactly.
        Assert.True(incidents[^1].ClearedAt < 960);
        var unit = Report(sim).Units[0];
        Assert.Equal(960.0, unit.Minutes.OffShift);
        Assert.Equal(480.0, unit.Minutes.EnRoute + unit.Minutes.OnScene + unit.Minutes.Idle + unit.Minutes.Returning, 1e-5);
        Assert.Equal(30.0 * incidents.Count, unit.Minutes.OnScene, 6);
        Assert.Equal(UnitStatus.OffShift, sim.Units[0].Status);
    }

    [Fact]
    public void A_unit_busy_at_shift_end_finishes_the_job_then_goes_off_duty()
    {
        // Shift 08:00-16:00; incidents only 15:00-16:00, 120 min on scene.
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1, 6, hour: OnlyHour(15))],
            units: [Unit("car", "car", shift: Shift("08:00", 8))],
            types: [Type("T", 2, Fixed(120))],
            days: 2,
            seed: 2));
        var sim = new Simulator(scenario, scenario.Seed);
        sim.RunUntil(960);
        Assert.Equal(UnitStatus.OnScene, sim.Units[0].Status);
        sim.RunUntil(1440);
        var dayOne = sim.Incidents.ToList();
        Assert.True(dayOne.Count >= 2, "this seed should give at least two incidents on day one");
        var first = dayOne[0];
        Assert.Equal(first.CreatedAt, first.DispatchedAt);
        Assert.True(first.ClearedAt > 960);
        Assert.Equal(UnitStatus.OffShift, sim.Units[0].Status);
        // The others were not served after the shift: they wait for the next morning.
        Assert.All(dayOne.Skip(1), i => Assert.Equal(IncidentOutcome.Queued, i.Outcome));
        var unit = Report(sim).Units[0];
        Assert.Equal(480 + (1440 - first.ClearedAt), unit.Minutes.OffShift, 6);
        Assert.Equal(120.0, unit.Minutes.OnScene, 6);

        sim.RunToEnd();
        // Next morning the backlog is served first come first served from 08:00 (minute 1920).
        Assert.Equal(1440 + 480.0, dayOne[1].DispatchedAt);
        for (var k = 2; k < dayOne.Count && dayOne[k - 1].ClearedAt < 1440 + 960; k++)
        {
            Assert.Equal(dayOne[k - 1].ClearedAt, dayOne[k].DispatchedAt);
        }
    }

    [Fact]
    public void Shift_crossing_midnight_is_on_duty_at_the_start()
    {
        // 22:00 for 8 hours, scenario starting Monday 00:00: on until 06:00, off until 22:00.
        var scenario = Build(Document(zones: [Zone("Z", 0, 0, 1, 0)], units: [Unit("n", "car", shift: Shift("22:00", 8))]));
        var sim = new Simulator(scenario, 1);
        Assert.Equal(UnitStatus.Available, sim.Units[0].Status);
        sim.RunUntil(359.9);
        Assert.Equal(UnitStatus.Available, sim.Units[0].Status);
        sim.RunUntil(360.1);
        Assert.Equal(UnitStatus.OffShift, sim.Units[0].Status);
        sim.RunUntil(1319.9);
        Assert.Equal(UnitStatus.OffShift, sim.Units[0].Status);
        sim.RunUntil(1320.1);
        Assert.Equal(UnitStatus.Available, sim.Units[0].Status);
        sim.RunToEnd();
        Assert.Equal(1440 - 360 - 120, Report(sim).Units[0].Minutes.OffShift, 9);
        Assert.Equal(480.0, Report(sim).Units[0].Minutes.Idle, 9);
    }

    [Fact]
    public void Shift_from_a_start_that_is_not_midnight()
    {
        // Start Wednesday 22:30; shift 08:00-16:00 is 570..1050 simulated minutes.
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1, 0)],
            units: [Unit("d", "car", post: [5, 5], shift: Shift("08:00", 8))],
            start: "2023-06-07T22:30",
            days: 2));
        var sim = new Simulator(scenario, 1);
        Assert.Equal(UnitStatus.OffShift, sim.Units[0].Status);
        sim.RunUntil(569.9);
        Assert.Equal(UnitStatus.OffShift, sim.Units[0].Status);
        sim.RunUntil(570.1);
        Assert.Equal(UnitStatus.Available, sim.Units[0].Status);
        sim.RunUntil(1049.9);
        Assert.Equal(UnitStatus.Available, sim.Units[0].Status);
        sim.RunUntil(1050.1);
        Assert.Equal(UnitStatus.OffShift, sim.Units[0].Status);
        sim.RunToEnd();
        var minutes = Report(sim).Units[0].Minutes;
        Assert.Equal(2 * 1440 - 2 * 480, minutes.OffShift, 9);
        // A unit with a post is "post" when free, not "idle".
        Assert.Equal(960.0, minutes.Post, 9);
        Assert.Equal(0.0, minutes.Idle);
    }

    [Fact]
    public void Staggered_starts_are_assigned_in_turn()
    {
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 1, 0)],
            units: [Unit("c", "car", count: 4, shift: new ShiftDocument { Starts = ["06:00", "14:00", "22:00"], Hours = 8 })]));
        Assert.Equal(["c-1", "c-2", "c-3", "c-4"], scenario.Units.Select(u => u.Id));
        Assert.Equal([360.0, 840.0, 1320.0, 360.0], scenario.Units.Select(u => u.Shift.StartMinuteOfDay));
        Assert.All(scenario.Units, u => Assert.Equal(480.0, u.Shift.DurationMinutes));
        Assert.False(scenario.Units[0].Shift.IsAlwaysOn);
        Assert.True(new Shift(0, 1440).IsAlwaysOn);
    }
}
