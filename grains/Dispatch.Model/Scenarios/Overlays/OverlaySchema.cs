namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>
/// What a place in a scenario document may hold, from the document classes (<see cref="ScenarioDocument"/>
/// and its parts), so that an overlay path naming an unknown field is an error with a suggestion
/// instead of a change that is silently ignored.
/// </summary>
internal static class OverlaySchema
{
    /// <summary>The type at the root of a scenario document.</summary>
    public static readonly Type Root = typeof(ScenarioDocument);

    public static Type Plain(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    public static bool IsList(Type type) =>
        type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>));

    public static bool IsMap(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>);

    /// <summary>An object with named fields, or a map (<c>modes</c>, <c>profiles</c>, <c>typeMix</c>).</summary>
    public static bool IsObject(Type type)
    {
        var t = Plain(type);
        return IsMap(t) || (t.IsClass && t != typeof(string) && !IsList(t));
    }

    public static Type Element(Type list) => list.IsArray ? list.GetElementType()! : list.GetGenericArguments()[0];

    /// <summary>True for lists of entries with an <c>id</c> (stations, incident types, zones, units): addressed by id, never by position.</summary>
    public static bool HasIds(Type list) => IsList(list) && IsObject(Element(list)) && !IsMap(Element(list)) && Field(Element(list), "id") is not null;

    /// <summary>The type of field <paramref name="name"/> of an object (any key of a map), or null when the object has no such field.</summary>
    public static Type? Field(Type type, string name)
    {
        var t = Plain(type);
        return IsMap(t) ? t.GetGenericArguments()[1] : DocumentReader.FieldType(t, name);
    }

    /// <summary>The field names of an object type (none for a map: its keys are free).</summary>
    public static IReadOnlyCollection<string> Names(Type type) => IsMap(Plain(type)) ? [] : DocumentReader.KnownNames(Plain(type));

    /// <summary>" (fields: a, b, c)" or "; did you mean 'x'?" for an unknown field name.</summary>
    public static string Hint(Type type, string name)
    {
        var names = Names(type);
        var guess = NameSuggestions.DidYouMean(name, names);
        return guess.Length > 0 ? guess : $"; the fields here are: {string.Join(", ", names)}";
    }
}
