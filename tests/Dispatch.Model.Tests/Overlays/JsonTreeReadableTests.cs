using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Bench;
using Dispatch.Model.Loading;
using Dispatch.Model.Scenarios.Overlays;

namespace Dispatch.Model.Tests.Overlays;

/// <summary>scenario.json's readable layout, written straight from the document, is the layout of the tree walk it replaced.</summary>
public class JsonTreeReadableTests
{
    /// <summary>The shipped scenarios (broken-example.json repeats a field on purpose, which a tree cannot hold).</summary>
    public static TheoryData<string> Files() => new(Directory.GetFiles(Path.Combine(ValidationTestKit.RepoRoot, "scenarios"), "*.json")
        .Select(Path.GetFileName).OfType<string>().Where(f => f != "broken-example.json").Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void A_shipped_file_is_laid_out_as_by_the_tree_walk(string file)
    {
        var json = File.ReadAllText(Path.Combine(ValidationTestKit.RepoRoot, "scenarios", file));
        var compact = JsonTree.Compact(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }));
        Assert.Equal(TreeWalk(JsonNode.Parse(compact)), JsonTree.Readable(compact));
    }

    [Fact]
    public void Canonical_scenarios_and_awkward_values_are_laid_out_as_by_the_tree_walk()
    {
        var texts = new List<string>
        {
            ScenarioJson.Serialize(SyntheticCity.Create(60, 12, 1, 9)),
            ScenarioJson.Serialize(SyntheticCity.Create(SyntheticCity.Sizes.First(s => s.Name == "small-roads"), 2, 3)),
            """{"name":"见警率 \"q\" \\ +<>&\u0001","empty":{},"none":[],"nested":[[],[1,2],{}],"mixed":[1,"a",null,true,[1.5e3,-0.25]],"deep":[{"a":[[0,1],[2,3]]},{}],"n":null}""",
            "null",
            "[]",
            "{}",
        };
        foreach (var json in texts)
        {
            Assert.Equal(TreeWalk(JsonNode.Parse(json)), JsonTree.Readable(json));
        }
    }

    /// <summary>The layout as the JsonNode walk wrote it: objects a field per line, lists of plain values (and lists of such lists) on one line.</summary>
    private static string TreeWalk(JsonNode? node)
    {
        var text = new StringBuilder();
        Walk(node, 0, text);
        return text.Append('\n').ToString();
    }

    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Compact(JsonNode? node) => node?.ToJsonString(Plain) ?? "null";

    private static void Walk(JsonNode? node, int depth, StringBuilder text)
    {
        var pad = new string(' ', 2 * (depth + 1));
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                text.Append("{\n");
                var i = 0;
                foreach (var (name, value) in obj)
                {
                    text.Append(pad).Append(Compact(JsonValue.Create(name))).Append(": ");
                    Walk(value, depth + 1, text);
                    text.Append(++i < obj.Count ? ",\n" : "\n");
                }
                text.Append(' ', 2 * depth).Append('}');
                break;
            case JsonArray array when array.Count > 0 && !array.All(IsFlat):
                text.Append("[\n");
                for (var k = 0; k < array.Count; k++)
                {
                    text.Append(pad);
                    Walk(array[k], depth + 1, text);
                    text.Append(k + 1 < array.Count ? ",\n" : "\n");
                }
                text.Append(' ', 2 * depth).Append(']');
                break;
            case JsonArray array:
                text.Append(string.Join(", ", array.Select(Compact)).Insert(0, "[")).Append(']');
                break;
            default:
                text.Append(Compact(node));
                break;
        }
    }

    private static bool IsFlat(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.All(e => e is not JsonObject and not JsonArray),
        _ => true,
    };
}
