using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>
/// JSON trees for overlays: built from a parsed element (a property written twice keeps its last
/// value, as the scenario reader does, and is reported through the callback), and
/// written back compactly, or readably with short lists (points, profiles) on one line.
/// </summary>
public static class JsonTree
{
    /// <summary>Text written as it is (no \u escapes for non-ASCII letters, '+' or quotes in text).</summary>
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The tree of <paramref name="element"/> (numbers and strings keep their text as written).</summary>
    public static JsonNode? FromElement(JsonElement element, string path = "", Action<string, string>? onDuplicate = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (obj.ContainsKey(property.Name))
                    {
                        onDuplicate?.Invoke(property.Name, childPath);
                        obj.Remove(property.Name);
                    }
                    obj[property.Name] = FromElement(property.Value, childPath, onDuplicate);
                }
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                var k = 0;
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromElement(item, $"{path}[{k++}]", onDuplicate));
                }
                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element);
        }
    }

    /// <summary>Compact JSON text of a tree.</summary>
    public static string Compact(JsonNode? node) => node?.ToJsonString(Plain) ?? "null";

    /// <summary>
    /// Readable JSON text of a tree: objects one field per line (two spaces per level); lists of
    /// plain values, and lists of such lists (points, polygons), on one line.
    /// </summary>
    public static string Readable(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, 0, text);
        return text.Append('\n').ToString();
    }

    private static void Write(JsonNode? node, int depth, StringBuilder text)
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
                    Write(value, depth + 1, text);
                    text.Append(++i < obj.Count ? ",\n" : "\n");
                }
                text.Append(' ', 2 * depth).Append('}');
                break;
            case JsonArray array when array.Count > 0 && !array.All(IsFlat):
                text.Append("[\n");
                for (var k = 0; k < array.Count; k++)
                {
                    text.Append(pad);
                    Write(array[k], depth + 1, text);
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
