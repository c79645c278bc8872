using System.Text;
using System.Text.Json;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Reporting;

/// <summary>
/// commands.json, the command log of a run: every command in the order given, with its simulated
/// minute (exact), its words (<see cref="CommandText"/>) and its outcome. A run with a command log
/// writes it beside its report; <c>run --commands FILE</c> replays one (the outcomes are not read:
/// the replay works them out again, identically). Schema in docs/live.md, "The command log".
/// </summary>
public static class CommandLogFile
{
    /// <summary>The file's name in a run's output folder.</summary>
    public const string FileName = "commands.json";

    /// <summary>The log as JSON text (indented, a newline at the end).</summary>
    public static string Write(IReadOnlyList<CommandRecord> records)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteStartArray("commands");
            foreach (var (command, outcome) in records)
            {
                json.WriteStartObject();
                json.WriteNumber("at", command.At);
                json.WriteString("clock", CommandText.Clock(command.At));
                json.WriteString("command", command.Text);
                json.WriteBoolean("applied", outcome.Applied);
                json.WriteString("outcome", outcome.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The commands of a log (<paramref name="source"/> names it in problems); null with the problem when it is not one.</summary>
    public static List<KernelCommand>? Read(string text, string source, out string? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            problem = $"{source}: not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message.Split(" Path:")[0]}";
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("commands", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                problem = $"{source}: expected an object with a \"commands\" array (a commands.json a run wrote)";
                return null;
            }
            var commands = new List<KernelCommand>();
            var k = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var where = $"{source}: commands[{k++}]";
                if (entry.ValueKind != JsonValueKind.Object
                    || !entry.TryGetProperty("at", out var at) || !at.TryGetDouble(out var minute) || minute < 0
                    || !entry.TryGetProperty("command", out var words) || words.ValueKind != JsonValueKind.String)
                {
                    problem = $"{where}: expected \"at\" (a simulated minute, 0 or more) and \"command\" (its words, such as \"send car-1 12\")";
                    return null;
                }
                var command = CommandText.Parse(words.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries), minute, out var wrong);
                if (command is null)
                {
                    problem = $"{where}: {wrong}";
                    return null;
                }
                if (commands.Count > 0 && minute < commands[^1].At)
                {
                    problem = $"{where}: at minute {minute}, before the command above it (minute {commands[^1].At}); commands go in the order given";
                    return null;
                }
                commands.Add(command);
            }
            return commands;
        }
    }
}
