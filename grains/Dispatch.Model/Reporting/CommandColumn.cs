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

    /// <summary>
    /// <paramref name="csv"/> (a header line, then one row per incident in id order, each ending in a
    /// newline; quoted fields may hold newlines) with the column added at the end of every line.
    /// </summary>
    public static string Add(string csv, IReadOnlyDictionary<int, string> commanded)
    {
        var text = new StringBuilder(csv.Length + 16 * (commanded.Count + 1));
        var row = -1;
        var quoted = false;
        foreach (var c in csv)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                text.Append(',').Append(row < 0 ? Name : commanded.TryGetValue(row, out var words) ? words : "");
                row++;
            }
            text.Append(c);
        }
        return text.ToString();
    }
}
