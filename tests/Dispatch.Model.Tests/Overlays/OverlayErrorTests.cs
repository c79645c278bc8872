using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scenarios.Overlays;
using static Dispatch.Model.Tests.Overlays.OverlayTestKit;

namespace Dispatch.Model.Tests.Overlays;

/// <summary>Every problem with an overlay is located: file, line, column and path in an overlay file, or the --set argument.</summary>
public sealed class OverlayErrorTests
{
    [Fact]
    public void Malformed_json_and_unknown_sections_are_located_in_the_overlay_file()
    {
        var (_, syntax) = Check("{\n  \"set\": { \"days\": 3,, }\n}");
        var p = Assert.Single(syntax);
        Assert.Equal((OverlayFile, 2, 22), (p.File, p.Line, p.Column)); // the second comma

        var (_, problems) = Check("""
            {
              "sett": { "days": 3 },
              "remove": "surge",
              "add": { "units": { "id": "x" } }
            }
            """);
        At(problems, OverlayFile, "sett", 2, "unknown section 'sett'", "did you mean 'set'?");
        At(problems, OverlayFile, "remove", 3, "expected a list of paths to remove");
        At(problems, OverlayFile, "add.units", 4, "expected a list [ ... ] of the entries to add");
    }

    [Theory]
    [InlineData("units[id=car-nort].count", "no entry of units has id 'car-nort'; did you mean 'car-north'?")]
    [InlineData("units[0].count", "addressed by id, not by position", "units[0] is units[id=car-north]")]
    [InlineData("surge.frm", "unknown field 'frm' in 'surge.frm'; did you mean 'from'?")]
    [InlineData("units[id=car-north].shift.hourz", "did you mean 'hours'?")]
    [InlineData("units[key=car-north].count", "entries of 'units' have no field 'key' to select by")]
    [InlineData("schoolPosts.windows[5].start", "windows has 2 element(s)")]
    [InlineData("units[id=car-north", "is not closed")]
    [InlineData("surge..from", "expected a field name at character 7")]
    [InlineData("name.first", "cannot go into 'name.first'")]
    public void A_bad_path_in_an_overlay_file_is_an_error_at_its_line_with_a_suggestion(string path, params string[] fragments)
    {
        var (v, problems) = Check($$"""
            {
              "description": "one bad path",
              "set": { "{{path}}": 8 }
            }
            """);
        var all = problems.Concat(v.Problems).ToList();
        Assert.True(At(all, OverlayFile, $"set.{path}", 3, fragments).IsError);
    }

    [Fact]
    public void Remove_and_add_report_what_is_not_there_or_already_there()
    {
        var (v, _) = Check("""
            {
              "add": { "units": [ { "id": "car-south", "count": 1, "mode": "car", "station": "south" } ],
                       "surge.from": [ 1 ] },
              "remove": [ "units[id=bike]", "mediation" ]
            }
            """);
        At(v.Problems, OverlayFile, "add.units[0]", 2, "units already has an entry with id 'car-south'");
        At(v.Problems, OverlayFile, "add.surge.from", 3, "is not a list");
        At(v.Problems, OverlayFile, "remove[0]", 4, "no entry of units has id 'bike'");
        At(v.Problems, OverlayFile, "remove[1]", 4, "nothing to remove: the scenario has no 'mediation'");
        Assert.Null(v.Scenario);
    }

    [Fact]
    public void A_bad_value_set_by_an_overlay_is_reported_at_the_overlay()
    {
        var (v, _) = Check("""
            {
              "set": { "units[id=car-south].count": "two",
                       "stations[id=south].location": [1, "x"] },
              "add": { "units": [ { "id": "bike", "count": 1, "mode": "bicycle", "station": "sout" } ] }
            }
            """);
        At(v.Problems, OverlayFile, "set.units[id=car-south].count", 2, "expected a whole number, found the text \"two\"");
        At(v.Problems, OverlayFile, "set.stations[id=south].location[1]", 3, "expected a number");
        At(v.Problems, OverlayFile, "add.units[0].station", 4, "unknown station 'sout'; did you mean 'south'?");
        Assert.DoesNotContain(v.Problems, p => p.File == BaseFile && p.IsError);
    }

    [Fact]
    public void A_problem_left_in_the_base_is_located_at_its_place_in_the_base_file_after_entries_moved()
    {
        // Removing car-north moves the other units up one place; removing station north leaves foot-north without one.
        var (v, _) = Check("""{ "remove": [ "units[id=car-north]", "stations[id=north]" ], "set": { "surge.units[id=surge-foot].station": "south" } }""");
        var p = At(v.Problems, BaseFile, "units[2].station", 12, "unknown station 'north'");
        Assert.Equal("base.json:12:55: units[2].station", p.Where); // the base file's units[2], not the effective units[1]
    }

    [Fact]
    public void A_missing_field_in_an_object_made_by_a_set_path_is_reported_at_that_path()
    {
        var (v, _) = Check("""{ "remove": [ "surge" ], "set": { "surge.from": "20:00" } }""");
        At(v.Problems, OverlayFile, "set.surge.from", 1, "surge.units", "missing");
    }

    [Fact]
    public void A_set_argument_error_names_the_argument()
    {
        var (v, problems) = Check(null, "surge.from", "units[id=car-nort].count=8", "units[id=car-south].count=x", "surge={\"from\":\"7\"}");
        var noEquals = At(problems, "--set surge.from", "", null, "expected PATH=VALUE");
        Assert.Equal("--set surge.from", noEquals.Where);
        At(v.Problems, "--set units[id=car-nort].count=8", "", null, "did you mean 'car-north'?");
        Assert.Null(v.Scenario);
        var (typed, _) = Check(null, "units[id=car-south].count=x", "surge={\"from\":\"7\"}");
        At(typed.Problems, "--set units[id=car-south].count=x", "", null, "expected a whole number, found the text \"x\"");
        At(typed.Problems, "--set surge={\"from\":\"7\"}", "surge.from", null, "'7' is not a time of day");
        At(typed.Problems, "--set surge={\"from\":\"7\"}", "surge.units", null, "missing");

        const string Replace = "units[id=car-south]={\"id\": \"car-south\", \"count\": 1, \"mode\": \"car\", \"station\": \"sout\"}";
        var (replaced, _) = Check(null, Replace);
        At(replaced.Problems, "--set " + Replace, "units[id=car-south].station", null, "unknown station 'sout'; did you mean 'south'?");
    }

    [Fact]
    public void Every_overlay_problem_has_a_file_and_every_file_problem_a_line()
    {
        var (v, problems) = Check("""{ "set": { "units[id=car-south].count": -1, "surge.fro": 1 }, "remove": [ 3 ] }""", "days=x", "nope");
        foreach (var p in problems.Concat(v.Problems))
        {
            Assert.NotNull(p.File);
            Assert.True(p.File!.StartsWith("--set ", StringComparison.Ordinal) || p.Line is not null, p.ToString());
        }
    }
}
