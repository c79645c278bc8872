using System.Text;
using Dispatch.Model.Reporting;

namespace Dispatch.Grains;

/// <summary>
/// The folder of a silo where replications write their incidents.csv while they run (one silo
/// service): the embedded silo's is beside its state file (<c>dispatch.db-spool</c>), a cluster
/// silo's is its <c>Spool</c> setting. A file is named by its run id and the activation that writes
/// it (<c>{runId}.{activation}.{n}.incidents.csv</c>), so two activations of one replication (a
/// silo that died and one that took over, sharing a folder) never write the same file. A file lives
/// as long as its activation: a new activation replays the run and writes its own. Files left by a
/// process that died are deleted by <see cref="Prune"/>.
/// </summary>
public sealed class IncidentSpool
{
    /// <summary>The end of every spool file's name.</summary>
    public const string Suffix = ".incidents.csv";

    /// <summary>A spool file not written for this long belongs to no activation (an idle one is collected long before).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    private int _files;

    /// <summary>
    /// A spool in <paramref name="directory"/> (created when the first file is written), whose writers
    /// hold up to <paramref name="flushChars"/> characters of rows before writing them out.
    /// </summary>
    public IncidentSpool(string directory, int flushChars = IncidentRowsWriter.DefaultFlushChars)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(flushChars, 1);
        Directory = Path.GetFullPath(directory);
        FlushChars = flushChars;
    }

    /// <summary>The text of rows a replication holds at most before writing it to its file.</summary>
    public int FlushChars { get; }

    /// <summary>The folder's absolute path.</summary>
    public string Directory { get; }

    /// <summary>The spool folder of the embedded silo whose state is in <paramref name="databasePath"/>.</summary>
    public static string BesideDatabase(string databasePath) => Path.GetFullPath(databasePath) + "-spool";

    /// <summary>A new file's path for run <paramref name="runId"/> written by activation <paramref name="activation"/> (the folder is created).</summary>
    public string NewPath(string runId, string activation)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Path.Combine(Directory, $"{Safe(runId)}.{Safe(activation)}.{Interlocked.Increment(ref _files)}{Suffix}");
    }

    /// <summary>
    /// Deletes the spool files in <paramref name="directory"/> not written for <paramref name="olderThan"/>
    /// before <paramref name="now"/> (and temporary ones); returns how many went. A missing folder
    /// holds none. Housekeeping of the hosting code (silo start, <c>runs --prune</c>), which gives the
    /// wall-clock time: grain code reads none.
    /// </summary>
    public static int Prune(string directory, TimeSpan olderThan, DateTime now)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return 0;
        }
        var before = now - olderThan;
        var deleted = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*" + Suffix + "*"))
        {
            try
            {
                if (file.LastWriteTimeUtc < before)
                {
                    file.Delete();
                    deleted++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use or not ours: left for a later prune.
            }
        }
        return deleted;
    }

    /// <summary>Letters, digits, '-' and '_' as they are; anything else (a path separator, a dot) as '_'.</summary>
    private static string Safe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }
        return safe.ToString();
    }
}
