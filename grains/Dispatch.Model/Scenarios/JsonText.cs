using System.Text;
using System.Text.Json;

namespace Dispatch.Model.Scenarios;

/// <summary>
/// The UTF-8 text of a JSON file, with what is needed to point at places in it: line and column
/// (1-based, the column counted in characters) of a byte offset, of a <see cref="JsonException"/>,
/// and of JSON paths such as <c>zones[3].polygon[2]</c>.
/// </summary>
public sealed class JsonText
{
    private readonly int[] _lineStarts;

    public JsonText(byte[] utf8)
    {
        Utf8 = utf8;
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = starts.ToArray();
    }

    /// <summary>The text as UTF-8 without a byte-order mark.</summary>
    public byte[] Utf8 { get; }

    /// <summary>
    /// Decodes file bytes: UTF-8 (with or without a byte-order mark) as is, UTF-16 or UTF-32 with a
    /// byte-order mark (as some editors save "Unicode" text) converted to UTF-8.
    /// </summary>
    public static JsonText FromFileBytes(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return new JsonText(bytes[3..]);
        }
        if (bytes is [0xFF, 0xFE, 0, 0, ..] or [0, 0, 0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return new JsonText(Encoding.UTF8.GetBytes(reader.ReadToEnd()));
        }
        return new JsonText(bytes);
    }

    public static JsonText FromString(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Line and column (1-based, column in characters) of a byte offset.</summary>
    public (int Line, int Column) Position(long offset)
    {
        offset = Math.Clamp(offset, 0, Utf8.Length);
        var line = Array.BinarySearch(_lineStarts, (int)offset);
        if (line < 0)
        {
            line = ~line - 1;
        }
        return (line + 1, Characters(_lineStarts[line], (int)offset) + 1);
    }

    /// <summary>Line and column of a reader error (which counts the column in bytes from 0).</summary>
    public (int Line, int Column) Position(JsonException e) => Position(Offset(e));

    /// <summary>Byte offset of a reader error.</summary>
    public long Offset(JsonException e)
    {
        var line = (int)Math.Clamp(e.LineNumber ?? 0, 0, _lineStarts.Length - 1);
        return _lineStarts[line] + (e.BytePositionInLine ?? 0);
    }

    private int Characters(int from, int to)
    {
        var count = 0;
        for (var i = from; i < to && i < Utf8.Length; i++)
        {
            if ((Utf8[i] & 0xC0) != 0x80)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Finds where each path is in the text (for a property: its name; for an array element: the
    /// element; of a property written twice, the last). Paths are written <c>a.b[2].c</c>, as in
    /// problem locations. Paths not found are left out. One pass over the text, whatever the number of paths.
    /// </summary>
    public Dictionary<string, (int Line, int Column)> Locate(IEnumerable<string> paths)
    {
        var wanted = paths.Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return found;
        }
        var reader = new Utf8JsonReader(Utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = ScenarioLimits.MaxJsonDepth + 8,
        });
        var path = new StringBuilder();
        var frames = new Stack<Frame>();
        void Record(long offset)
        {
            // The last occurrence wins, as for the value read from a property written twice.
            var p = path.ToString();
            if (wanted.Contains(p))
            {
                found[p] = Position(offset);
            }
        }
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.Pop();
                    continue;
                }
                if (token == JsonTokenType.PropertyName)
                {
                    var frame = frames.Peek();
                    path.Length = frame.Prefix;
                    if (path.Length > 0)
                    {
                        path.Append('.');
                    }
                    path.Append(reader.GetString());
                    Record(reader.TokenStartIndex);
                    continue;
                }
                if (frames.TryPeek(out var parent) && parent.IsArray)
                {
                    path.Length = parent.Prefix;
                    path.Append('[').Append(parent.Index++).Append(']');
                    Record(reader.TokenStartIndex);
                }
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Push(new Frame(token == JsonTokenType.StartArray, path.Length));
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The text has already been checked; a place that cannot be found is simply not given.
        }
        return found;
    }

    private sealed class Frame(bool isArray, int prefix)
    {
        public bool IsArray { get; } = isArray;
        public int Prefix { get; } = prefix;
        public int Index { get; set; }
    }
}
