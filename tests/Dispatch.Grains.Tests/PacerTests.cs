using Dispatch.Grains.Live;

namespace Dispatch.Grains.Tests;

public sealed class PacerTests
{
    [Fact]
    public void Target_moves_with_wall_time_times_speed()
    {
        var clock = new ManualTimeProvider();
        var pacer = new Pacer(clock, 60, startMinute: 100);
        Assert.Equal(100, pacer.TargetMinute(100));
        clock.Advance(TimeSpan.FromSeconds(30));
        // 30 wall seconds x 60 = 1800 simulated seconds = 30 minutes.
        Assert.Equal(130, pacer.TargetMinute(100), 9);
        Assert.Equal(1.0, pacer.ToleranceMinutes);
    }

    [Fact]
    public void Pause_holds_the_clock_and_resume_continues_from_where_the_run_is()
    {
        var clock = new ManualTimeProvider();
        var pacer = new Pacer(clock, 600, 0);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, pacer.TargetMinute(0), 9);
        pacer.Pause(10);
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(10, pacer.TargetMinute(10));
        pacer.Resume(10);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(30, pacer.TargetMinute(10), 9);
    }

    [Fact]
    public void Speed_steps_along_the_ladder_and_max_runs_in_fixed_steps()
    {
        var clock = new ManualTimeProvider();
        var pacer = new Pacer(clock, 60, 0);
        Assert.Equal(300, pacer.Step(+1));
        Assert.Equal(10, pacer.Step(-1));
        pacer.SetSpeed(45, 0);
        Assert.Equal(60, pacer.Step(+1));
        Assert.Equal(10, pacer.Step(-1));
        pacer.SetSpeed(double.PositiveInfinity, 0);
        Assert.True(pacer.IsMax);
        Assert.Equal(5 + Pacer.MaxStepMinutes, pacer.TargetMinute(5));
        Assert.Equal(double.PositiveInfinity, pacer.Step(+1));
        Assert.Equal(3600, pacer.Step(-1));
    }

    [Fact]
    public void Speed_change_reanchors_at_the_current_simulated_time()
    {
        var clock = new ManualTimeProvider();
        var pacer = new Pacer(clock, 60, 0);
        clock.Advance(TimeSpan.FromSeconds(10));
        pacer.SetSpeed(600, pacer.TargetMinute(0));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(10 + 30, pacer.TargetMinute(10), 9);
    }
}
