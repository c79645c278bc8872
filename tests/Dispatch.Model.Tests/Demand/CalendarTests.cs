using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests.Demand;

/// <summary>Calendars (special days and periods), full 24 x 7 profiles and weekday rosters.</summary>
public sealed class CalendarTests
{
    private static readonly double[] Hours = [.. Enumerable.Range(0, 24).Select(h => 0.5 + h % 5 * 0.25)];
    private static readonly double[] Days = [0.8, 0.9, 1.0, 1.1, 1.3, 1.5, 1.2];

    /// <summary>Two zones from Monday 5 June 2023; with a calendar, Thursday 8 June doubles zone A.</summary>
    private static ScenarioDocument TwoZones(bool special, int days = 14)
    {
        var document = Document(
            zones: [Zone("A", 0, 0, 100, 2, Hours, Days), Zone("B", 500, 0, 100, 1.5, Hours, Days)],
            units: [Unit("car", "car", count: 3)],
            days: days);
        document.Calendar = special ? [new CalendarDocument { Id = "fair", Date = "2023-06-08", Demand = 2, Zones = ["A"] }] : null;
        return document;
    }

    [Fact]
    public void A_special_day_doubles_its_zone_s_expected_incidents_that_day_and_no_other()
    {
        var plain = Build(TwoZones(false));
        var special = Build(TwoZones(true));
        for (var day = 0; day < 14; day++)
        {
            for (var zone = 0; zone < 2; zone++)
            {
                var ratio = ExpectedDemand.OnDay(special, zone, day) / ExpectedDemand.OnDay(plain, zone, day);
                Assert.Equal(zone == 0 && day == 3 ? 2.0 : 1.0, ratio, 12);
            }
        }
        // And by hand: zone A on a Thursday = 2 x sum(hours) x 1.1 x 2.
        Assert.Equal(2 * Hours.Sum() * 1.1 * 2, ExpectedDemand.OnDay(special, 0, 3), 9);
    }

    [Fact]
    public void Simulated_counts_follow_the_calendar_day_by_day()
    {
        const int replications = 120;
        var scenario = Build(TwoZones(true, days: 7));
        var counts = new double[2, 7];
        for (var r = 0; r < replications; r++)
        {
            foreach (var i in Run(scenario, seed: 3, replication: r).Incidents)
            {
                counts[i.Zone, (int)(i.CreatedAt / 1440)]++;
            }
        }
        for (var zone = 0; zone < 2; zone++)
        {
            for (var day = 0; day < 7; day++)
            {
                // Poisson: within 4 standard deviations of the expectation (no deterrence: no patrol).
                var expected = ExpectedDemand.OnDay(scenario, zone, day) * replications;
                Assert.InRange(counts[zone, day], expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
            }
        }
        Assert.True(counts[0, 3] > 1.7 * counts[0, 2]);
    }

    [Fact]
    public void A_24_by_7_profile_gives_each_hour_of_the_week_its_own_rate()
    {
        // Quiet all week but for Saturday 20:00-24:00, at 10 times the base.
        var week = new double[168];
        for (var h = 20; h < 24; h++)
        {
            week[5 * 24 + h] = 10;
        }
        var zone = Zone("A", 0, 0, 100, 0.5);
        zone.WeekProfile = week;
        var scenario = Build(Document(zones: [zone], units: [Unit("car", "car")], days: 7));
        Assert.Equal(0.5 * 10 * 4, ExpectedDemand.Between(scenario, 0, 0, 7 * 1440), 12);
        var incidents = Enumerable.Range(0, 30).SelectMany(r => Run(scenario, seed: 5, replication: r).Incidents).ToList();
        Assert.All(incidents, i => Assert.True(scenario.DayOfWeek(i.CreatedAt) == 5 && scenario.HourOfDay(i.CreatedAt) >= 20));
        Assert.InRange(incidents.Count, 600 - 4 * Math.Sqrt(600), 600 + 4 * Math.Sqrt(600));

        // A separable 24 x 7 profile is the hour x day product.
        var product = Zone("P", 0, 0, 100, 2);
        product.WeekProfile = [.. Enumerable.Range(0, 168).Select(k => Hours[k % 24] * Days[k / 24])];
        var separable = Build(Document(zones: [product], units: [Unit("car", "car")], days: 7));
        var plain = Build(TwoZones(false, days: 7));
        Assert.Equal(ExpectedDemand.Between(plain, 0, 0, 7 * 1440), ExpectedDemand.Between(separable, 0, 0, 7 * 1440), 9);
    }

    [Fact]
    public void Weekday_rosters_and_calendar_entries_switch_units_on_and_off()
    {
        // 08:00-16:00 shifts. "weekend": Saturday and Sunday only; "weekdays": Monday to Friday but off on
        // the fair (Thursday); "event": only on the fair; "always": every day.
        var shift = new ShiftDocument { Start = "08:00", Hours = 8 };
        UnitDocument Rostered(string id, List<int>? days, List<string>? extra = null, List<string>? off = null)
        {
            var u = Unit(id, "car", shift: shift);
            (u.Days, u.ExtraOn, u.OffOn) = (days, extra, off);
            return u;
        }
        var document = Document(
            zones: [Zone("A", 0, 0, 100, 0)],
            units: [Rostered("weekend", [5, 6]), Rostered("weekdays", [0, 1, 2, 3, 4], off: ["fair"]),
                Rostered("event", [], extra: ["fair"]), Unit("always", "car", shift: shift)],
            days: 7);
        document.Calendar = [new CalendarDocument { Id = "fair", Date = "2023-06-08", Zones = ["A"] }];
        var sim = Run(Build(document));
        double OnDuty(int unit) => 7 * 1440 - sim.Units[unit].MinutesIn(UnitStatus.OffShift, sim.Now);
        Assert.Equal(2 * 480, OnDuty(0), 9);
        Assert.Equal(4 * 480, OnDuty(1), 9);
        Assert.Equal(480, OnDuty(2), 9);
        Assert.Equal(7 * 480, OnDuty(3), 9);
    }

    [Fact]
    public void Calendar_week_profile_and_roster_mistakes_are_located_errors()
    {
        var zone = Zone("A", 0, 0, 100, 1, hour: Hours);
        zone.WeekProfile = new double[167];
        var unit = Unit("car", "car");
        (unit.Days, unit.ExtraOn) = ([7], ["fiar"]);
        var document = Document(zones: [zone], units: [unit]);
        document.Calendar =
        [
            new CalendarDocument { Id = "fair", From = "2023-06-10", To = "2023-06-08" },
            new CalendarDocument { Id = "bad", Date = "8 June", ZoneKinds = ["nightlfe"] },
        ];
        var (_, problems) = ScenarioBuilder.Check(document);
        string Message(string location) => Assert.Single(problems, p => p.Location == location).Message;
        Assert.Contains("alternative to hour and day profiles", Message("zones[0].weekProfile"));
        Assert.Contains("before 'from'", Message("calendar[0].to"));
        Assert.Contains("expected YYYY-MM-DD", Message("calendar[1].date"));
        Assert.Contains("no zone has the kind", Message("calendar[1].zoneKinds[0]"));
        Assert.Contains("from 0 (Monday) to 6 (Sunday)", Message("units[0].days[0]"));
        Assert.Contains("did you mean 'fair'", Message("units[0].extraOn[0]"));
    }
}
