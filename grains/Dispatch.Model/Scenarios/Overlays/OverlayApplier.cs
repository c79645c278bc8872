using System.Text.Json.Nodes;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>
/// Applies overlay operations to the JSON tree of a scenario document, checking each path against
/// the document's fields (<see cref="OverlaySchema"/>) and against what the document holds, and
/// recording where every inserted value came from (<see cref="NodeOrigins"/>). A failed operation
/// changes nothing further and adds one error located at the operation.
/// </summary>
internal sealed partial class OverlayApplier(JsonObject root, NodeOrigins origins, List<ScenarioProblem> problems)
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

    /// <summary>The path up to and including step <paramref name="k"/>, as written.</summary>
    private static string Upto(OverlayOperation op, int k) => string.Join('.', op.Path.Steps.Take(k + 1));

    private void Error(OverlayOperation op, string message) => problems.Add(Problem(op, op.Origin.Path, message));

    private static ScenarioProblem Problem(OverlayOperation op, string where, string message) =>
        new(ProblemSeverity.Error, op.Origin.IsArgument ? "" : where, message) { File = op.Origin.File };
}
