namespace Dispatch.Cli.Output;

/// <summary>
/// An output folder a verb is about to write, checked and locked for the whole verb: a second
/// dispatch process that wants the same folder is refused while this one holds it. The lock is
/// an empty file <c>.&lt;name&gt;.lock</c> beside the folder, held with an exclusive lock
/// (<c>flock</c> on Linux and macOS, a sharing lock on Windows) that the system releases when the
/// process ends, however it ends; the file itself stays (it holds no lock then).
/// </summary>
public sealed class OutputTarget : IDisposable
{
    private readonly FileStream _lock;

    private OutputTarget(string path, FileStream held)
    {
        Path = path;
        _lock = held;
    }

    /// <summary>The absolute path of the output folder (where a symbolic link given as <c>--out</c> points).</summary>
    public string Path { get; }

    /// <summary>
    /// Checks that the output folder can be written, without creating it, and locks it. A symbolic
    /// link given as <c>--out</c> is followed once, here: the output goes into the folder it points
    /// to (the link is kept), and a link to nothing is refused (see the
    /// class summary; the output itself is written to a sibling staging folder and moved into place
    /// when complete, see <see cref="RunOutputWriter.Publish"/>). A folder that already holds an
    /// entry the verb writes (<paramref name="layout"/>: the output of an earlier run, or a file of
    /// the user's with such a name) is refused unless <paramref name="overwrite"/>. Returns an error
    /// message (and no target) or null.
    /// </summary>
    public static string? TryPrepare(string directory, OutputLayout layout, bool overwrite, out OutputTarget? prepared)
    {
        prepared = null;
        FileStream? held = null;
        try
        {
            var target = RunOutputWriter.FullPath(directory);
            if (new DirectoryInfo(target).LinkTarget is { } linked)
            {
                // A link to a folder: the output goes into that folder and the link stays.
                if (new DirectoryInfo(target).ResolveLinkTarget(returnFinalTarget: true) is not DirectoryInfo { Exists: true } final)
                {
                    return File.Exists(target)
                        ? $"--out {directory}: is a symbolic link to a file ({linked}); expected a folder"
                        : $"--out {directory}: is a symbolic link to {linked}, which does not exist; create that folder or choose another --out";
                }
                target = RunOutputWriter.FullPath(final.FullName);
            }
            if (File.Exists(target))
            {
                return $"--out {directory}: is a file; expected a folder";
            }
            var parent = System.IO.Path.GetDirectoryName(target) ?? target;
            Directory.CreateDirectory(parent);
            held = TryLock(System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(target)}.lock"));
            if (held is null)
            {
                return $"--out {directory}: another dispatch process is writing this folder right now; wait for it to end, or choose another folder";
            }
            if (Directory.Exists(target) && !overwrite && RunOutputWriter.FirstEntryReplaced(target, layout) is { } entry)
            {
                held.Dispose();
                return entry == layout.CompletionFile || entry == RunOutputWriter.IncompleteMarker
                    ? $"--out {directory}: the folder already holds the output of an earlier run; add --overwrite to replace it, or choose another folder"
                    : $"--out {directory}: the folder already holds '{entry}', which this command writes; add --overwrite to replace it, or choose another folder";
            }
            RemoveStaleStaging(target);
            ProveWritable(target);
            prepared = new OutputTarget(target, held);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            held?.Dispose();
            return $"--out {directory}: the folder cannot be written ({e.Message})";
        }
    }

    /// <summary>The lock file held exclusively, or null when another process holds it.</summary>
    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>
    /// Removes the staging folders (<c>&lt;out&gt;.partial-&lt;pid&gt;</c>, its <c>-check</c>, and
    /// <c>&lt;out&gt;.old-&lt;pid&gt;</c>) that a killed process left beside the output folder. Only
    /// those of processes that no longer run are removed (the lock is held, so no other process is
    /// writing this folder anyway); a link is removed itself, never followed.
    /// </summary>
    private static void RemoveStaleStaging(string target)
    {
        var parent = System.IO.Path.GetDirectoryName(target)!;
        var name = System.IO.Path.GetFileName(target);
        var pattern = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(name) + @"\.(partial|old)-(?<pid>[0-9]+)(-check)?$");
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent).ToList())
        {
            var match = pattern.Match(System.IO.Path.GetFileName(entry));
            if (match.Success && int.TryParse(match.Groups["pid"].Value, out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                RunOutputWriter.RemoveEntry(entry);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The staging folder is a sibling of the target: prove the parent takes it, leaving nothing behind.</summary>
    private static void ProveWritable(string target)
    {
        var probe = RunOutputWriter.StagingPath(target) + "-check";
        RunOutputWriter.CreateFreshDirectory(probe);
        File.WriteAllText(System.IO.Path.Combine(probe, ".write-check"), "");
        Directory.Delete(probe, recursive: true);
        if (Directory.Exists(target))
        {
            var file = System.IO.Path.Combine(target, $".write-check-{Environment.ProcessId}");
            File.WriteAllText(file, "");
            File.Delete(file);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _lock.Dispose();
}
