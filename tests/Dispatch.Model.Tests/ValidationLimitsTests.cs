using System.Diagnostics;
using System.Text;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using static Dispatch.Model.Tests.ValidationTestKit;

namespace Dispatch.Model.Tests;

/// <summary>Absurd sizes beyond the documented limits are clear errors, found before anything big is allocated.</summary>
public sealed class ValidationLimitsTests
{
    [Theory]
    [InlineData("1000000000", "is 1000000000; expected a whole number of units from 1 to 20000")]
    [InlineData("1000000000000", "1000000000000 is far too large for this field")]
    [InlineData("0", "is 0; expected a whole number of units from 1 to 20000")]
    public void An_absurd_unit_count_is_an_error_not_an_out_of_memory(string count, string message)
    {
        var clock = Stopwatch.StartNew();
        var v = Check(With("\"count\": 2", $"\"count\": {count}"));
        Assert.Equal(12, Error(v, "units[0].count", message).Line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Too_many_units_in_total_is_an_error()
    {
        var v = Check(With("\"count\": 2,", "\"count\": 15000,").Replace("\"hours\": 12 } }", "\"hours\": 12 } }, { \"id\": \"foot\", \"count\": 15000, \"mode\": \"foot\", \"station\": \"hq\" }"));
        Error(v, "units", "makes 30,000 units after count expansion", "the limit is 20,000");
    }

    [Fact]
    public void Days_and_rates_beyond_the_limits_are_errors()
    {
        Error(Check(With("\"days\": 2", "\"days\": 100000")), "days", "is 100000", "from 1 to 3650");
        Error(Check(With("\"ratePerHour\": 0.5", "\"ratePerHour\": 5000")), "zones[0].ratePerHour", "the limit is 1000 per zone");
        var multiplier = "[" + string.Join(", ", Enumerable.Repeat("1", 23)) + ", 1e9]";
        Error(Check(With("\"ratePerHour\": 0.5,", $"\"ratePerHour\": 0.5, \"hourProfile\": {multiplier},")), "zones[0].hourProfile[23]", "the largest multiplier allowed is 1000");
    }

    [Fact]
    public void A_run_that_would_draw_too_many_incidents_is_an_error()
    {
        var v = Check(With("\"days\": 2", "\"days\": 3650").Replace("\"ratePerHour\": 0.5", "\"ratePerHour\": 1000"));
        Error(v, "days", "candidate incidents per replication", "the limit is 10,000,000");
        var scenario = Check(Valid).Scenario!;
        Assert.Empty(ScenarioLimits.CheckRunSize(scenario, 3650, 1, "--days"));
        Assert.Contains("incidents; the limit is 20,000,000 per run", Assert.Single(ScenarioLimits.CheckRunSize(scenario, 3650, 10_000, "--replications")).Message);
    }

    [Fact]
    public void Too_many_zones_or_polygon_points_are_errors()
    {
        var zones = new StringBuilder();
        for (var i = 0; i < ScenarioLimits.MaxZones + 1; i++)
        {
            zones.Append(i == 0 ? "" : ", ").Append($"{{ \"id\": \"z{i}\", \"ratePerHour\": 0, \"polygon\": [[0, 0], [1, 0], [1, 1]] }}");
        }
        var many = Check(With("{ \"id\": \"town\", \"ratePerHour\": 0.5, \"polygon\": [[0, 0], [2000, 0], [2000, 2000], [0, 2000]] }", zones.ToString()));
        Assert.Equal(9, Error(many, "zones", "has 20,001 entries; the limit is 20,000 zones").Line);

        var ring = string.Join(", ", Enumerable.Range(0, ScenarioLimits.MaxPolygonPoints + 1)
            .Select(k => FormattableString.Invariant($"[{1000 + 900 * Math.Cos(k * 2 * Math.PI / 10001):0.###}, {1000 + 900 * Math.Sin(k * 2 * Math.PI / 10001):0.###}]")));
        var big = Check(With("[[0, 0], [2000, 0], [2000, 2000], [0, 2000]]", $"[{ring}]"));
        Error(big, "zones[0].polygon", "has 10,001 entries; the limit is 10,000 points per polygon");
    }

    [Fact]
    public void Too_many_incident_types_is_an_error()
    {
        var types = string.Join(", ", Enumerable.Range(0, ScenarioLimits.MaxIncidentTypes + 1)
            .Select(k => $"{{ \"id\": \"t{k}\", \"priority\": 2, \"targetResponseMinutes\": 10, \"onScene\": {{ \"distribution\": \"fixed\", \"value\": 5 }} }}"));
        var v = Check(With("{ \"id\": \"call\", \"priority\": 2, \"targetResponseMinutes\": 10, \"onScene\": { \"distribution\": \"exponential\", \"mean\": 30 } }", types));
        Error(v, "incidentTypes", "the limit is 200 incident types");
    }

    [Fact]
    public void Deep_nesting_is_an_error()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var v = Check(With("\"name\": \"t\"", $"\"name\": {deep}"));
        var p = Assert.Single(v.Problems);
        Assert.Contains("nested more than 64 deep", p.Message);
        Assert.Equal(2, p.Line);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(TempDir(), "huge.json");
        using (var file = File.Create(path))
        {
            file.SetLength(ScenarioLimits.MaxFileBytes + 1); // sparse: nothing is written
        }
        var p = Assert.Single(ScenarioValidator.ValidateFile(path).Problems);
        Assert.Contains("the limit is 64 MB", p.Message);
        File.Delete(path);
    }
}
