using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios;
using Dispatch.Model.Simulation;

namespace Dispatch.Cli.Tests;

/// <summary>
/// Property: random mutations of the valid example scenarios (deleted fields, changed types, random
/// numbers, renamed fields, truncated or garbled text, in the scenario or its GeoJSON file) never
/// crash the validator or the runner. Every outcome is either a valid scenario that runs, or errors
/// with messages (exit code 2 from the CLI).
/// </summary>
public sealed class MutationPropertyTests
{
    private static readonly string[] Examples = ["small-town.json", "mmc-erlang.json", "pengjiang.json"];

    private static readonly JsonNode?[] Values =
    [
        null, true, false, 0, -1, -0.5, 0.25, 1, 1.5, 2, 7, 24, 25, 1000, 123456789, 1e12, 1e300, -1e300,
        "", "x", "07:00", "24:00", "car", "north", "district", "2023-06-05", "1e3",
        new JsonObject(), new JsonArray(), new JsonArray(1, 2), new JsonArray(new JsonArray(0, 0), new JsonArray(1, 0)),
    ];

    private static readonly double[] Factors = [-1, 0, 0.5, 2, 10, 1000];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Random_mutations_never_crash_the_validator_or_the_runner()
    {
        // DISPATCH_MUTATION_SEED and DISPATCH_MUTATION_COUNT explore further than the default run.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_MUTATION_SEED"), out var s) ? s : 20230605;
        var count = int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_MUTATION_COUNT"), out var n) ? n : 600;
        var random = new Random(seed);
        var dir = CliRunner.TempDir();
        var geoJson = File.ReadAllText(CliRunner.Scenario("small-town-zones.geojson"));
        int valid = 0, invalid = 0, simulated = 0;
        var validMutants = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var example = i % 10 == 9 ? "pengjiang.json" : Examples[i % 2];
            var text = File.ReadAllText(CliRunner.Scenario(example));
            var zones = geoJson;
            string what;
            if (example == "small-town.json" && random.NextDouble() < 0.25)
            {
                (zones, what) = Mutate(zones, random);
                what = "GeoJSON: " + what;
            }
            else
            {
                (text, what) = Mutate(text, random);
            }
            var path = Path.Combine(dir, $"m{i}.json");
            File.WriteAllText(path, text.Replace("small-town-zones.geojson", $"m{i}-zones.geojson"));
            File.WriteAllText(Path.Combine(dir, $"m{i}-zones.geojson"), zones);
            var label = $"mutant {i} of {example} ({what})";

            ScenarioValidation v;
            try
            {
                v = ScenarioValidator.ValidateFile(path);
            }
            catch (Exception e)
            {
                Assert.Fail($"the validator threw on {label}: {e}");
                return;
            }
            if (!v.IsValid)
            {
                invalid++;
                Assert.True(v.Errors.Any(), $"{label}: not valid but no error");
                Assert.All(v.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message) || p.Message.Contains("System.", StringComparison.Ordinal), $"{label}: {p}"));
                continue;
            }
            valid++;
            validMutants.Add(path);
            var scenario = v.Scenario!;
            if (ScenarioLimits.Candidates(scenario.Zones, 1) <= 20_000 && scenario.Units.Count <= 2000)
            {
                try
                {
                    new Simulator(scenario, 1, 0, 1).RunToEnd();
                    simulated++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"the simulator threw on valid {label}: {e}");
                }
            }
        }
        Assert.True(valid >= count / 12 && invalid >= count / 3, $"{valid} valid, {invalid} invalid");
        Assert.True(simulated >= count / 15, $"{simulated} simulated");

        // The same outcomes through the command line: exit code 0 or 2, messages for 2, never a crash.
        for (var i = 0; i < count; i += 20)
        {
            var path = Path.Combine(dir, $"m{i}.json");
            var (exit, output, error) = await CliRunner.RunAsync("validate", path);
            Assert.True(exit is 0 or 2, $"m{i}: exit {exit}: {error}");
            Assert.Equal(exit == 0, ScenarioValidator.ValidateFile(path).IsValid);
            Assert.True(exit == 0 ? output.Contains("valid") : error.Contains("error: "), error);
            Assert.DoesNotContain("   at ", error);
        }
        foreach (var path in validMutants.Where(p => !p.Contains("pengjiang", StringComparison.Ordinal)).Take(3))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var (exit, _, error) = await CliRunner.RunAsync("run", path, "--days", "1", "--out", Path.Combine(dir, $"{name}-out"), "--state", Path.Combine(dir, "s.db"));
            Assert.True(exit is 0 or 2, $"{name}: exit {exit}: {error}");
            Assert.DoesNotContain("   at ", error);
        }
    }

    /// <summary>One random change: mostly to the JSON tree, sometimes to the raw text.</summary>
    private static (string Text, string What) Mutate(string text, Random random)
    {
        if (random.NextDouble() < 0.2)
        {
            var at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0:
                    return (text[..at], $"truncated at {at}");
                case 1:
                    return (text.Remove(at, 1), $"character {at} deleted");
                case 2:
                    var c = "{}[],:\"0a-."[random.Next(11)];
                    return (text.Insert(at, c.ToString()), $"'{c}' inserted at {at}");
                default:
                    var digits = Enumerable.Range(0, text.Length).Where(k => char.IsDigit(text[k])).ToList();
                    var k = digits[random.Next(digits.Count)];
                    return (text.Remove(k, 1).Insert(k, random.Next(10).ToString()), $"digit {k} changed");
            }
        }
        var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var places = new List<(JsonNode Parent, string? Key, int Index, string Path)>();
        Collect(root, "", places);
        var (parent, key, index, path) = places[random.Next(places.Count)];
        var current = key is not null ? parent[key] : parent[index];
        string what;
        switch (random.Next(5))
        {
            case 0:
                if (key is not null)
                {
                    parent.AsObject().Remove(key);
                }
                else
                {
                    parent.AsArray().RemoveAt(index);
                }
                what = $"{path} deleted";
                break;
            case 1 when current is JsonValue number && number.TryGetValue(out double d):
                var factor = Factors[random.Next(Factors.Length)];
                Set(parent, key, index, d * factor);
                what = $"{path} x {factor}";
                break;
            case 2 when key is not null && key.Length > 1:
                var value = parent[key];
                parent.AsObject().Remove(key);
                var renamed = key.Remove(random.Next(key.Length), 1);
                if (!parent.AsObject().ContainsKey(renamed))
                {
                    parent.AsObject()[renamed] = value;
                }
                what = $"{path} renamed {renamed}";
                break;
            case 3 when parent is JsonArray array:
                array.Insert(index, current?.DeepClone());
                what = $"{path} duplicated";
                break;
            default:
                var replacement = Values[random.Next(Values.Length)]?.DeepClone();
                Set(parent, key, index, replacement);
                what = $"{path} = {replacement?.ToJsonString() ?? "null"}";
                break;
        }
        return (root.ToJsonString(), what);
    }

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (key is not null)
        {
            parent[key] = value;
        }
        else
        {
            parent[index] = value;
        }
    }

    private static void Collect(JsonNode node, string path, List<(JsonNode, string?, int, string)> places)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    places.Add((o, key, -1, childPath));
                    if (child is not null)
                    {
                        Collect(child, childPath, places);
                    }
                }
                break;
            case JsonArray a:
                for (var k = 0; k < a.Count; k++)
                {
                    places.Add((a, null, k, $"{path}[{k}]"));
                    if (a[k] is { } child)
                    {
                        Collect(child, $"{path}[{k}]", places);
                    }
                }
                break;
        }
    }
}
