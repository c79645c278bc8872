using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Bench;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>
/// The mean of replications' reports is taken on the report objects; it must be exactly the mean of
/// their report.json texts as JSON trees (the first implementation, kept here as the reference).
/// </summary>
public sealed class ReportAggregateTests
{
    [Fact]
    public void A_zone_s_p90_is_the_90th_percentile_of_its_attended_responses()
    {
        var sim = Run(Build(SyntheticCity.Create(300, 30, 2, 5)), seed: 5, replication: 0, days: 2);
        var report = ReportBuilder.Build(sim);
        var checkedZones = 0;
        for (var z = 0; z < report.Zones.Count; z++)
        {
            var responses = sim.Incidents.Where(i => i.Zone == z && i.IsAttended).Select(i => i.ResponseMinutes).Order().ToList();
            Assert.Equal(ReportBuilder.Round(Statistics.Percentile(responses, 0.9)), report.Zones[z].ResponseMinutesP90);
            checkedZones += responses.Count >= 5 ? 1 : 0;
        }
        Assert.True(checkedZones >= 3, $"{checkedZones} zones with 5 or more responses");
    }

    [Fact]
    public void The_mean_of_a_city_s_replications_is_the_mean_of_their_json_trees()
    {
        var document = SyntheticCity.Create(300, 30, 2, 5);
        var scenario = Build(document);
        var reports = Enumerable.Range(0, 3).Select(r => ReportBuilder.Build(Run(scenario, seed: 5, replication: r, days: 2))).ToList();
        // Some zones have a mean response in one replication and none in another: nulls are skipped.
        Assert.Contains(reports[0].Zones, z => z.ResponseMinutesMean is null);
        Assert.Contains(Enumerable.Range(0, reports[0].Zones.Count),
            k => (reports[0].Zones[k].ResponseMinutesMean is null) != (reports[1].Zones[k].ResponseMinutesMean is null));

        Assert.Equal(ReportJson.Serialize(JsonTreeMean(reports)), ReportJson.Serialize(ReportJson.Aggregate(reports)));
    }

    [Fact]
    public void Missing_fields_objects_and_list_elements_are_skipped_as_in_the_json_trees()
    {
        var scenario = Build(SyntheticCity.Create(60, 12, 1, 2));
        var a = ReportBuilder.Build(Run(scenario, seed: 2, replication: 0, days: 1));
        var b = ReportBuilder.Build(Run(scenario, seed: 2, replication: 1, days: 1));
        var c = ReportBuilder.Build(Run(scenario, seed: 2, replication: 2, days: 1));
        var reports = new List<Report>
        {
            a with { Pai = null, SchoolPosts = null, ByMode = a.ByMode.Take(1).ToList() },
            b with { Pai = 0.25, Units = b.Units.Take(3).ToList(), ResponseMinutes = b.ResponseMinutes with { P95 = null } },
            c with { Pai = null, VisibilityRate = null, Ci95HalfWidth = new Dictionary<string, double?> { ["x"] = 1, ["y"] = null } },
        };
        var expected = ReportJson.Serialize(JsonTreeMean(reports));
        var actual = ReportJson.Aggregate(reports);
        Assert.Equal(expected, ReportJson.Serialize(actual));
        Assert.Equal(0.25, actual.Pai); // the one replication that has it
        Assert.Single(actual.ByMode); // as long as the first replication's list
    }

    [Fact]
    public void Reports_that_disagree_on_a_whole_number_are_refused()
    {
        var scenario = Build(SyntheticCity.Create(60, 12, 1, 2));
        var a = ReportBuilder.Build(Run(scenario, seed: 2, days: 1));
        var odd = a with { ByHour = a.ByHour.Select(h => h with { Hour = h.Hour + 1 }).ToList() };
        Assert.Throws<InvalidDataException>(() => ReportJson.Aggregate([a, odd]));
    }

    /// <summary>The first implementation: every report as a JSON tree, averaged node by node, read back.</summary>
    private static Report JsonTreeMean(IReadOnlyList<Report> replications)
    {
        var nodes = replications.Select(r => JsonSerializer.SerializeToNode(r, ReportJson.Options)!).ToList();
        var mean = (JsonObject)MeanOf(nodes)!;
        var ci = new JsonObject();
        foreach (var name in ReportJson.HeadlineNames)
        {
            var values = nodes.Select(n => ReportJson.Find(n, name)).OfType<double>().ToList();
            ci[name] = values.Count == replications.Count ? ReportBuilder.Round(Statistics.Ci95HalfWidth(values)) : null;
        }
        mean["ci95HalfWidth"] = ci;
        mean["replications"] = replications.Count;
        mean["seed"] = replications[0].Seed;
        mean["schemaVersion"] = replications[0].SchemaVersion;
        return mean.Deserialize<Report>(ReportJson.Options)!;
    }

    private static JsonNode? MeanOf(IReadOnlyList<JsonNode?> nodes)
    {
        var first = nodes.FirstOrDefault(n => n is not null);
        switch (first)
        {
            case JsonObject:
                var result = new JsonObject();
                var keys = nodes.OfType<JsonObject>().SelectMany(o => o.Select(p => p.Key)).Distinct().ToList();
                foreach (var key in keys)
                {
                    result[key] = MeanOf(nodes.Select(n => n is JsonObject o && o.TryGetPropertyValue(key, out var c) ? c : null).ToList());
                }
                return result;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(MeanOf(nodes.Select(n => n is JsonArray a && i < a.Count ? a[i] : null).ToList()));
                }
                return items;
            case JsonValue value when value.TryGetValue<double>(out _):
                var numbers = nodes.OfType<JsonValue>().Select(v => v.GetValue<double>()).ToList();
                return JsonValue.Create(ReportBuilder.Round(numbers.Average()));
            default:
                return first?.DeepClone();
        }
    }
}
