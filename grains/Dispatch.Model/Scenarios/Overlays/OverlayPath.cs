using System.Text;
using System.Text.Json;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>How one step of an <see cref="OverlayPath"/> goes down the scenario document.</summary>
public enum OverlayStepKind
{
    /// <summary>A field of an object or a key of a map: <c>surge</c>, <c>modes.car</c>.</summary>
    Field,

    /// <summary>The entry of a list whose field <see cref="OverlayStep.Key"/> has the value <see cref="OverlayStep.Value"/>: <c>units[id=car-north]</c>.</summary>
    Select,

    /// <summary>An element of a list by position, for lists whose entries have no id: <c>schoolPosts.windows[0]</c>.</summary>
    Index,
}

/// <summary>One step of an <see cref="OverlayPath"/>: a field name, an entry selected by a field's value, or a position.</summary>
public sealed record OverlayStep(OverlayStepKind Kind, string Name, string Key = "", string Value = "", int Index = 0)
{
    public override string ToString() => Kind switch
    {
        OverlayStepKind.Field => Name,
        OverlayStepKind.Select => $"{Name}[{Key}={Value}]",
        _ => $"{Name}[{Index}]",
    };
}

/// <summary>
/// A place in a scenario document, written <c>units[id=car-north].count</c>, <c>surge.from</c>,
/// <c>stations[id=baisha].location</c>, <c>modes.car.speedKmh</c> or <c>schoolPosts.windows[0].start</c>:
/// field names separated by dots; after a list's name, <c>[id=VALUE]</c> (or another field,
/// <c>[start=07:15]</c>) selects the one entry with that value and <c>[N]</c> (from 0) an element of a
/// list whose entries have no id. A value holding <c>]</c> is written in JSON quotes: <c>[id="a]b"]</c>.
/// </summary>
public sealed class OverlayPath
{
    private OverlayPath(string text, IReadOnlyList<OverlayStep> steps)
    {
        Text = text;
        Steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>The steps, first to last; a step with a selector is one step (<c>units[id=x]</c>).</summary>
    public IReadOnlyList<OverlayStep> Steps { get; }

    public override string ToString() => Text;

    /// <summary>The path of <paramref name="text"/>, or null with the reason in <paramref name="error"/>.</summary>
    public static OverlayPath? TryParse(string text, out string error)
    {
        var steps = new List<OverlayStep>();
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the path is empty; expected a path such as units[id=car-north].count or surge.from";
            return null;
        }
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && text[i] is not '.' and not '[' and not ']')
            {
                i++;
            }
            var name = text[start..i];
            if (name.Length == 0 || name.Trim() != name)
            {
                error = name.Length == 0
                    ? $"expected a field name at character {start + 1} of '{text}'"
                    : $"'{name}' in '{text}' has spaces around it; write field names without spaces";
                return null;
            }
            var step = new OverlayStep(OverlayStepKind.Field, name);
            if (i < text.Length && text[i] == '[')
            {
                step = ReadSelector(text, name, ref i, out error);
                if (step is null)
                {
                    return null;
                }
            }
            if (i < text.Length && text[i] == ']')
            {
                error = $"unexpected ']' at character {i + 1} of '{text}'";
                return null;
            }
            steps.Add(step);
            if (i < text.Length)
            {
                if (text[i] != '.')
                {
                    error = $"expected '.' at character {i + 1} of '{text}' (one selector [...] per list)";
                    return null;
                }
                i++;
                if (i == text.Length)
                {
                    error = $"'{text}' ends with '.'; expected a field name after it";
                    return null;
                }
            }
        }
        return new OverlayPath(text, steps);
    }

    /// <summary>Reads <c>[key=value]</c> or <c>[N]</c> at <paramref name="i"/> (the '['), leaving <paramref name="i"/> after the ']'.</summary>
    private static OverlayStep? ReadSelector(string text, string name, ref int i, out string error)
    {
        error = "";
        var open = i;
        i++;
        var keyStart = i;
        while (i < text.Length && text[i] is not '=' and not ']')
        {
            i++;
        }
        if (i == text.Length)
        {
            error = $"the '[' at character {open + 1} of '{text}' is not closed; expected [id=VALUE] or [N]";
            return null;
        }
        var key = text[keyStart..i];
        if (text[i] == ']')
        {
            i++;
            if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                return new OverlayStep(OverlayStepKind.Index, name, Index: index);
            }
            error = $"'[{key}]' in '{text}' is not a selector; expected [id=VALUE] (an entry by its id) or [N] (a position from 0)";
            return null;
        }
        if (key.Length == 0 || key.Trim() != key)
        {
            error = $"expected a field name before '=' in the selector at character {open + 1} of '{text}', such as [id=car-north]";
            return null;
        }
        i++; // '='
        string value;
        if (i < text.Length && text[i] == '"')
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text[i..]));
            try
            {
                reader.Read();
                value = reader.GetString()!;
                i += Encoding.UTF8.GetCharCount(Encoding.UTF8.GetBytes(text[i..]).AsSpan(0, (int)reader.BytesConsumed));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                error = $"the quoted value in the selector at character {open + 1} of '{text}' is not a closed JSON string";
                return null;
            }
        }
        else
        {
            var valueStart = i;
            while (i < text.Length && text[i] != ']')
            {
                i++;
            }
            value = text[valueStart..i];
        }
        if (i >= text.Length || text[i] != ']')
        {
            error = $"the '[' at character {open + 1} of '{text}' is not closed; expected [{key}=VALUE]";
            return null;
        }
        i++;
        if (value.Length == 0)
        {
            error = $"the selector [{key}=] in '{text}' has no value; expected [{key}=VALUE]";
            return null;
        }
        return new OverlayStep(OverlayStepKind.Select, name, key, value);
    }
}
