using System.Text.Json.Nodes;

namespace Dispatch.Model.Scenarios.Overlays;

/// <summary>
/// Where each part of a scenario document changed by overlays came from, so that a problem found in
/// the resulting document is reported where it can be fixed: a value from the base file at its
/// place in the base file (list positions may have moved), a value set or added by an overlay at
/// its place in the overlay file (or at its <c>--set</c> argument).
/// </summary>
internal sealed class NodeOrigins(string baseFile)
{
    /// <summary>An origin: <see cref="Overlay"/> null for the base file; <see cref="Exact"/> when the problem's path is not to be appended (an object made to hold a set value).</summary>
    private sealed record Entry(OverlayOrigin? Overlay, string Path, bool Exact);

    private readonly Dictionary<JsonNode, Entry> _entries = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records the base document: the root and every list element, at its path in the base file.</summary>
    public void RegisterBase(JsonNode root)
    {
        _entries[root] = new Entry(null, "", false);
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj)
                    {
                        Walk(value, path.Length == 0 ? name : $"{path}.{name}");
                    }
                    break;
                case JsonArray array:
                    for (var k = 0; k < array.Count; k++)
                    {
                        if (array[k] is { } element)
                        {
                            _entries[element] = new Entry(null, $"{path}[{k}]", false);
                            Walk(element, $"{path}[{k}]");
                        }
                    }
                    break;
            }
        }
        Walk(root, "");
    }

    /// <summary>Records a value inserted by an overlay: problems inside it are located at <paramref name="path"/> in the overlay.</summary>
    public void Register(JsonNode node, OverlayOrigin origin, string path, bool exact) => _entries[node] = new Entry(origin, path, exact);

    /// <summary>
    /// The problem <paramref name="problem"/> (found at its path in the document <paramref name="root"/>
    /// as it is after the overlays) moved to where its value came from, without line and column.
    /// </summary>
    public ScenarioProblem Remap(ScenarioProblem problem, JsonNode root)
    {
        var location = problem.Location;
        var (entry, consumed) = (_entries[root], 0);
        JsonNode? node = root;
        var i = 0;
        while (i < location.Length && node is not null)
        {
            var start = i;
            if (location[i] == '[')
            {
                var close = location.IndexOf(']', i);
                if (close < 0 || !int.TryParse(location.AsSpan(i + 1, close - i - 1), out var index))
                {
                    break;
                }
                node = node is JsonArray array && index < array.Count ? array[index] : null;
                i = close + 1;
            }
            else
            {
                if (location[i] == '.')
                {
                    i++;
                }
                var end = i;
                while (end < location.Length && location[end] is not '.' and not '[')
                {
                    end++;
                }
                node = node is JsonObject obj ? obj[location[i..end]] : null;
                i = end;
            }
            if (start == i)
            {
                break;
            }
            if (node is not null && _entries.TryGetValue(node, out var found))
            {
                (entry, consumed) = (found, i);
            }
        }
        var suffix = location[consumed..];
        if (entry.Overlay is null)
        {
            return problem with { File = baseFile, Location = entry.Path + (entry.Path.Length == 0 ? suffix.TrimStart('.') : suffix), Line = null, Column = null };
        }
        var path = entry.Exact ? entry.Path : entry.Path + suffix;
        var message = entry.Exact && location.Length > 0 ? $"{location}: {problem.Message}" : problem.Message;
        if (entry.Overlay.IsArgument)
        {
            // A --set argument names its path itself; only a place inside its value is added.
            path = path == entry.Overlay.Path ? "" : path;
        }
        return problem with { File = entry.Overlay.File, Location = path, Message = message, Line = null, Column = null };
    }
}
