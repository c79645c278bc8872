namespace Dispatch.Cli.Output;

/// <summary>Putting a staging folder in place of the output folder (see the class summary in RunOutputWriter.cs).</summary>
public static partial class RunOutputWriter
{
    /// <summary>
    /// Lets <paramref name="write"/> fill a staging folder, then puts its contents in place as
    /// <paramref name="directory"/>, replacing there only entries named in <paramref name="layout"/> or
    /// written by <paramref name="write"/>. If writing fails or <paramref name="cancellationToken"/> is
    /// cancelled before the swap, the staging folder is deleted and the output folder is untouched.
    /// </summary>
    public static void Publish(string directory, OutputLayout layout, Action<string> write, CancellationToken cancellationToken = default)
    {
        var target = FullPath(directory);
        var staging = StagingPath(target);
        CreateFreshDirectory(staging);
        try
        {
            write(staging);
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch
        {
            TryDeleteDirectory(staging);
            throw;
        }
        Commit(staging, target, layout);
    }

    private static void Commit(string staging, string target, OutputLayout layout)
    {
        var parent = Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(parent))
        {
            Directory.CreateDirectory(parent);
        }
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        var newNames = Directory.EnumerateFileSystemEntries(staging).Select(Path.GetFileName).OfType<string>().ToHashSet();
        var ours = layout.Names.Concat(newNames).Append(IncompleteMarker).ToHashSet();
        var existing = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).OfType<string>().ToList();
        if (existing.All(ours.Contains) && TrySwap(staging, target))
        {
            return;
        }
        ReplaceOneByOne(staging, target, existing.Where(ours.Contains).ToList(), layout.CompletionFile);
    }

    /// <summary>Replaces the whole folder: old renamed aside, new renamed in, old deleted.</summary>
    private static bool TrySwap(string staging, string target)
    {
        var old = $"{target}.old-{Environment.ProcessId}";
        DeleteDirectory(old);
        try
        {
            Directory.Move(target, old);
        }
        catch (IOException)
        {
            return false; // for example a file in it is open (Windows): replace file by file instead
        }
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }
        TryDeleteDirectory(old);
        return true;
    }

    /// <summary>
    /// The folder holds other files too: mark it incomplete, remove the old output (completion files
    /// first), move the new files in (completion files last), then remove the mark.
    /// </summary>
    private static void ReplaceOneByOne(string staging, string target, List<string> oldOutput, string completionFile)
    {
        var marker = Path.Combine(target, IncompleteMarker);
        File.WriteAllText(marker,
            "This folder is being written by dispatch, or writing it was interrupted: its output files may be missing or\n" +
            "from different runs. Run the command again with --overwrite to get a complete output.\n");
        foreach (var name in oldOutput.OrderBy(n => n == completionFile ? 0 : 1).Where(n => n != IncompleteMarker))
        {
            DeleteEntry(Path.Combine(target, name));
        }
        var entries = Directory.EnumerateFileSystemEntries(staging)
            .OrderBy(p => Path.GetFileName(p) == completionFile ? 1 : 0)
            .ToList();
        foreach (var entry in entries)
        {
            var destination = Path.Combine(target, Path.GetFileName(entry));
            if (Directory.Exists(entry))
            {
                DeleteEntry(destination);
                Directory.Move(entry, destination);
            }
            else
            {
                File.Move(entry, destination, overwrite: true);
            }
        }
        File.Delete(marker);
        TryDeleteDirectory(staging);
    }
}
