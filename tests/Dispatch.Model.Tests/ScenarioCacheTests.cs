using Dispatch.Bench;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Tests;

/// <summary>The scenario grain's fast reader gives the same document as the validating reader, and the cache builds once.</summary>
public class ScenarioCacheTests
{
    /// <summary>The shipped scenarios that load (broken-example.json is broken on purpose).</summary>
    public static TheoryData<string> Scenarios() => new(Directory.GetFiles(Path.Combine(RepoRoot(), "scenarios"), "*.json")
        .Where(Loads).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    private static bool Loads(string path)
    {
        try
        {
            ScenarioLoader.LoadDocument(path);
            return true;
        }
        catch (ScenarioException)
        {
            return false;
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_fast_reader_reads_what_the_validating_reader_reads(string file)
    {
        var json = ScenarioJson.Serialize(ScenarioLoader.LoadDocument(Path.Combine(RepoRoot(), "scenarios", file)));
        Assert.Equal(ScenarioJson.Serialize(ScenarioJson.Parse(json, file)), ScenarioJson.Serialize(ScenarioCache.ReadDocument(json)));
    }

    /// <summary>
    /// The CLI hands the scenario it built while validating a file to its embedded silo
    /// (<see cref="ScenarioCache.Add"/>): that build must run exactly as the one a grain makes from
    /// the request's JSON text, GeoJSON zones and all.
    /// </summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_validated_build_of_a_file_runs_as_the_build_of_its_json(string file)
    {
        var validation = ScenarioValidator.ValidateFile(Path.Combine(RepoRoot(), "scenarios", file));
        Assert.True(validation.IsValid);
        var json = ScenarioJson.Serialize(validation.Document!);
        var fromText = ScenarioCache.Build(json);
        Assert.NotSame(validation.Scenario, fromText);
        Assert.Equal(Outputs(fromText), Outputs(validation.Scenario!));
    }

    [Fact]
    public void An_added_build_is_the_one_a_run_of_its_text_gets()
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(60, 12, 1, 9));
        var built = ScenarioBuilder.Build(ScenarioJson.Parse(json, "city"));
        ScenarioCache.Add(json, built);
        Assert.Same(built, ScenarioCache.Get(json));
        ScenarioCache.Add(json, ScenarioBuilder.Build(ScenarioJson.Parse(json, "city"))); // a text already kept keeps its scenario
        Assert.Same(built, ScenarioCache.Get(json));
    }

    /// <summary>Report and incidents.csv of two simulated days.</summary>
    private static (string Report, string Incidents) Outputs(Scenario scenario)
    {
        var sim = new Simulation.Simulator(scenario, scenario.Seed, days: Math.Min(2, scenario.Days));
        sim.RunToEnd();
        var csv = new System.Text.StringBuilder();
        Reporting.CsvWriters.AppendIncidents(csv, sim);
        return (Reporting.ReportJson.Serialize(Reporting.ReportBuilder.Build(sim)), csv.ToString());
    }

    [Fact]
    public void Synthetic_cities_read_the_same_both_ways_and_are_built_once()
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(120, 24, 2, 5));
        Assert.Equal(ScenarioJson.Serialize(ScenarioJson.Parse(json, "city")), ScenarioJson.Serialize(ScenarioCache.ReadDocument(json)));
        var first = ScenarioCache.Get(json);
        Assert.Same(first, ScenarioCache.Get(json));
        Assert.Equal(120, first.Zones.Count);
        Assert.Equal(24, first.Units.Count);
    }

    [Fact]
    public async Task Replications_starting_together_get_one_build_and_share_a_failure()
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(300, 20, 1, 11));
        var scenarios = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ScenarioCache.GetAsync(json))));
        Assert.All(scenarios, s => Assert.Same(scenarios[0], s));
        Assert.Equal(300, scenarios[0].Zones.Count);

        var broken = json.Replace("\"days\":1", "\"days\":-1");
        var failures = Enumerable.Range(0, 4).Select(_ => Task.Run(() => ScenarioCache.GetAsync(broken))).ToList();
        foreach (var failure in failures)
        {
            var e = await Assert.ThrowsAsync<ScenarioException>(() => failure);
            Assert.Contains(e.Problems, p => p.Location.Contains("days"));
        }
        // Asking again fails the same way.
        Assert.Throws<ScenarioException>(() => ScenarioCache.Get(broken));
    }

    [Fact]
    public void Text_that_is_not_canonical_goes_through_the_validating_reader()
    {
        // A number given as a string: System.Text.Json refuses it, the validating reader locates it.
        var json = ScenarioJson.Serialize(SyntheticCity.Create(20, 4, 1, 1)).Replace("\"days\":1", "\"days\":\"one\"");
        var e = Assert.Throws<ScenarioException>(() => ScenarioCache.Get(json));
        Assert.Contains(e.Problems, p => p.Location.Contains("days"));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
