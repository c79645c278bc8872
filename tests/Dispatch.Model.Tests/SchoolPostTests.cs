using Dispatch.Model.Geometry;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.PatrolTestKit;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>School-gate posts (护学岗): staffed from the free pool at the peak windows of school days.</summary>
public class SchoolPostTests
{
    /// <summary>07:15 on the first day (a Friday), in simulated minutes.</summary>
    private const double Opening = 7 * 60 + 15;

    private const double Closing = 8 * 60 + 15;

    /// <summary>
    /// Friday 00:00, 3 days (Friday is a school day, Saturday and Sunday are not); one window
    /// 07:15-08:15. Gate G1 (zone 0) centred (1000, 0), gate G2 (zone 1) centred (2000, 0) needing 2
    /// officers. Pool at the station (0, 0): car (unit 0), bicycle (1), foot (2). Not in the pool but
    /// nearer: a fixed foot post inside G1 (3), a tactical unit 30 m from G1 (4), a surge car 100 m
    /// from G2 on duty 06:00-10:00 (5). No incidents.
    /// </summary>
    private static Scenario Schools()
    {
        var g2 = Zone("G2", 2000, 0, 50, 0, kind: ZoneKinds.SchoolGate);
        g2.PostOfficers = 2;
        return Build(Document(
            zones:
            [
                Zone("G1", 1000, 0, 50, 0, kind: ZoneKinds.SchoolGate),
                g2,
                Zone("N", 2000, 500, 100, 0, kind: ZoneKinds.Nightlife),
            ],
            units:
            [
                Unit("car", "car"),
                Unit("bike", "bicycle"),
                Unit("foot", "foot"),
                Unit("gate-post", "foot", post: [1000, 10]),
                Unit("tac", "tactical", station: "S3"),
            ],
            stations: [Station("S", 0, 0), Station("S2", 2000, 100), Station("S3", 1000, -30)],
            types: [Unservable()],
            queue: false,
            start: "2023-06-09T00:00",
            days: 3,
            patrol: new PatrolDocument { Policy = "uniform" },
            surge: new SurgeDocument
            {
                From = "06:00", To = "10:00", ZoneKinds = [ZoneKinds.Nightlife],
                Units = [Unit("surge", "car", station: "S2")],
            },
            schoolPosts: new SchoolPostsDocument
            {
                ZoneKind = ZoneKinds.SchoolGate, OfficersPerPost = 1,
                Windows = [new WindowDocument { Start = "07:15", End = "08:15" }],
            }));
    }

    /// <summary>
    /// At 07:15 G1 takes the nearest pool unit by time: the car, 1000 x 1.4 / 500 = 2.8 min (bicycle
    /// 5.2, foot 14.4). G2 then takes the bicycle (2000 x 1.3 / 250 = 10.4) and the foot unit
    /// (2000 x 1.2 / 83.33 = 28.8). Each stands at its gate's centroid from arrival to 08:15.
    /// </summary>
    [Fact]
    public void Nearest_free_pool_units_go_to_the_posts_at_the_window_start()
    {
        var scenario = Schools();
        Assert.Equal(5, scenario.Units.Single(u => u.IsSurge).Index);
        var sim = new Simulator(scenario, 1);
        sim.RunUntil(Opening + 0.001);
        var g1 = scenario.Zones[0].Shape.Centroid;
        var g2 = scenario.Zones[1].Shape.Centroid;
        var expected = new (int Unit, int Zone, Point2 Gate, double Travel)[] { (0, 0, g1, 2.8), (1, 1, g2, 10.4), (2, 1, g2, 28.8) };
        foreach (var (unit, zone, gate, travel) in expected)
        {
            var u = sim.Units[unit];
            Assert.Equal(UnitStatus.SchoolPost, u.Status);
            Assert.True(u.IsMoving);
            Assert.Equal(Opening, u.StatusSince, 9);
            Assert.Equal(zone, u.TargetZone);
            Assert.Equal(gate, u.Destination);
            Assert.Equal(Opening + travel, u.LegEndsAt, 9);
        }
        Assert.Equal(UnitStatus.Available, sim.Units[3].Status); // the fixed post stays on its post
        Assert.Equal(UnitStatus.Available, sim.Units[4].Status); // tactical: not in the pool
        Assert.Equal(UnitStatus.Patrol, sim.Units[5].Status); // surge: patrolling its nightlife beat
        Assert.Equal(1, sim.SchoolWindowsStarted);
        Assert.Equal(3, sim.SchoolPostings);

        // Standing at the gates (not moving) until 08:15, then back to the station.
        sim.RunUntil(Opening + 30);
        Assert.All(expected, e => Assert.False(sim.Units[e.Unit].IsMoving));
        Assert.Equal([1, 2], sim.PresentUnits(1));
        sim.RunUntil(Closing + 0.001);
        foreach (var (unit, _, _, _) in expected)
        {
            Assert.Equal(UnitStatus.Returning, sim.Units[unit].Status);
            Assert.Equal(Closing, sim.Units[unit].StatusSince, 9);
            Assert.Equal(-1, sim.Units[unit].TargetZone);
        }
    }

    /// <summary>
    /// Required = sum over posts of officers x 60 = 60 + 2 x 60 = 180 post-minutes, on the one school
    /// day only. Staffed = 60 - travel per officer = 57.2 + 49.6 + 31.2 = 138. By hour: 07:15-08:00
    /// requires 45 x 3 = 135 and gets 42.2 + 34.6 + 16.2 = 93; 08:00-08:15 requires and gets 45.
    /// G2's coverage is the time someone stood there: from the bicycle's arrival to 08:15, 49.6.
    /// </summary>
    [Fact]
    public void Required_and_staffed_post_minutes_are_as_computed_by_hand()
    {
        var sim = Run(Schools());
        var report = ReportBuilder.Build(sim);
        var school = report.SchoolPosts!;
        Assert.Equal(2, school.Posts);
        Assert.Equal(1, school.Windows); // Saturday and Sunday are not school days
        Assert.Equal(3, school.Postings);
        Assert.Equal(3.0, school.PostingsPerSchoolDay);
        Assert.Equal(180.0, school.RequiredPostMinutes, 6);
        Assert.Equal(138.0, school.StaffedPostMinutes, 6);
        Assert.Equal(138.0 / 180, school.StaffedShare!.Value, 6);
        Assert.Equal([7, 8], school.ByHour.Select(h => h.Hour));
        Assert.Equal(135.0, school.ByHour[0].RequiredPostMinutes, 6);
        Assert.Equal(93.0, school.ByHour[0].StaffedPostMinutes, 6);
        Assert.Equal(45.0, school.ByHour[1].RequiredPostMinutes, 6);
        Assert.Equal(45.0, school.ByHour[1].StaffedPostMinutes, 6);
        // Each pool unit spent the whole window (travel included) on school-post duty, once.
        foreach (var unit in new[] { 0, 1, 2 })
        {
            Assert.Equal(60.0, sim.Units[unit].MinutesIn(UnitStatus.SchoolPost, sim.Now), 9);
        }
        Assert.All(new[] { 3, 4, 5 }, unit => Assert.Equal(0.0, sim.Units[unit].MinutesIn(UnitStatus.SchoolPost, sim.Now)));
        var ledger = sim.LedgerAtNow();
        Assert.Equal(49.6, ledger.CoveredMinutes[1], 6);
        // G1 has its fixed post all the time anyway.
        Assert.Equal(3 * 1440.0, ledger.CoveredMinutes[0], 6);
    }

    [Fact]
    public void Without_a_listed_school_day_no_window_opens()
    {
        var document = Document(
            zones: [Zone("G", 1000, 0, 50, 0, kind: ZoneKinds.SchoolGate)],
            units: [Unit("car", "car")],
            types: [Unservable()],
            start: "2023-06-05T00:00", // Monday
            days: 7,
            schoolPosts: new SchoolPostsDocument { Days = [2], Windows = [new WindowDocument { Start = "07:15", End = "08:15" }, new WindowDocument { Start = "16:30", End = "17:45" }] });
        var sim = Run(Build(document));
        var report = ReportBuilder.Build(sim);
        // Only Wednesday: two windows, 60 + 75 required minutes; the car gets there in 2.8 min each time.
        Assert.Equal(2, report.SchoolPosts!.Windows);
        Assert.Equal(135.0, report.SchoolPosts.RequiredPostMinutes, 6);
        Assert.Equal(135.0 - 2 * 2.8, report.SchoolPosts.StaffedPostMinutes, 6);
        Assert.Equal(135.0, sim.Units[0].MinutesIn(UnitStatus.SchoolPost, sim.Now), 9);
    }
}
