using System.Text.Json.Nodes;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>
/// Applies overlay operations to the JSON tree of a scenario document, checking each path against
/// the document's fields (<see cref="OverlaySchema"/>) and against what the document holds, and
/// recording where every inserted value came from (<see cref="NodeOrigins"/>). A failed operation
/// changes nothing further and adds one error located at the operation.
/// </summary>
internal sealed class OverlayApplier(JsonObject root, NodeOrigins origins, List<ScenarioProblem> problems)
{
    /// <summary>A place reached by a path: the object or list holding it, the step into it, its type and, for a list entry, its position.</summary>
    private sealed record Place(JsonNode Container, OverlayStep Step, Type Type, int Index = -1);

    public void Apply(Overlay overlay)
    {
        foreach (var operation in overlay.Operations)
        {
            Apply(operation);
        }
    }

    private void Apply(OverlayOperation op)
    {
        JsonNode node = root;
        var type = OverlaySchema.Root;
        var steps = op.Path.Steps;
        for (var i = 0; i < steps.Count - 1; i++)
        {
            if (Find(node, type, op, i, create: op.Kind != OverlayOperationKind.Remove) is not { } place)
            {
                return;
            }
            var next = Value(place);
            if (next is null)
            {
                Error(op, $"'{Upto(op, i)}' is not in the scenario");
                return;
            }
            (node, type) = (next, place.Type);
        }
        if (Find(node, type, op, steps.Count - 1, create: false) is not { } last)
        {
            return;
        }
        switch (op.Kind)
        {
            case OverlayOperationKind.Set:
                Set(last, op);
                break;
            case OverlayOperationKind.Remove:
                Remove(last, op);
                break;
            default:
                Add(last, op);
                break;
        }
    }

    private void Set(Place place, OverlayOperation op)
    {
        var value = op.Value?.DeepClone();
        if (place.Index >= 0)
        {
            if (value is null)
            {
                Error(op, $"null cannot replace the entry '{op.Path}'; to take it out, list it under \"remove\"");
                return;
            }
            ((JsonArray)place.Container)[place.Index] = value;
        }
        else if (value is null)
        {
            ((JsonObject)place.Container).Remove(place.Step.Name); // null is the same as leaving the field out
            return;
        }
        else
        {
            ((JsonObject)place.Container)[place.Step.Name] = value;
        }
        origins.Register(value, op.Origin, op.Origin.Path, exact: false);
    }

    private void Remove(Place place, OverlayOperation op)
    {
        if (place.Index >= 0)
        {
            ((JsonArray)place.Container).RemoveAt(place.Index);
        }
        else if (!((JsonObject)place.Container).Remove(place.Step.Name))
        {
            Error(op, $"nothing to remove: the scenario has no '{op.Path}'");
        }
    }

    private void Add(Place place, OverlayOperation op)
    {
        if (place.Index >= 0 || !OverlaySchema.IsList(place.Type))
        {
            Error(op, $"'{op.Path}' is not a list; \"add\" takes the path of a list, such as units, stations or surge.units");
            return;
        }
        var holder = (JsonObject)place.Container;
        if (holder[place.Step.Name] is not JsonArray list)
        {
            if (holder[place.Step.Name] is { } other)
            {
                Error(op, $"'{op.Path}' is {Describe(other)} in the scenario, not a list");
                return;
            }
            list = [];
            holder[place.Step.Name] = list;
        }
        var hasIds = OverlaySchema.HasIds(place.Type);
        var ids = hasIds ? list.Select(e => Text(Member(e, "id"))).OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
        var k = 0;
        foreach (var entry in ((JsonArray)op.Value!).Select(e => e?.DeepClone()).ToList())
        {
            var where = $"{op.Origin.Path}[{k++}]";
            if (hasIds && Text(Member(entry, "id")) is { } id && !ids.Add(id))
            {
                problems.Add(Problem(op, where, $"{place.Step.Name} already has an entry with id '{id}'; to change it use \"set\" with {place.Step.Name}[id={id}], or remove it first"));
                continue;
            }
            list.Add(entry);
            if (entry is not null)
            {
                origins.Register(entry, op.Origin, where, exact: false);
            }
        }
    }

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

    /// <summary>The path up to and including step <paramref name="k"/>, as written.</summary>
    private static string Upto(OverlayOperation op, int k) => string.Join('.', op.Path.Steps.Take(k + 1));

    private void Error(OverlayOperation op, string message) => problems.Add(Problem(op, op.Origin.Path, message));

    private static ScenarioProblem Problem(OverlayOperation op, string where, string message) =>
        new(ProblemSeverity.Error, op.Origin.IsArgument ? "" : where, message) { File = op.Origin.File };
}
