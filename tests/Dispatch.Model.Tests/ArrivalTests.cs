using Dispatch.Model.Geometry;
using Dispatch.Model.Randomness;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>Thinned non-homogeneous Poisson arrivals against the hour-of-day and day-of-week profile.</summary>
public class ArrivalTests
{
    // Very uneven, with zero hours (0, 1, 2, 8, 20, 21) and a zero day (Sunday).
    private static readonly double[] Hour =
        [0, 0, 0, 0.2, 0.5, 1, 2, 3, 0, 1, 1, 1, 1.5, 1.5, 1, 1, 2, 2.5, 3, 4, 0, 0, 5, 2.5];

    private static readonly double[] Day = [1, 0.5, 2, 1, 1.5, 3, 0];

    [Fact]
    public void Incidents_per_hour_and_day_follow_the_profile_within_4_poisson_sd()
    {
        const double rate = 30;
        const int weeks = 10;
        // Start on a Wednesday at 22:30 and run exactly 10 weeks: every minute of the week is
        // covered exactly 10 times, so the expected count for hour h is rate x Hour[h] x sum(Day) x 10
        // and for day d it is rate x Day[d] x sum(Hour) x 10 (rate per hour, 1 hour slots).
        var scenario = Build(Document(
            zones: [Zone("Z", 0, 0, 100, rate, Hour, Day)],
            units: [Unit("u", "car")],
            start: "2023-06-07T22:30",
            days: 7 * weeks,
            seed: 99,
            queue: false));
        var sim = Run(scenario);

        var byHour = new int[24];
        var byDay = new int[7];
        foreach (var incident in sim.Incidents)
        {
            // Classify with DateTime, independently of Scenario.HourOfDay / DayOfWeek.
            var at = scenario.Start.AddMinutes(incident.CreatedAt);
            byHour[at.Hour]++;
            byDay[((int)at.DayOfWeek + 6) % 7]++;
        }

        for (var h = 0; h < 24; h++)
        {
            var expected = rate * Hour[h] * Day.Sum() * weeks;
            if (Hour[h] == 0)
            {
                Assert.Equal(0, byHour[h]);
            }
            else
            {
                // Poisson: sd = sqrt(expected).
                Assert.InRange(byHour[h], expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
            }
        }
        for (var d = 0; d < 7; d++)
        {
            var expected = rate * Day[d] * Hour.Sum() * weeks;
            if (Day[d] == 0)
            {
                Assert.Equal(0, byDay[d]);
            }
            else
            {
                Assert.InRange(byDay[d], expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
            }
        }
        // The report's per-hour counts agree with the independent classification.
        Assert.Equal(byHour.Select(c => (double)c), Report(sim).ByHour.Select(h => h.Incidents));
    }

    [Fact]
    public void Hour_and_day_of_week_from_a_wednesday_evening_start()
    {
        var scenario = Build(Document(zones: [Zone("Z", 0, 0, 10, 1)], units: [Unit("u", "car")], start: "2023-06-07T22:30"));
        Assert.Equal(2 * 1440 + 22 * 60 + 30, scenario.StartMinuteOfWeek);
        Assert.Equal((22, 2), (scenario.HourOfDay(0), scenario.DayOfWeek(0)));
        Assert.Equal((22, 2), (scenario.HourOfDay(29.999), scenario.DayOfWeek(29.999)));
        Assert.Equal((23, 2), (scenario.HourOfDay(30), scenario.DayOfWeek(30)));
        Assert.Equal((23, 2), (scenario.HourOfDay(89.999), scenario.DayOfWeek(89.999)));
        Assert.Equal((0, 3), (scenario.HourOfDay(90), scenario.DayOfWeek(90)));
        // Thursday 00:00 + 4 days = Monday 00:00 (the week wraps); + 6 days 23:59 = Sunday 23:59.
        Assert.Equal((0, 0), (scenario.HourOfDay(90 + 4 * 1440), scenario.DayOfWeek(90 + 4 * 1440)));
        Assert.Equal((23, 6), (scenario.HourOfDay(90 + 4 * 1440 - 1), scenario.DayOfWeek(90 + 4 * 1440 - 1)));
        // A sweep against DateTime at times away from hour boundaries.
        for (var k = 0; k < 5000; k++)
        {
            var t = k * 7.3 + 0.01;
            var at = scenario.Start.AddMinutes(t);
            Assert.Equal(at.Hour, scenario.HourOfDay(t));
            Assert.Equal(((int)at.DayOfWeek + 6) % 7, scenario.DayOfWeek(t));
        }
    }

    [Fact]
    public void Zone_rate_is_base_rate_times_hour_and_day_multipliers()
    {
        var scenario = Build(Document(zones: [Zone("Z", 0, 0, 10, 30, Hour, Day)], units: [Unit("u", "car")], start: "2023-06-07T22:30"));
        var arrivals = new ZoneArrivals(scenario, scenario.Zones[0], new StreamFactory(1, 0));
        // t = 0: Wednesday 22:xx -> 30/60 x Hour[22] x Day[2] = 0.5 x 5 x 2.
        Assert.Equal(5.0, arrivals.RateAt(0), 12);
        // t = 100: Thursday 00:10 -> Hour[0] = 0.
        Assert.Equal(0.0, arrivals.RateAt(100));
        // t = 90 + 3 x 1440 + 19 x 60: Sunday 19:00 -> Day[6] = 0.
        Assert.Equal(0.0, arrivals.RateAt(90 + 3 * 1440 + 19 * 60));
        // t = 90 + 4 x 1440 + 7 x 60 + 5: Monday 07:05 -> 0.5 x 3 x 1.
        Assert.Equal(1.5, arrivals.RateAt(90 + 4 * 1440 + 7 * 60 + 5), 12);
    }

    [Fact]
    public void Locations_are_uniform_inside_the_zone_and_the_type_mix_is_respected()
    {
        // A right triangle (0,0) (300,0) (0,300): uniform points have E[x] = E[y] = 100 and
        // Var[x] = Var[y] = 300^2 / 18 (a triangle's marginal), so SE of the mean = sd / sqrt(n).
        var zone = Zone("Z", 0, 0, 1, 20, mix: new() { ["a"] = 0.2, ["b"] = 0.8 });
        zone.Polygon = [[0, 0], [300, 0], [0, 300]];
        var scenario = Build(Document(
            zones: [zone],
            units: [Unit("u", "car")],
            types: [Type("a", 1, Fixed(1)), Type("b", 2, Fixed(1))],
            days: 60,
            seed: 5,
            queue: false));
        var incidents = Run(scenario).Incidents;
        var n = incidents.Count;
        // Poisson count: 20/h x 24 x 60 = 28800 expected, sd = sqrt(28800).
        Assert.InRange(n, 28800 - 4 * Math.Sqrt(28800), 28800 + 4 * Math.Sqrt(28800));
        var shape = new ZoneShape([new Point2(0, 0), new Point2(300, 0), new Point2(0, 300)]);
        Assert.All(incidents, i => Assert.True(shape.Contains(i.Location)));
        var se = 300 / Math.Sqrt(18) / Math.Sqrt(n);
        Assert.InRange(incidents.Average(i => i.Location.X), 100 - 4 * se, 100 + 4 * se);
        Assert.InRange(incidents.Average(i => i.Location.Y), 100 - 4 * se, 100 + 4 * se);
        // Binomial share of type a: SE = sqrt(0.2 x 0.8 / n).
        var shareA = incidents.Count(i => i.Type == 0) / (double)n;
        var seShare = Math.Sqrt(0.2 * 0.8 / n);
        Assert.InRange(shareA, 0.2 - 4 * seShare, 0.2 + 4 * seShare);
        Assert.All(incidents, i => Assert.Equal(i.Type == 0 ? 1 : 2, i.Priority));
    }
}
