using System.Globalization;
using System.Text.Json.Nodes;
using Dispatch.Model.Scenarios.Overlays;

namespace Dispatch.Model.Planning;

/// <summary>
/// A decision variable of a plan, written <c>PATH</c> or <c>PATH=MIN..MAX</c>: a whole number in the
/// scenario (a unit count, a surge entry's count, officers per post) that the plan may set between
/// <see cref="Min"/> and <see cref="Max"/>; <see cref="Initial"/> is its value in the scenario.
/// </summary>
public sealed record DecisionVariable(OverlayPath Path, int Min, int Max, int Initial)
{
    /// <summary>
    /// The variable of <paramref name="text"/> in the scenario <paramref name="scenario"/> (its
    /// self-contained JSON), or null with the reason in <paramref name="error"/>. Without a range: 0
    /// to twice the current value (at least the current value + 4).
    /// </summary>
    public static DecisionVariable? TryParse(string text, JsonNode scenario, out string error)
    {
        var lastBracket = text.LastIndexOf(']');
        var equals = text.IndexOf('=', Math.Max(lastBracket, 0));
        var pathText = equals > 0 ? text[..equals] : text;
        var path = OverlayPath.TryParse(pathText, out error);
        if (path is null)
        {
            error = $"'{text}': {error}";
            return null;
        }
        if (Read(scenario, path) is not JsonValue value || !value.TryGetValue<double>(out var current) || current != Math.Floor(current) || current < 0)
        {
            error = $"'{pathText}': not a whole number in the scenario (a decision variable is a count, such as units[id=car-baisha].count)";
            return null;
        }
        var initial = (int)current;
        var (min, max) = (0, Math.Max(2 * initial, initial + 4));
        if (equals > 0)
        {
            var range = text[(equals + 1)..].Split("..");
            if (range.Length != 2 || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out min)
                || !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out max) || min > max)
            {
                error = $"'{text}': expected PATH=MIN..MAX with whole numbers MIN <= MAX, such as {pathText}=2..12";
                return null;
            }
        }
        return new DecisionVariable(path, min, max, Math.Clamp(initial, min, max));
    }

    /// <summary>The node at <paramref name="path"/> in a scenario document, or null.</summary>
    public static JsonNode? Read(JsonNode root, OverlayPath path)
    {
        JsonNode? node = root;
        foreach (var step in path.Steps)
        {
            node = node is JsonObject o ? o[step.Name] : null;
            node = step.Kind switch
            {
                OverlayStepKind.Select => (node as JsonArray)?.FirstOrDefault(e => e is JsonObject entry && entry[step.Key] is JsonValue v && v.ToString() == step.Value),
                OverlayStepKind.Index => node is JsonArray a && step.Index < a.Count ? a[step.Index] : null,
                _ => node,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }
}
