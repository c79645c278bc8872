using System.Text.Json.Nodes;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>Finding the place a path names: fields by name, list entries by a field's value or by position.</summary>
internal sealed partial class OverlayApplier
{
    /// <summary>Finds the place of step <paramref name="k"/> of the path in <paramref name="node"/>; null after reporting why there is none.</summary>
    private Place? Find(JsonNode node, Type type, OverlayOperation op, int k, bool create)
    {
        var step = op.Path.Steps[k];
        var at = Upto(op, k);
        if (node is not JsonObject obj || !OverlaySchema.IsObject(type))
        {
            Error(op, $"cannot go into '{at}': the value holding it is {Describe(node)}, not an object");
            return null;
        }
        if (OverlaySchema.Field(type, step.Name) is not { } fieldType)
        {
            Error(op, $"unknown field '{step.Name}' in '{at}'{OverlaySchema.Hint(type, step.Name)}");
            return null;
        }
        if (step.Kind == OverlayStepKind.Field)
        {
            if (create && obj[step.Name] is null && OverlaySchema.IsObject(fieldType) && k < op.Path.Steps.Count - 1)
            {
                var made = new JsonObject();
                obj[step.Name] = made;
                origins.Register(made, op.Origin, op.Origin.Path, exact: true);
            }
            return new Place(obj, step, fieldType);
        }
        if (obj[step.Name] is not JsonArray list || !OverlaySchema.IsList(fieldType))
        {
            Error(op, obj[step.Name] is null
                ? $"the scenario has no '{step.Name}' list to select from in '{at}'"
                : $"'{step.Name}' in '{at}' is {(OverlaySchema.IsList(fieldType) ? Describe(obj[step.Name]!) : "not a list")}; [..] selects an entry of a list");
            return null;
        }
        var element = OverlaySchema.Element(fieldType);
        return step.Kind == OverlayStepKind.Index ? ByIndex(obj, list, fieldType, element, step, op, at) : BySelector(obj, list, element, step, op, at);
    }

    private Place? ByIndex(JsonObject obj, JsonArray list, Type listType, Type element, OverlayStep step, OverlayOperation op, string at)
    {
        if (OverlaySchema.HasIds(listType))
        {
            var id = step.Index < list.Count ? Text(Member(list[step.Index], "id")) : null;
            Error(op, $"entries of '{step.Name}' are addressed by id, not by position: write {step.Name}[id=...]{(id is null ? "" : $" ({step.Name}[{step.Index}] is {step.Name}[id={id}])")}");
            return null;
        }
        if (step.Index >= list.Count)
        {
            Error(op, $"'{at}': {step.Name} has {list.Count} element(s), numbered from 0");
            return null;
        }
        return new Place(list, step, element, step.Index);
    }

    private Place? BySelector(JsonObject obj, JsonArray list, Type element, OverlayStep step, OverlayOperation op, string at)
    {
        if (!OverlaySchema.IsObject(element) || OverlaySchema.Field(element, step.Key) is null)
        {
            Error(op, OverlaySchema.IsObject(element)
                ? $"entries of '{step.Name}' have no field '{step.Key}' to select by{OverlaySchema.Hint(element, step.Key)}"
                : $"'{step.Name}' is a list of plain values; select an element by position: {step.Name}[0]");
            return null;
        }
        var matches = Enumerable.Range(0, list.Count).Where(k => Text(Member(list[k], step.Key)) == step.Value).ToList();
        if (matches.Count == 1)
        {
            return new Place(list, step, element, matches[0]);
        }
        var values = list.Select(e => Text(Member(e, step.Key))).OfType<string>().ToList();
        var hint = NameSuggestions.DidYouMean(step.Value, values);
        Error(op, matches.Count > 1
            ? $"'{at}' matches {matches.Count} entries of {step.Name}; select by a field whose value is unique, such as id"
            : $"no entry of {step.Name} has {step.Key} '{step.Value}'{(hint.Length > 0 ? hint : values.Count is > 0 and <= 12 ? $"; the {step.Key}s are: {string.Join(", ", values)}" : "")}"
              + (step.Name == "zones" && obj["zonesGeoJson"] is not null ? " (zones read from the GeoJSON file cannot be changed by an overlay)" : ""));
        return null;
    }

    private static JsonNode? Value(Place place) => place.Index >= 0 ? ((JsonArray)place.Container)[place.Index] : ((JsonObject)place.Container)[place.Step.Name];

    private static JsonNode? Member(JsonNode? node, string name) => node is JsonObject obj ? obj[name] : null;

    /// <summary>A string's value, or a number's text (for selecting by a numeric field); null otherwise.</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString()
        : null;

    private static string Describe(JsonNode node) => node switch
    {
        JsonArray a => $"a list of {a.Count} value(s)",
        JsonObject => "an object",
        _ => $"the value {JsonTree.Compact(node)}",
    };
}
