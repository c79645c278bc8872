using System.Text;

namespace Dispatch.Model.Reporting;

/// <summary>
/// The <c>command</c> column of incidents.csv, in runs with a command log only (so the file of a run
/// without commands is as it always was): for each incident handled under a command, the command
/// words that touched it (<c>send</c>, <c>inject</c>, <c>hold</c>, joined with <c>+</c>), else empty.
/// </summary>
public static class CommandColumn
{
    /// <summary>The column's name in the header line.</summary>
    public const string Name = "command";

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// <paramref name="csv"/> (a header line, then one row per incident in id order, each ending in a
    /// newline; quoted fields may hold newlines) with the column added at the end of every line.
    /// </summary>
    public static string Add(string csv, IReadOnlyDictionary<int, string> commanded)
    {
        var text = new StringBuilder(csv.Length + 16 * (commanded.Count + 1));
        var adder = new Adder(commanded);
        adder.Append(csv, text);
        return text.ToString();
    }

    /// <summary>
    /// The same for a file's bytes (UTF-8): reads <paramref name="input"/> and writes the text with
    /// the column to <paramref name="output"/> a piece at a time (memory bounded by the piece, not the file).
    /// </summary>
    public static void Add(Stream input, Stream output, IReadOnlyDictionary<int, string> commanded)
    {
        using var reader = new StreamReader(input, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        using var writer = new StreamWriter(output, Utf8, bufferSize: 1 << 16, leaveOpen: true);
        var adder = new Adder(commanded);
        var piece = new char[1 << 16];
        var text = new StringBuilder(piece.Length + 1024);
        int read;
        while ((read = reader.Read(piece, 0, piece.Length)) > 0)
        {
            adder.Append(piece.AsSpan(0, read), text);
            foreach (var chunk in text.GetChunks())
            {
                writer.Write(chunk.Span);
            }
            text.Clear();
        }
    }

    /// <summary>Adds the column to text given a piece at a time (a quote or a row may span pieces).</summary>
    private sealed class Adder(IReadOnlyDictionary<int, string> commanded)
    {
        private int _row = -1;
        private bool _quoted;

        public void Append(ReadOnlySpan<char> csv, StringBuilder text)
        {
            foreach (var c in csv)
            {
                if (c == '"')
                {
                    _quoted = !_quoted;
                }
                else if (c == '\n' && !_quoted)
                {
                    text.Append(',').Append(_row < 0 ? Name : commanded.TryGetValue(_row, out var words) ? words : "");
                    _row++;
                }
                text.Append(c);
            }
        }
    }
}
