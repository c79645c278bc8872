namespace Dispatch.Abstractions;

/// <summary>
/// Brings a replication's incidents.csv (<see cref="IncidentRowsFile"/>) to a client: a client that
/// sees the silo's file (the embedded silo, or a silo on the same machine) moves it where it wants
/// it, which costs nothing on one file system; any other copies it through the replication grain a
/// piece at a time (<see cref="PieceBytes"/> per call) and then lets the silo delete its file. The
/// memory taken is a piece, whatever the length of the run.
/// </summary>
public static class IncidentRowsTransfer
{
    /// <summary>The bytes asked for per grain call when the file is read through the grain.</summary>
    public const int PieceBytes = 1 << 20;

    /// <summary>
    /// Puts the replication's incidents.csv at <paramref name="destination"/> (replacing a file there):
    /// moved when this process sees the silo's file and <paramref name="local"/> allows it, else read
    /// through the grain. Returns the destination's description of the file.
    /// </summary>
    public static async Task<IncidentRowsFile> TakeAsync(IGrainFactory grains, IncidentRowsFile file, string destination,
        CancellationToken cancellationToken, bool local = true)
    {
        if (local && TryMove(file, destination))
        {
            return file with { Path = destination };
        }
        var grain = grains.GetGrain<IScenarioGrain>(file.RunId);
        var temporary = destination + ".partial";
        try
        {
            await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await CopyThroughGrainAsync(grain, file, output, cancellationToken);
            }
            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        await grain.ReleaseIncidentRowsAsync();
        return file with { Path = destination };
    }

    /// <summary>The whole file as text (for small files: tests and tools), read where it is or through the grain.</summary>
    public static async Task<string> ReadTextAsync(IGrainFactory grains, IncidentRowsFile file, bool local = true)
    {
        if (local && IsVisible(file))
        {
            return await File.ReadAllTextAsync(file.Path);
        }
        using var bytes = new MemoryStream();
        await CopyThroughGrainAsync(grains.GetGrain<IScenarioGrain>(file.RunId), file, bytes, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    /// <summary>The silo's file is at its path here, with its length (the name is unique to the activation that wrote it).</summary>
    public static bool IsVisible(IncidentRowsFile file)
    {
        var info = new FileInfo(file.Path);
        return info.Exists && info.Length == file.Bytes;
    }

    private static bool TryMove(IncidentRowsFile file, string destination)
    {
        if (!IsVisible(file))
        {
            return false;
        }
        try
        {
            File.Move(file.Path, destination, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone meanwhile, or not ours to move: read it through the grain
        }
        if (new FileInfo(destination).Length == file.Bytes)
        {
            return true;
        }
        TryDelete(destination);
        return false;
    }

    private static async Task CopyThroughGrainAsync(IScenarioGrain grain, IncidentRowsFile file, Stream output, CancellationToken cancellationToken)
    {
        var offset = 0L;
        while (offset < file.Bytes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var piece = await grain.ReadIncidentRowsAsync(offset, PieceBytes);
            if (piece.Length == 0)
            {
                throw new IOException($"run '{file.RunId}': its incidents.csv ended at byte {offset} of {file.Bytes}");
            }
            await output.WriteAsync(piece, cancellationToken);
            offset += piece.Length;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
