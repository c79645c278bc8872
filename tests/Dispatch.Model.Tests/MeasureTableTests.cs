using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Bench;
using Dispatch.Model.Loading;
using Dispatch.Model.Reporting;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Tests;

/// <summary>The measure table (Reporting/Measures.cs) is true to report.json and drives the intervals and compare.</summary>
public sealed class MeasureTableTests
{
    private static readonly Lazy<Report> Pengjiang = new(() =>
        ReportBuilder.Build(TestScenarios.Run(ScenarioLoader.Load(ValidationTestKit.Scenario("pengjiang.json")), seed: 7, days: 1)));

    [Fact]
    public void Every_report_measure_s_path_is_a_number_of_the_report_and_its_accessor_reads_that_number()
    {
        var report = Pengjiang.Value;
        var node = JsonSerializer.SerializeToNode(report, ReportJson.Options);
        foreach (var m in Measures.All.Where(m => m.Value is not null))
        {
            Assert.True(IsNumberProperty(typeof(Report), m.Path), $"{m.Path} is not a number of Report");
            Assert.Equal(ReportJson.Find(node, m.Path), m.Value!(report));
        }
        // The district scenario defines every headline figure, so each path resolves to a value.
        Assert.All(Measures.Headlines, m => Assert.True(ReportJson.Find(node, m.Path) is not null, $"{m.Path} has no value"));
    }

    [Fact]
    public void The_table_is_consistent_and_the_headline_names_come_from_it()
    {
        Assert.Equal(Measures.All.Count, Measures.All.Select(m => m.Path).Distinct().Count());
        Assert.Equal(Measures.Headlines.Select(m => m.Path), ReportJson.HeadlineNames);
        Assert.All(Measures.All.Where(m => m.Headline || m.Row is not null), m => Assert.NotNull(m.Value));
        Assert.All(Measures.All.Where(m => m.Value is null), m => Assert.StartsWith("live.", m.Path));
        Assert.Equal(Enumerable.Range(1, Measures.Table.Count), Measures.Table.Select(m => m.Row!.Value));
        Assert.Equal(Enumerable.Range(1, Measures.Live.Count), Measures.Live.Select(m => m.Live!.Row));
        Assert.Same(Measures.HandlingRate, Measures.Find("handlingRate"));
        Assert.Equal("Handling rate (管事率)", Measures.HandlingRate.Title);
        Assert.Null(Measures.Find("noSuchMeasure"));
    }

    [Fact]
    public void The_intervals_of_several_replications_are_those_of_the_headline_measures_in_table_order()
    {
        var scenario = TestScenarios.Build(SyntheticCity.Create(60, 12, 1, 2));
        var reports = Enumerable.Range(0, 3).Select(r => ReportBuilder.Build(TestScenarios.Run(scenario, seed: 2, replication: r, days: 1))).ToList();
        var mean = ReportJson.Aggregate(reports);
        Assert.Equal(Measures.Headlines.Select(m => m.Path), mean.Ci95HalfWidth!.Keys);
        var total = reports.Select(r => r.Incidents.Total).ToList();
        Assert.Equal(ReportBuilder.Round(Statistics.Ci95HalfWidth(total)), mean.Ci95HalfWidth["incidents.total"]);
    }

    [Fact]
    public void Each_headline_measure_s_direction_decides_its_compare_verdict()
    {
        var report = Pengjiang.Value;
        foreach (var m in Measures.Headlines)
        {
            var a = new[] { 1.0, 2.0, 3.0 }.Select(v => With(report, m.Path, v)).ToList();
            var b = new[] { 11.0, 12.5, 13.0 }.Select(v => With(report, m.Path, v)).ToList();
            var compared = Comparison.Compare(a, b).Single(c => c.Name == m.Path);
            var expected = m.Better switch { Better.Higher => "better", Better.Lower => "worse", _ => "higher" };
            Assert.True(expected == compared.Verdict, $"{m.Path}: {compared.Verdict}, expected {expected}");
            Assert.Equal(m.Better, compared.Better);
            Assert.Equal(expected == "higher" ? "lower" : expected == "better" ? "worse" : "better",
                Comparison.Compare(b, a).Single(c => c.Name == m.Path).Verdict);
        }
    }

    [Fact]
    public void The_breakdown_flags_say_which_figures_each_breakdown_of_report_json_holds()
    {
        var node = JsonSerializer.SerializeToNode(Pengjiang.Value, ReportJson.Options)!;
        // The field a measure has in a breakdown row (an incident breakdown's, then byPriority's).
        var field = new Dictionary<string, (string Group, string Priority)>
        {
            ["incidents.total"] = ("incidents", "incidents"),
            ["incidents.prevented"] = ("prevented", ""),
            ["responseMinutes.mean"] = ("responseMinutesMean", "responseMinutes.mean"),
            ["responseMinutes.p90"] = ("", "responseMinutes.p90"),
            ["handlingRate"] = ("handlingRate", "handlingRate"),
            ["visibilityRate"] = ("visibilityRate", ""),
            ["visibilityRateNight"] = ("visibilityRateNight", ""),
        };
        Assert.Equal(field.Keys.Order(), Measures.All.Where(m => m.In != Breakdowns.None).Select(m => m.Path).Order());
        foreach (var (array, flag) in new[] { ("zones", Breakdowns.Zone), ("byHour", Breakdowns.Hour), ("byKind", Breakdowns.Kind), ("byPriority", Breakdowns.Priority) })
        {
            var rows = node[array]!.AsArray();
            var held = rows.SelectMany(r => Numbers(r!.AsObject(), "")).ToHashSet();
            foreach (var (path, names) in field)
            {
                var name = flag == Breakdowns.Priority ? names.Priority : names.Group;
                var declared = Measures.Find(path)!.In.HasFlag(flag);
                Assert.True(declared == (name != "" && held.Contains(name)), $"{array}: {path} declared {declared}, field '{name}'");
            }
        }
    }

    private static IEnumerable<string> Numbers(JsonObject row, string prefix) => row.SelectMany(p => p.Value switch
    {
        JsonObject inner => Numbers(inner, prefix + p.Key + "."),
        JsonValue v when v.TryGetValue<double>(out _) => [prefix + p.Key],
        _ => Array.Empty<string>(),
    });

    private static Report With(Report report, string path, double value)
    {
        var node = JsonSerializer.SerializeToNode(report, ReportJson.Options)!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(node, (n, p) => n[p]!);
        parent[parts[^1]] = value;
        return node.Deserialize<Report>(ReportJson.Options)!;
    }

    private static bool IsNumberProperty(Type type, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == part);
            if (property is null)
            {
                return false;
            }
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return type == typeof(double) || type == typeof(int) || type == typeof(long);
    }
}
