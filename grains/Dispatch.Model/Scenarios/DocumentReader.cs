using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatch.Model.Scenarios;

/// <summary>
/// Reads a parsed JSON value into the scenario document classes (<see cref="ScenarioDocument"/> and
/// its parts) leniently: a value of the wrong type is reported (with its path and a plain
/// explanation) and left out instead of stopping at the first one, unknown property names are
/// reported as warnings with the nearest known name, and lists longer than the documented limits are
/// refused before they are read. The known names of each object are its C# properties in camelCase.
/// </summary>
public sealed class DocumentReader(List<ScenarioProblem> problems, string? file)
{
    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Known = new();

    /// <summary>Longest lists, by property name (checked before reading them).</summary>
    private static readonly Dictionary<string, (int Limit, string What)> ListLimits = new()
    {
        ["zones"] = (ScenarioLimits.MaxZones, "zones"),
        ["polygon"] = (ScenarioLimits.MaxPolygonPoints, "points per polygon"),
        ["units"] = (ScenarioLimits.MaxUnits, "unit entries"),
        ["incidentTypes"] = (ScenarioLimits.MaxIncidentTypes, "incident types"),
        ["stations"] = (ScenarioLimits.MaxStations, "stations"),
    };

    /// <summary>What is expected, in words, for properties whose type alone does not say it.</summary>
    private static readonly Dictionary<string, (bool IsList, string Words)> Expected = new()
    {
        ["location"] = (true, "a point [x, y] in metres"),
        ["post"] = (true, "a point [x, y] in metres"),
        ["polygon"] = (true, "a list of points [[x, y], ...] in metres"),
        ["hourProfile"] = (true, "a list of 24 numbers"),
        ["hour"] = (true, "a list of 24 numbers"),
        ["dayProfile"] = (true, "a list of 7 numbers"),
        ["day"] = (true, "a list of 7 numbers"),
        ["typeMix"] = (false, "an object mapping incident type ids to shares, such as { \"theft\": 0.6, \"fight\": 0.4 }"),
        ["modes"] = (true, "a list of mode names such as [\"car\", \"foot\"]"),
        ["poolModes"] = (true, "a list of mode names such as [\"car\", \"foot\"]"),
    };

    /// <summary>Paths whose value was of the wrong type and was left out (further problems there are consequences).</summary>
    public HashSet<string> BadPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Report an unknown property only when it is close to a known name (GeoJSON properties carry other data too).</summary>
    public bool OnlyLikelyTypos { get; init; }

    /// <summary>Property names that are accepted and ignored.</summary>
    public IReadOnlySet<string> Ignored { get; init; } = new HashSet<string>();

    /// <summary>Reads an object of type <typeparamref name="T"/> (an empty one if <paramref name="element"/> is not an object).</summary>
    public T ReadObject<T>(JsonElement element, string path) where T : class, new() =>
        ReadValue(element, typeof(T), path, null) as T ?? new T();

    /// <summary>Names a scenario document object of type <paramref name="type"/> may hold.</summary>
    public static IReadOnlyCollection<string> KnownNames(Type type) => Properties(type).Keys;

    /// <summary>The type of the field <paramref name="name"/> of a scenario document object of type <paramref name="type"/>, or null if it has none.</summary>
    public static Type? FieldType(Type type, string name) => Properties(type).TryGetValue(name, out var p) ? p.PropertyType : null;

    private static Dictionary<string, PropertyInfo> Properties(Type type) => Known.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
        .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal));

    private object? ReadValue(JsonElement e, Type type, string path, string? name, string? expected = null)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        // What is expected, in words: only put together for a problem.
        string Expect() => expected ?? (name is not null && Expected.TryGetValue(name, out var words) && words.IsList == IsList(t) ? words.Words : Describe(t));
        if (t == typeof(string))
        {
            return e.ValueKind == JsonValueKind.String ? e.GetString() : Wrong(e, path, Expect());
        }
        if (t == typeof(bool))
        {
            return e.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => Wrong(e, path, Expect()) };
        }
        if (t == typeof(double))
        {
            if (e.ValueKind != JsonValueKind.Number)
            {
                return Wrong(e, path, Expect());
            }
            if (!e.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                return Bad(path, $"{Raw(e)} is too large to be a number here");
            }
            return d;
        }
        if (t == typeof(int) || t == typeof(long))
        {
            if (e.ValueKind != JsonValueKind.Number)
            {
                return Wrong(e, path, Expect());
            }
            if (t == typeof(int) && e.TryGetInt32(out var i))
            {
                return i;
            }
            if (t == typeof(long) && e.TryGetInt64(out var l))
            {
                return l;
            }
            // 5.0 or 1e3 are whole numbers too; 1.5 is not; 1e12 is whole but does not fit.
            if (!double.TryParse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var whole) || whole != Math.Floor(whole))
            {
                return Bad(path, $"expected a whole number, found {Raw(e)}");
            }
            var (min, max) = t == typeof(int) ? ((double)int.MinValue, (double)int.MaxValue) : (long.MinValue, long.MaxValue);
            if (whole < min || whole > max)
            {
                return Bad(path, $"{Raw(e)} is far too {(whole < 0 ? "small" : "large")} for this field (see the limits in the scenario format, section 6)");
            }
            return t == typeof(int) ? (int)whole : (long)whole;
        }
        if (IsList(t))
        {
            return e.ValueKind == JsonValueKind.Array ? ReadList(e, t, path, name) : Wrong(e, path, Expect());
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return e.ValueKind == JsonValueKind.Object ? ReadDictionary(e, t, path) : Wrong(e, path, Expect());
        }
        return e.ValueKind == JsonValueKind.Object ? ReadClass(e, t, path) : Wrong(e, path, Expect());
    }

    private object? ReadList(JsonElement e, Type t, string path, string? name)
    {
        var length = e.GetArrayLength();
        if (name is not null && ListLimits.TryGetValue(name, out var limit) && length > limit.Limit)
        {
            return Bad(path, $"has {ScenarioLimits.Count(length)} entries; the limit is {ScenarioLimits.Count(limit.Limit)} {limit.What} (see the limits in the scenario format, section 6)");
        }
        var element = t.IsArray ? t.GetElementType()! : t.GetGenericArguments()[0];
        if (element == typeof(double) && ReadNumbers(e, length) is { } numbers)
        {
            return t.IsArray ? numbers : new List<double>(numbers);
        }
        if (element == typeof(double[]) && ReadNumberLists(e, length) is { } lists)
        {
            return t.IsArray ? lists : new List<double[]>(lists);
        }
        var elementExpected = name == "polygon" ? "a point [x, y]" : element.IsArray ? "a list of numbers" : null;
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        var k = 0;
        foreach (var item in e.EnumerateArray())
        {
            var itemPath = $"{path}[{k++}]";
            var value = item.ValueKind == JsonValueKind.Null
                ? Bad(itemPath, $"expected {elementExpected ?? Describe(element)}, found null")
                : ReadValue(item, element, itemPath, null, elementExpected);
            list.Add(value ?? Placeholder(element));
        }
        if (!t.IsArray)
        {
            return list;
        }
        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    /// <summary>
    /// A list of plain finite numbers read at once (a polygon's points are most of a large city's
    /// document); null when any item is not one, so that the item-by-item path locates the problem.
    /// </summary>
    private static double[]? ReadNumbers(JsonElement e, int length)
    {
        var numbers = new double[length];
        var k = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var d) || !double.IsFinite(d))
            {
                return null;
            }
            numbers[k++] = d;
        }
        return numbers;
    }

    /// <summary>
    /// A list of lists of plain finite numbers (a polygon's points) read at once; null when any item
    /// is not one, so that the item-by-item path locates the problem.
    /// </summary>
    private static double[][]? ReadNumberLists(JsonElement e, int length)
    {
        var lists = new double[length][];
        var k = 0;
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || ReadNumbers(item, item.GetArrayLength()) is not { } numbers)
            {
                return null;
            }
            lists[k++] = numbers;
        }
        return lists;
    }

    private object? ReadDictionary(JsonElement e, Type t, string path)
    {
        var valueType = t.GetGenericArguments()[1];
        var dictionary = (IDictionary)Activator.CreateInstance(t)!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            var itemPath = $"{path}.{property.Name}";
            Duplicate(seen, property.Name, itemPath);
            var value = property.Value.ValueKind == JsonValueKind.Null
                ? Bad(itemPath, $"expected {Describe(valueType)}, found null")
                : ReadValue(property.Value, valueType, itemPath, null);
            if (value is not null)
            {
                dictionary[property.Name] = value;
            }
        }
        return dictionary;
    }

    private object? ReadClass(JsonElement e, Type t, string path)
    {
        var result = Activator.CreateInstance(t)!;
        var known = Properties(t);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            var itemPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            Duplicate(seen, property.Name, itemPath);
            if (!known.TryGetValue(property.Name, out var info))
            {
                Unknown(property.Name, itemPath, known.Keys);
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                info.SetValue(result, null); // null is the same as leaving the property out
                continue;
            }
            var value = ReadValue(property.Value, info.PropertyType, itemPath, property.Name);
            info.SetValue(result, value);
        }
        return result;
    }

    private void Unknown(string name, string path, IEnumerable<string> known)
    {
        if (Ignored.Contains(name))
        {
            return;
        }
        var nearest = NameSuggestions.Nearest(name, known);
        if (nearest is null && OnlyLikelyTypos)
        {
            return;
        }
        var hint = nearest is null
            ? $"; expected one of: {string.Join(", ", known)}"
            : NameSuggestions.DidYouMean(name, known);
        problems.Add(new(ProblemSeverity.Warning, path, $"unknown field '{name}' is ignored{hint}") { File = file });
    }

    private void Duplicate(HashSet<string> seen, string name, string path)
    {
        if (!seen.Add(name))
        {
            problems.Add(new(ProblemSeverity.Warning, path, $"'{name}' appears more than once in this object; the last value is used") { File = file });
        }
    }

    private object? Wrong(JsonElement e, string path, string expected) => Bad(path, $"expected {expected}, found {Found(e)}");

    private object? Bad(string path, string message)
    {
        problems.Add(new(ProblemSeverity.Error, path, message) { File = file });
        BadPaths.Add(path);
        return null;
    }

    private static bool IsList(Type t) => t.IsArray || (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>));

    private static object Placeholder(Type t) =>
        t == typeof(string) ? "" :
        t.IsArray ? Array.CreateInstance(t.GetElementType()!, 0) :
        Activator.CreateInstance(t)!;

    /// <summary>A type in words (never a .NET type name).</summary>
    public static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return "text in quotes";
        }
        if (t == typeof(int) || t == typeof(long))
        {
            return "a whole number";
        }
        if (t == typeof(double))
        {
            return "a number";
        }
        if (t == typeof(bool))
        {
            return "true or false";
        }
        if (IsList(t))
        {
            var element = t.IsArray ? t.GetElementType()! : t.GetGenericArguments()[0];
            return element == typeof(string) ? "a list of names in quotes"
                : element == typeof(double) || element == typeof(int) ? $"a list of {(element == typeof(int) ? "whole numbers" : "numbers")}"
                : "a list [ ... ]";
        }
        return "an object { ... }";
    }

    /// <summary>A JSON value in words: <c>the text "seven"</c>, <c>the number 1.5</c>, <c>an array</c>.</summary>
    public static string Found(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the text \"{Shorten(e.GetString() ?? "")}\"",
        JsonValueKind.Number => $"the number {Raw(e)}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => $"a list of {e.GetArrayLength()} value(s)",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    private static string Raw(JsonElement e) => Shorten(e.GetRawText());

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
