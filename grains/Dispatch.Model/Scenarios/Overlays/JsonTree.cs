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
    public static string Readable(JsonNode? node) => Readable(Compact(node));

    /// <summary>
    /// <see cref="Readable(JsonNode?)"/> of JSON text, written straight from the parsed document (a
    /// 2,500-zone scenario's text in a few milliseconds; numbers keep their text as written).
    /// </summary>
    public static string Readable(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder(json.Length * 3 / 2);
        Write(document.RootElement, 0, text);
        return text.Append('\n').ToString();
    }

    private static void Write(JsonElement element, int depth, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                text.Append("{\n");
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (!first)
                    {
                        text.Append(",\n");
                    }
                    first = false;
                    text.Append(' ', 2 * (depth + 1));
                    AppendString(property.Name, text);
                    text.Append(": ");
                    Write(property.Value, depth + 1, text);
                }
                text.Append('\n').Append(' ', 2 * depth).Append('}');
                break;
            case JsonValueKind.Array when !element.EnumerateArray().All(IsFlat):
                text.Append("[\n");
                var k = 0;
                foreach (var item in element.EnumerateArray())
                {
                    text.Append(k++ > 0 ? ",\n" : "").Append(' ', 2 * (depth + 1));
                    Write(item, depth + 1, text);
                }
                text.Append('\n').Append(' ', 2 * depth).Append(']');
                break;
            case JsonValueKind.Array:
                AppendList(element, ", ", text);
                break;
            default:
                AppendCompact(element, text);
                break;
        }
    }

    /// <summary>A value as compact JSON (as <see cref="Compact"/> writes it).</summary>
    private static void AppendCompact(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                AppendString(element.GetString()!, text);
                break;
            case JsonValueKind.Array:
                AppendList(element, ",", text);
                break;
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    AppendString(property.Name, text);
                    text.Append(':');
                    AppendCompact(property.Value, text);
                }
                text.Append('}');
                break;
            default:
                text.Append(element.GetRawText()); // numbers as written, true, false, null
                break;
        }
    }

    /// <summary>A list on one line, its items compact, after each but the last <paramref name="separator"/>.</summary>
    private static void AppendList(JsonElement array, string separator, StringBuilder text)
    {
        text.Append('[');
        var k = 0;
        foreach (var item in array.EnumerateArray())
        {
            text.Append(k++ > 0 ? separator : "");
            AppendCompact(item, text);
        }
        text.Append(']');
    }

    private static void AppendString(string value, StringBuilder text) =>
        text.Append('"').Append(JsonEncodedText.Encode(value, Plain.Encoder).ToString()).Append('"');

    /// <summary>A value written on its parent list's line: a plain value, an empty object, or a list of plain values.</summary>
    private static bool IsFlat(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => !element.EnumerateObject().Any(),
        JsonValueKind.Array => element.EnumerateArray().All(e => e.ValueKind is not JsonValueKind.Object and not JsonValueKind.Array),
        _ => true,
    };
}
