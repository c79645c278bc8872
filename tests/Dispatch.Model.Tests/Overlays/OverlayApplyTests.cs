using System.Text.Json.Nodes;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Scenarios.Overlays;
using static Dispatch.Model.Tests.Overlays.OverlayTestKit;

namespace Dispatch.Model.Tests.Overlays;

/// <summary>Overlays change the places their paths name: entries by id, nested fields, adds and removes.</summary>
public sealed class OverlayApplyTests
{
    [Fact]
    public void The_base_of_these_tests_is_valid()
    {
        var (v, problems) = Check(null);
        Assert.True(v.IsValid, string.Join("\n", v.Problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void A_path_addresses_a_list_entry_by_id_not_by_position()
    {
        var d = Document("units[id=car-south].count=3");
        Assert.Equal([2, 3, 1], d.Units!.Select(u => u.Count));
        Assert.Equal("car-south", d.Units![1].Id);
    }

    [Fact]
    public void Nested_paths_reach_fields_maps_and_positions_in_lists_without_ids()
    {
        var d = Document(
            "stations[id=south].location=[1200,3400]",
            "surge.from=20:00",
            "units[id=car-north].shift.hours=8",
            "surge.units[id=surge-foot].count=4",
            "modes.car.speedKmh=40",
            "schoolPosts.windows[1].end=18:00",
            "schoolPosts.windows[start=07:15].start=07:00");
        Assert.Equal([1200.0, 3400.0], d.Stations![1].Location!);
        Assert.Equal([500.0, 500.0], d.Stations![0].Location!);
        Assert.Equal("20:00", d.Surge!.From);
        Assert.Equal(8, d.Units![0].Shift!.Hours);
        Assert.Equal(4, d.Surge.Units![0].Count);
        Assert.Equal(40, d.Modes!["car"].SpeedKmh);
        Assert.Equal(("07:00", "18:00"), (d.SchoolPosts!.Windows![0].Start, d.SchoolPosts.Windows[1].End));
    }

    [Fact]
    public void A_value_is_json_when_it_parses_as_json_else_text()
    {
        Assert.Equal(5, Document("days=5").Days);
        Assert.Equal("7", Document("name=\"7\"").Name); // quoted: the text "7", not the number
        Assert.Equal("night shift", Document("name=night shift").Name);
        Assert.Equal("23:00", Document("surge.to=23:00").Surge!.To);
        Assert.Equal(["nightlife", "schoolGate"], Document("surge.zoneKinds=[\"nightlife\",\"schoolGate\"]").Surge!.ZoneKinds);
    }

    [Fact]
    public void Null_removes_a_field_and_remove_takes_out_fields_and_entries()
    {
        Assert.Null(Document("surge=null").Surge);
        var d = WithOverlay("""{ "remove": [ "surge", "units[id=car-south]", "schoolPosts.windows[0]" ] }""");
        Assert.Null(d.Surge);
        Assert.Equal(["car-north", "foot-north"], d.Units!.Select(u => u.Id));
        Assert.Equal("16:30", Assert.Single(d.SchoolPosts!.Windows!).Start);
    }

    [Fact]
    public void Add_appends_entries_and_applies_after_remove_and_before_set()
    {
        var d = WithOverlay("""
            {
              "set": { "units[id=car-south].count": 4, "units[id=bike-east].count": 3 },
              "add": {
                "units": [ { "id": "bike-east", "count": 1, "mode": "bicycle", "station": "south" },
                           { "id": "car-south", "count": 1, "mode": "car", "station": "north" } ],
                "stations": [ { "id": "east", "location": [1900, 1900] } ]
              },
              "remove": [ "units[id=car-south]" ]
            }
            """);
        Assert.Equal(["car-north", "foot-north", "bike-east", "car-south"], d.Units!.Select(u => u.Id));
        Assert.Equal(3, d.Units![2].Count);
        Assert.Equal(("north", 4), (d.Units![3].Station, d.Units[3].Count!.Value));
        Assert.Equal(["north", "south", "east"], d.Stations!.Select(s => s.Id));
    }

    [Fact]
    public void Later_overlays_apply_to_the_result_of_earlier_ones()
    {
        var (v, problems) = Check("""{ "set": { "units[id=car-north].count": 5 } }""", "units[id=car-north].count=6");
        Assert.Empty(problems);
        Assert.Equal(6, v.Document!.Units![0].Count);
    }

    [Fact]
    public void Apply_gives_the_changed_text_and_leaves_the_base_and_the_overlay_reusable()
    {
        var point = Overlay.FromSettings([new("units[id=car-north].count", JsonValue.Create(7)), new("surge", null)], "sweep point 1");
        var first = ScenarioOverlays.Apply(Base, BaseFile, [point]);
        var second = ScenarioOverlays.Apply(Base, BaseFile, [point]);
        Assert.True(first.IsApplied);
        Assert.Equal(first.Json, second.Json);
        var d = ScenarioJson.Parse(first.Json!, "effective");
        Assert.Equal((7, (SurgeDocument?)null), (d.Units![0].Count!.Value, d.Surge));
        Assert.Throws<ScenarioException>(() => Overlay.FromSettings([new("units[id=", null)], "sweep"));
    }

    [Fact]
    public void The_no_surge_overlay_on_pengjiang_gives_the_document_of_the_no_surge_file()
    {
        var problems = new List<ScenarioProblem>();
        var overlay = OverlayReader.ReadFile(ValidationTestKit.Scenario(Path.Combine("overlays", "pengjiang-no-surge.json")), problems);
        Assert.Empty(problems);
        var overlaid = ScenarioOverlays.ValidateFile(ValidationTestKit.Scenario("pengjiang.json"), [overlay!]);
        var twin = ScenarioValidator.ValidateFile(ValidationTestKit.Scenario("pengjiang-no-surge.json"));
        Assert.True(overlaid.IsValid, string.Join("\n", overlaid.Problems));
        overlaid.Document!.Description = twin.Document!.Description = null; // the one field that says which is which
        Assert.Equal(ScenarioJson.Serialize(twin.Document), ScenarioJson.Serialize(overlaid.Document));
    }
}
