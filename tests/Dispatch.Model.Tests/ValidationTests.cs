using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using static Dispatch.Model.Tests.ValidationTestKit;

namespace Dispatch.Model.Tests;

/// <summary>One test per kind of bad input: each asserts the location (path, and line where it is known) and the message.</summary>
public sealed class ValidationTests
{
    [Fact]
    public void The_base_scenario_of_these_tests_is_valid_without_warnings()
    {
        var v = Check(Valid);
        Assert.True(v.IsValid, string.Join("\n", v.Problems));
        Assert.Empty(v.Problems);
    }

    [Fact]
    public void Malformed_json_gives_file_line_and_column()
    {
        var v = Check(With("\"days\": 2,", "\"days\": 2,,"));
        var p = Assert.Single(v.Problems);
        Assert.Equal(ProblemSeverity.Error, p.Severity);
        Assert.Equal((Source, 4, 13), (p.File, p.Line, p.Column));
        Assert.StartsWith("test.json:4:13: ", p.ToString()[7..]);
        Assert.Contains("invalid start of a property name", p.Message);
        AssertPlain(p);
        Assert.False(v.IsValid);
    }

    [Fact]
    public void A_truncated_file_says_so()
    {
        var json = Valid[..(Valid.IndexOf("\"zones\"", StringComparison.Ordinal) + 20)];
        var p = Assert.Single(Check(json).Problems);
        Assert.Contains("ends before the JSON is complete", p.Message);
        Assert.Equal(10, p.Line); // where the text stops
        AssertPlain(p);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("  \n ", "the file is empty")]
    [InlineData("[1, 2]", "expected a JSON object { ... } holding the scenario, found a list of 2 value(s)")]
    [InlineData("null", "expected a JSON object { ... } holding the scenario, found null")]
    public void An_empty_file_or_a_value_that_is_not_an_object_is_reported(string json, string message)
    {
        var p = Assert.Single(Check(json).Problems);
        Assert.Contains(message, p.Message);
        Assert.NotNull(p.Line);
    }

    [Fact]
    public void Unknown_fields_are_warnings_naming_the_nearest_valid_field()
    {
        var v = Check(With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"ratePerHr\": 0.7, \"Kind\": \"district\", \"colour\": \"red\","));
        Assert.True(v.IsValid); // warnings do not stop a run
        var typo = Warning(v, "zones[0].ratePerHr", "unknown field 'ratePerHr' is ignored", "did you mean 'ratePerHour'?");
        Assert.Equal(10, typo.Line);
        Warning(v, "zones[0].Kind", "did you mean 'kind'? (names are case-sensitive)");
        Warning(v, "zones[0].colour", "expected one of: id, name, kind, polygon, ratePerHour");
        var top = Check(With("\"days\": 2,", "\"days\": 2, \"dayz\": 3,"));
        Assert.Equal(4, Warning(top, "dayz", "did you mean 'days'?").Line);
    }

    [Fact]
    public void A_property_written_twice_is_a_warning_at_the_second()
    {
        var v = Check(With("\"days\": 2,", "\"days\": 2,\n  \"days\": 3,"));
        Assert.Equal(5, Warning(v, "days", "appears more than once", "the last value is used").Line);
        Assert.Equal(3, v.Document!.Days);
    }

    [Fact]
    public void Missing_required_fields_are_each_reported()
    {
        var json = With("  \"start\": \"2023-06-05T00:00\",\n", "");
        json = With("\"ratePerHour\": 0.5, ", "", json);
        json = With(", \"onScene\": { \"distribution\": \"exponential\", \"mean\": 30 }", "", json);
        json = With("\"station\": \"hq\", ", "", json);
        var v = Check(json);
        Error(v, "start", "missing", "2023-06-05T00:00");
        Assert.Equal(9, Error(v, "zones[0].ratePerHour", "missing", "incidents per hour").Line); // at the zone, where it should be
        Error(v, "incidentTypes[0].onScene", "missing", "\"distribution\": \"exponential\"");
        Error(v, "units[0].station", "missing", "every unit belongs to a station");
        Assert.Equal(4, v.Errors.Count());
        Assert.Null(v.Scenario);
    }

    [Fact]
    public void Missing_lists_are_reported()
    {
        var v = Check("""{ "start": "2023-06-05" }""");
        Error(v, "incidentTypes", "missing; at least one incident type");
        Error(v, "zones", "missing; at least one zone");
        Error(v, "units", "missing; at least one unit");
    }

    [Fact]
    public void Wrong_types_are_all_reported_at_once_in_plain_words()
    {
        var json = With("\"days\": 2", "\"days\": \"two\"");
        json = With("\"priority\": 2", "\"priority\": \"high\"", json);
        json = With("\"ratePerHour\": 0.5", "\"ratePerHour\": [0.5]", json);
        json = With("[2000, 0]", "[2000, \"0\"]", json);
        json = With("\"count\": 2", "\"count\": 1.5", json);
        json = With("\"hours\": 12", "\"hours\": true", json);
        json = With("\"name\": \"t\"", "\"name\": 7", json);
        var v = Check(json);
        Assert.Equal(4, Error(v, "days", "expected a whole number, found the text \"two\"").Line);
        Assert.Equal(7, Error(v, "incidentTypes[0].priority", "expected a whole number, found the text \"high\"").Line);
        Assert.Equal(10, Error(v, "zones[0].ratePerHour", "expected a number, found a list of 1 value(s)").Line);
        Assert.Equal(10, Error(v, "zones[0].polygon[1][1]", "expected a number, found the text \"0\"").Line);
        Error(v, "units[0].count", "expected a whole number, found 1.5");
        Error(v, "units[0].shift.hours", "expected a number, found true");
        Error(v, "name", "expected text in quotes, found the number 7");
        // Only these: no follow-up errors about the values left out (a missing rate, a broken polygon).
        Assert.Equal(7, v.Errors.Count());
        Assert.All(v.Problems, AssertPlain);
    }

    [Fact]
    public void Wrong_types_of_objects_and_lists_are_reported()
    {
        var v = Check(With("\"stations\": [ { \"id\": \"hq\", \"location\": [500, 500] } ]",
            "\"stations\": { \"id\": \"hq\" }, \"modes\": [\"car\"], \"dispatch\": { \"queue\": \"yes\" }"));
        Error(v, "stations", "expected a list [ ... ], found an object");
        Error(v, "modes", "expected an object { ... }, found a list of 1 value(s)");
        Error(v, "dispatch.queue", "expected true or false, found the text \"yes\"");
    }

    [Fact]
    public void Null_elements_of_lists_are_errors_not_crashes()
    {
        var v = Check(With("\"units\": [ {", "\"units\": [ null, {").Replace("\"zones\": [", "\"zones\": [ null,"));
        Error(v, "units[0]", "found null");
        Error(v, "zones[0]", "found null");
        Assert.Equal(2, v.Errors.Count());
    }

    [Fact]
    public void Negative_or_zero_rates_speeds_and_durations_are_errors()
    {
        var json = With("\"ratePerHour\": 0.5", "\"ratePerHour\": -1");
        json = With("\"mean\": 30", "\"mean\": 0", json);
        json = With("\"targetResponseMinutes\": 10", "\"targetResponseMinutes\": 0, \"escalationMinutes\": -5", json);
        json = With("\"hours\": 12", "\"hours\": 0", json);
        json = With("\"days\": 2,", "\"days\": 0, \"modes\": { \"car\": { \"speedKmh\": 0, \"detourFactor\": 0.5 } },", json);
        var v = Check(json);
        Assert.Equal(10, Error(v, "zones[0].ratePerHour", "is -1", "0 or more").Line);
        Error(v, "incidentTypes[0].onScene.mean", "is 0", "greater than 0");
        Error(v, "incidentTypes[0].targetResponseMinutes", "is 0", "greater than 0");
        Error(v, "incidentTypes[0].escalationMinutes", "is -5", "greater than 0");
        Error(v, "units[0].shift.hours", "is 0", "more than 0 and at most 24");
        Error(v, "days", "is 0", "from 1 to 3650");
        Error(v, "modes.car.speedKmh", "is 0", "greater than 0");
        Error(v, "modes.car.detourFactor", "is 0.5", "at least 1");
    }

    [Fact]
    public void Hour_profiles_need_24_values_and_day_profiles_7()
    {
        var hours23 = "[" + string.Join(", ", Enumerable.Repeat("1", 23)) + "]";
        var v = Check(With("\"ratePerHour\": 0.5,", $"\"ratePerHour\": 0.5, \"hourProfile\": {hours23}, \"dayProfile\": [1, 1, 1, 1, 1, 1, 1, 1],"));
        Assert.Equal(10, Error(v, "zones[0].hourProfile", "has 23 values; expected 24").Line);
        Error(v, "zones[0].dayProfile", "has 8 values; expected 7");

        var named = With("\"days\": 2,", $"\"days\": 2, \"profiles\": {{ \"p\": {{ \"hour\": [1, 2], \"day\": [1, -1, 1, 1, 1, 1, 1] }} }},");
        var oneZone = With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"profile\": \"p\",", named);
        var twoZones = With("[2000, 2000], [0, 2000]] }", "[2000, 2000], [0, 2000]] }, { \"id\": \"east\", \"ratePerHour\": 0.5, \"profile\": \"p\", \"polygon\": [[3000, 0], [4000, 0], [4000, 1000], [3000, 1000]] }", oneZone);
        var w = Check(twoZones);
        // Reported once, at the profile, however many zones use it.
        Assert.DoesNotContain(w.Problems, p => p.Location.StartsWith("zones[", StringComparison.Ordinal));
        Assert.Equal(4, Error(w, "profiles.p.hour", "has 2 values; expected 24").Line);
        Error(w, "profiles.p.day[1]", "is -1", "0 or more");
    }

    [Fact]
    public void Probabilities_outside_0_to_1_and_mixes_not_summing_to_1_are_errors()
    {
        var json = With("\"targetResponseMinutes\": 10,", "\"targetResponseMinutes\": 10, \"onViewProbability\": 1.5, \"transferShare\": -0.1,");
        json = With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"typeMix\": { \"call\": 0.9 },", json);
        json = With("\"days\": 2,", "\"days\": 2, \"mediation\": { \"resolvedShare\": 2 }, \"patrol\": { \"deterrenceFactor\": 1.1, \"topRiskShare\": 1 },", json);
        var v = Check(json);
        Error(v, "incidentTypes[0].onViewProbability", "is 1.5", "probability between 0 and 1");
        Error(v, "incidentTypes[0].transferShare", "is -0.1", "share between 0 and 1");
        Assert.Equal(10, Error(v, "zones[0].typeMix", "shares sum to 0.9; expected 1").Line);
        Error(v, "mediation.resolvedShare", "is 2");
        Error(v, "patrol.deterrenceFactor", "is 1.1");
        Error(v, "patrol.topRiskShare", "is 1");

        var share = Check(With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"typeMix\": { \"call\": 1.2 },"));
        Error(share, "zones[0].typeMix.call", "is 1.2", "share between 0 and 1");
    }

    [Fact]
    public void Duplicate_ids_are_errors_naming_the_first_use()
    {
        var json = With("{ \"id\": \"hq\", \"location\": [500, 500] }", "{ \"id\": \"hq\", \"location\": [500, 500] }, { \"id\": \"hq\", \"location\": [600, 600] }");
        json = With("\"onScene\": { \"distribution\": \"exponential\", \"mean\": 30 } }",
            "\"onScene\": { \"distribution\": \"exponential\", \"mean\": 30 } }, { \"id\": \"call\", \"priority\": 1, \"targetResponseMinutes\": 5, \"onScene\": { \"distribution\": \"fixed\", \"value\": 5 } }", json);
        json = With("[0, 2000]] }", "[0, 2000]] }, { \"id\": \"town\", \"ratePerHour\": 0, \"polygon\": [[0, 0], [10, 0], [10, 10]] }", json);
        json = With("\"hours\": 12 } }", "\"hours\": 12 } }, { \"id\": \"car-2\", \"mode\": \"foot\", \"station\": \"hq\" }", json);
        var v = Check(json);
        Assert.Equal(5, Error(v, "stations[1].id", "duplicate id 'hq' (first used by stations[0])").Line);
        Error(v, "incidentTypes[1].id", "duplicate id 'call' (first used by incidentTypes[0])");
        Error(v, "zones[1].id", "duplicate id 'town' (first used by zones[0])");
        Error(v, "units[1].id", "duplicate unit id 'car-2' (also made by units[0])", "after count expansion");
    }

    [Fact]
    public void References_to_unknown_stations_zones_types_modes_profiles_and_kinds_are_errors_with_suggestions()
    {
        var json = With("\"station\": \"hq\"", "\"station\": \"hqq\", \"duty\": \"patrol\", \"beat\": [\"twon\"]");
        json = With("\"mode\": \"car\"", "\"mode\": \"cart\"", json);
        json = With("\"targetResponseMinutes\": 10,", "\"targetResponseMinutes\": 10, \"modes\": [\"car\", \"drone\"],", json);
        json = With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"profile\": \"nightlife\", \"typeMix\": { \"cal\": 1 },", json);
        json = With("\"days\": 2,", "\"days\": 2, \"schoolPosts\": { \"poolModes\": [\"foot\", \"bike\"] }, \"surge\": { \"zoneKinds\": [\"nightlife\"], \"units\": [ { \"id\": \"s\", \"mode\": \"foot\", \"station\": \"hq\", \"beatKinds\": [] } ] },", json);
        var v = Check(json);
        Error(v, "units[0].station", "unknown station 'hqq'", "did you mean 'hq'?");
        Error(v, "units[0].beat[0]", "unknown zone 'twon'", "did you mean 'town'?");
        Error(v, "units[0].mode", "'cart' is not a mode", "did you mean 'car'?");
        Error(v, "incidentTypes[0].modes[1]", "unknown mode 'drone'");
        Error(v, "zones[0].profile", "unknown profile 'nightlife'", "the scenario defines no profiles");
        Error(v, "zones[0].typeMix.cal", "unknown incident type 'cal'", "did you mean 'call'?");
        Error(v, "schoolPosts.poolModes[1]", "unknown mode 'bike'");
        Error(v, "surge.zoneKinds", "no hotspot zone has any of the kinds nightlife", "the scenario has no hotspot zones");
    }

    [Fact]
    public void Posts_unit_on_post_duty_without_a_post_and_school_posts_without_gates()
    {
        var json = With("\"station\": \"hq\"", "\"station\": \"hq\", \"duty\": \"post\"");
        json = With("\"days\": 2,", "\"days\": 2, \"schoolPosts\": { \"zoneKind\": \"schoolgate\" },", json);
        json = With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"kind\": \"schoolGate\",", json);
        var v = Check(json);
        Error(v, "units[0].duty", "needs a 'post' point");
        Warning(v, "schoolPosts.zoneKind", "no hotspot zone has kind 'schoolgate'", "did you mean 'schoolGate'?");
    }

    [Fact]
    public void More_demand_for_school_posts_than_units_is_a_warning()
    {
        var json = With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"kind\": \"schoolGate\", \"postOfficers\": 3,");
        var v = Check(With("\"days\": 2,", "\"days\": 2, \"schoolPosts\": { \"officersPerPost\": 1 },", json));
        Assert.True(v.IsValid);
        Assert.Equal(4, Warning(v, "schoolPosts", "the 1 school-gate post(s) need 3 officer(s) at once", "only 2 unit(s) can ever be drafted").Line);
        var enough = Check(With("\"days\": 2,", "\"days\": 2, \"schoolPosts\": { },", With("\"ratePerHour\": 0.5,", "\"ratePerHour\": 0.5, \"kind\": \"schoolGate\",")));
        Assert.Empty(enough.Problems);
    }
}
