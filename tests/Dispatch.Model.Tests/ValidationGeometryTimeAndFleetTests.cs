using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using static Dispatch.Model.Tests.ValidationTestKit;

namespace Dispatch.Model.Tests;

/// <summary>Bad geometry, times, names and fleets: each test asserts the location (path, and line where it is known) and the message.</summary>
public sealed class ValidationGeometryTimeAndFleetTests
{
    [Fact]
    public void A_polygon_with_fewer_than_3_points_is_an_error()
    {
        var v = Check(With("[[0, 0], [2000, 0], [2000, 2000], [0, 2000]]", "[[0, 0], [2000, 0]]"));
        Assert.Equal(10, Error(v, "zones[0].polygon", "has 2 point(s); a polygon needs at least 3").Line);
        var same = Check(With("[[0, 0], [2000, 0], [2000, 2000], [0, 2000]]", "[[0, 0], [2000, 0], [0, 0]]"));
        Error(same, "zones[0].polygon", "only 2 different point(s)");
    }

    [Fact]
    public void A_self_intersecting_polygon_names_the_offending_point_and_edges()
    {
        var v = Check(With("[[0, 0], [2000, 0], [2000, 2000], [0, 2000]]", "[[0, 0], [2000, 2000], [2000, 0], [0, 2000]]"));
        var p = Error(v, "zones[0].polygon[0]", "not a simple polygon", "edge from point 0 to point 1", "edge from point 2 to point 3", "cross at (1000, 1000)");
        Assert.Equal(10, p.Line);
    }

    [Fact]
    public void A_zero_area_polygon_is_an_error()
    {
        var v = Check(With("[[0, 0], [2000, 0], [2000, 2000], [0, 2000]]", "[[0, 0], [1000, 0], [2000, 0], [500, 0]]"));
        Error(v, "zones[0].polygon", "has zero area", "one line");
    }

    [Fact]
    public void Points_must_be_two_finite_numbers()
    {
        var v = Check(With("\"location\": [500, 500]", "\"location\": [500, 500, 10]").Replace("[2000, 0]", "[2000, 1e999]"));
        Error(v, "stations[0].location", "has 3 number(s); expected a point [x, y]");
        Error(v, "zones[0].polygon[1][1]", "too large to be a number");
    }

    [Fact]
    public void Longitude_latitude_where_metres_are_expected_is_an_error()
    {
        var v = Check(With("[[0, 0], [2000, 0], [2000, 2000], [0, 2000]]", "[[113.08, 22.57], [113.09, 22.57], [113.09, 22.58], [113.08, 22.58]]")
            .Replace("[500, 500]", "[113.085, 22.575]"));
        var p = Error(v, "zones[0].polygon", "coordinates look like longitude/latitude in degrees", "first point [113.08, 22.57]", "expects metres on a local plane");
        Assert.Equal(10, p.Line);
        Assert.Single(v.Problems);
    }

    [Fact]
    public void A_tiny_zone_at_the_origin_is_not_taken_for_degrees()
    {
        // The M/M/c example: a 1 m square around the origin, on purpose.
        var v = Check(With("[[0, 0], [2000, 0], [2000, 2000], [0, 2000]]", "[[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]]").Replace("[500, 500]", "[0, 0]"));
        Assert.True(v.IsValid, string.Join("\n", v.Problems));
    }

    [Fact]
    public void A_station_far_from_every_zone_is_a_warning()
    {
        var v = Check(With("[500, 500]", "[113.085, 22.575]").Replace("[[0, 0], [2000, 0], [2000, 2000], [0, 2000]]", "[[500000, 2500000], [502000, 2500000], [502000, 2502000], [500000, 2502000]]"));
        Assert.True(v.IsValid);
        Warning(v, "stations[0].location", "the station is", "km from the nearest zone", "check the coordinates");
    }

    [Theory]
    [InlineData("7:00", "'7:00' is not a time of day", "two-digit hour")]
    [InlineData("24:00", "'24:00' is not a time of day", "00:00 to 23:59")]
    [InlineData("07:60", "'07:60' is not a time of day", "HH:mm")]
    [InlineData("7am", "'7am' is not a time of day", "HH:mm")]
    public void Shifts_with_malformed_times_are_errors(string time, string message, string expected)
    {
        var v = Check(With("\"starts\": [\"07:00\", \"19:00\"]", $"\"starts\": [\"07:00\", \"{time}\"]"));
        Assert.Equal(12, Error(v, "units[0].shift.starts[1]", message, expected).Line);
    }

    [Fact]
    public void Surge_and_school_windows_with_malformed_times_are_errors()
    {
        var v = Check(With("\"days\": 2,",
            "\"days\": 2, \"surge\": { \"from\": \"22:00\", \"to\": \"4pm\", \"units\": [ { \"id\": \"s\", \"mode\": \"foot\", \"station\": \"hq\" } ] }, " +
            "\"schoolPosts\": { \"windows\": [ { \"start\": \"x\", \"end\": \"08:00\" } ] },"));
        Error(v, "surge.to", "'4pm' is not a time of day");
        Error(v, "schoolPosts.windows[0].start", "'x' is not a time of day");
    }

    [Fact]
    public void Start_with_a_time_zone_or_a_space_is_an_error()
    {
        Error(Check(With("2023-06-05T00:00", "2023-06-05T00:00Z")), "start", "no time zone");
        Error(Check(With("2023-06-05T00:00", "2023-06-05 00:00")), "start", "is not a local date and time");
        Error(Check(With("2023-06-05T00:00", "9999-12-01T00:00")), "start", "too late", "before the year 10000");
    }

    [Fact]
    public void Misspelt_zone_kinds_and_distributions_get_suggestions()
    {
        var v = Check(With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"kind\": \"District\",").Replace("\"exponential\"", "\"exponentail\""));
        Warning(v, "zones[0].kind", "'District' is not a known kind", "did you mean 'district'?", "this zone is a hotspot");
        Error(v, "incidentTypes[0].onScene.distribution", "'exponentail' is not supported", "did you mean 'exponential'?");
    }

    [Fact]
    public void Types_no_unit_can_attend_and_silent_scenarios_are_warnings()
    {
        var v = Check(With("\"targetResponseMinutes\": 10,", "\"targetResponseMinutes\": 10, \"modes\": [\"tactical\"],").Replace("\"ratePerHour\": 0.5", "\"ratePerHour\": 0"));
        Assert.True(v.IsValid);
        Warning(v, "incidentTypes[0].modes", "no unit has a mode that can attend 'call' (tactical)");
        Warning(v, "zones", "every zone has ratePerHour 0");
    }

    [Fact]
    public void Every_shipped_example_scenario_is_valid_and_the_broken_one_is_not()
    {
        var examples = Directory.GetFiles(Path.Combine(RepoRoot, "scenarios"), "*.json").Where(f => !f.EndsWith("broken-example.json", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(examples);
        foreach (var file in examples)
        {
            var v = ScenarioValidator.ValidateFile(file);
            Assert.True(v.IsValid, $"{file}:\n{string.Join("\n", v.Problems)}");
            Assert.Empty(v.Errors);
        }
        Assert.False(ScenarioValidator.ValidateFile(Scenario("broken-example.json")).IsValid);
    }

    [Fact]
    public void The_broken_example_lists_every_problem_with_its_location()
    {
        var path = Scenario("broken-example.json");
        var v = ScenarioValidator.ValidateFile(path);
        Assert.False(v.IsValid);
        Assert.True(v.Errors.Count() >= 30, string.Join("\n", v.Problems));
        Assert.True(v.Warnings.Count() >= 4, string.Join("\n", v.Problems));
        Assert.All(v.Problems, p =>
        {
            Assert.Equal(path, p.File);
            Assert.NotNull(p.Line);
            AssertPlain(p);
        });
        // Errors come before warnings, each in the order of the file.
        var severities = v.Problems.Select(p => p.Severity).ToList();
        Assert.Equal(severities.OrderBy(s => s), severities);
        var errorLines = v.Errors.Select(p => p.Line!.Value).ToList();
        Assert.Equal(errorLines.Order(), errorLines);
        foreach (var location in new[]
        {
            "start", "days", "modes.car.speedKmh", "modes.van", "stations[1].id", "incidentTypes[0].priority", "incidentTypes[0].onScene.sd",
            "incidentTypes[0].onViewProbability", "incidentTypes[0].modes[1]", "profiles.night.hour", "profiles.night.day", "zones[1].polygon",
            "zones[2].polygon[0]", "zones[3].polygon", "zones[4].ratePerHour", "zones[4].typeMix.burglary", "zones[5].polygon", "zones[6].id",
            "zones[6].profile", "zones[6].polygon[2][1]", "zonesGeoJson", "units[0].station", "units[0].shift.start", "units[0].shift.hours",
            "units[1].count", "units[1].mode", "units[2].duty", "units[2].beat[0]", "units[3].duty", "patrol.policy", "patrol.diminishing",
            "surge.from", "schoolPosts.windows[0].end", "schoolPosts.days[2]", "mediation.resolvedShare",
        })
        {
            Assert.Contains(v.Errors, p => p.Location == location);
        }
        foreach (var location in new[] { "name", "seeed", "incidentTypes[0].transferShar", "zones[0].kind", "schoolPosts" })
        {
            Assert.Contains(v.Warnings, p => p.Location == location);
        }
    }

    [Fact]
    public void Parse_still_reports_a_type_error_with_line_and_column()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioJson.Parse("{\n  \"name\": \"x\",\n  \"days\": \"seven\"\n}", "broken.json"));
        var p = Assert.Single(e.Problems);
        Assert.Equal(("broken.json", 3, 3, "days"), (p.File, p.Line, p.Column, p.Location));
        Assert.StartsWith("error: broken.json:3:3: days: expected a whole number", p.ToString());
    }

    [Fact]
    public void The_loader_throws_with_all_problems_for_an_invalid_file()
    {
        var dir = TempDir();
        var path = Path.Combine(dir, "x.json");
        File.WriteAllText(path, With("\"mean\": 30", "\"mean\": -1").Replace("\"station\": \"hq\"", "\"station\": \"hqx\""));
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Equal(2, e.Problems.Count);
        Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadDocument(Path.Combine(dir, "none.json")));
    }
}
