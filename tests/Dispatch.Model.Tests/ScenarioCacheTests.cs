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

    /// <summary>The source-generated writer writes what the reflection-based serializer writes with the same options, and reads it back.</summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_generated_writer_writes_what_reflection_writes(string file)
    {
        var document = ScenarioLoader.LoadDocument(Path.Combine(RepoRoot(), "scenarios", file));
        var generated = ScenarioJson.Serialize(document);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(document, ScenarioJson.Options), generated);
        Assert.Equal(generated, ScenarioJson.Serialize(ScenarioJson.Deserialize(generated)!));
    }

    [Fact]
    public void The_generated_writer_writes_synthetic_cities_as_reflection_does()
    {
        foreach (var document in new[] { SyntheticCity.Create(60, 12, 1, 9), SyntheticCity.Create(SyntheticCity.Sizes.First(s => s.Name == "small-roads"), 2, 3) })
        {
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(document, ScenarioJson.Options), ScenarioJson.Serialize(document));
        }
    }

    /// <summary>
    /// The CLI validates a file by building it, and a silo builds the scenario again from the stored
    /// JSON text: both builds must run exactly alike, GeoJSON zones and all.
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
    public async Task A_key_is_built_once_and_read_only_then()
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(60, 12, 1, 9));
        var cache = new ScenarioCache();
        var reads = 0;
        Task<string> Read()
        {
            reads++;
            return Task.FromResult(json);
        }
        var built = await cache.GetAsync("a", Read);
        Assert.Same(built, await cache.GetAsync("a", Read));
        Assert.Equal(1, reads);
        Assert.NotSame(built, await cache.GetAsync("b", Read)); // another key is another build
        cache.Clear();
        Assert.NotSame(built, await cache.GetAsync("a", Read));
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task An_offered_scenario_is_used_without_reading_and_does_not_replace_a_kept_one()
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(60, 12, 1, 9));
        var offered = ScenarioCache.Build(json);
        var cache = new ScenarioCache();
        var reads = 0;
        Task<string> Read()
        {
            reads++;
            return Task.FromResult(json);
        }
        cache.Offer("a", offered);
        Assert.Same(offered, await cache.GetAsync("a", Read));
        Assert.Equal(0, reads);
        var built = await cache.GetAsync("b", Read);
        cache.Offer("b", offered);
        Assert.Same(built, await cache.GetAsync("b", Read));
        Assert.Equal(1, reads);
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
    public async Task Synthetic_cities_read_the_same_both_ways_and_are_built_once()
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(120, 24, 2, 5));
        Assert.Equal(ScenarioJson.Serialize(ScenarioJson.Parse(json, "city")), ScenarioJson.Serialize(ScenarioCache.ReadDocument(json)));
        var cache = new ScenarioCache();
        var first = await cache.GetAsync("city", () => Task.FromResult(json));
        Assert.Same(first, await cache.GetAsync("city", () => Task.FromResult(json)));
        Assert.Equal(120, first.Zones.Count);
        Assert.Equal(24, first.Units.Count);
    }

    [Fact]
    public async Task Replications_starting_together_get_one_build_and_share_a_failure()
    {
        var json = ScenarioJson.Serialize(SyntheticCity.Create(300, 20, 1, 11));
        var cache = new ScenarioCache();
        var scenarios = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => cache.GetAsync("city", () => Task.FromResult(json)))));
        Assert.All(scenarios, s => Assert.Same(scenarios[0], s));
        Assert.Equal(300, scenarios[0].Zones.Count);

        var broken = json.Replace("\"days\":1", "\"days\":-1");
        var failures = Enumerable.Range(0, 4).Select(_ => Task.Run(() => cache.GetAsync("broken", () => Task.FromResult(broken)))).ToList();
        foreach (var failure in failures)
        {
            var e = await Assert.ThrowsAsync<ScenarioException>(() => failure);
            Assert.Contains(e.Problems, p => p.Location.Contains("days"));
        }
        // Asking again fails the same way (a failed build is not kept).
        await Assert.ThrowsAsync<ScenarioException>(() => cache.GetAsync("broken", () => Task.FromResult(broken)));
    }

    [Fact]
    public void Text_that_is_not_canonical_goes_through_the_validating_reader()
    {
        // A number given as a string: System.Text.Json refuses it, the validating reader locates it.
        var json = ScenarioJson.Serialize(SyntheticCity.Create(20, 4, 1, 1)).Replace("\"days\":1", "\"days\":\"one\"");
        var e = Assert.Throws<ScenarioException>(() => ScenarioCache.Build(json));
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
