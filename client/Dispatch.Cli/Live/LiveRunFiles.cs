using System.Text.Json;

namespace Dispatch.Cli.Live;

/// <summary>
/// In the embedded mode a live run lives inside the process that started it. That process leaves a
/// small file beside the state database (<c>live/&lt;run-id&gt;.json</c>: its gateway port and pid) so that
/// another console can attach to the run through the silo's gateway, and <c>runs</c> can list it.
/// </summary>
public static class LiveRunFiles
{
    public sealed record Entry(string RunId, string Scenario, int GatewayPort, int ProcessId);

    public static string Folder(string statePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(statePath)) ?? ".", "live");

    public static void Write(string statePath, Entry entry)
    {
        Directory.CreateDirectory(Folder(statePath));
        var path = Path.Combine(Folder(statePath), entry.RunId + ".json");
        File.WriteAllText(path + ".partial", JsonSerializer.Serialize(entry));
        File.Move(path + ".partial", path, overwrite: true);
    }

    public static void Remove(string statePath, string runId)
    {
        var path = Path.Combine(Folder(statePath), runId + ".json");
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Entries whose process is still alive (stale files of dead processes are removed).</summary>
    public static List<Entry> List(string statePath)
    {
        var folder = Folder(statePath);
        var entries = new List<Entry>();
        if (!Directory.Exists(folder))
        {
            return entries;
        }
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            Entry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(file));
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                continue;
            }
            if (entry is not null && IsAlive(entry.ProcessId))
            {
                entries.Add(entry);
            }
            else
            {
                TryDelete(file);
            }
        }
        return entries;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Another console is cleaning up too.
        }
    }
}
