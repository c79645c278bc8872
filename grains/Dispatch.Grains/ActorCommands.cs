using Dispatch.Abstractions;

namespace Dispatch.Grains;

/// <summary>
/// A zone or unit grain as the endpoint of a duty officer's commands: it refuses what it can tell
/// from its own state (a zone or unit its run never reported, a run that has finished), hands the
/// rest to its replication, which checks it against the kernel at the current minute and applies it,
/// and keeps the command and its outcome in its own history (the last <see cref="HistoryLimit"/>).
/// </summary>
internal static class ActorCommands
{
    /// <summary>How many commands a zone or unit keeps in its history.</summary>
    public const int HistoryLimit = 200;

    /// <summary>The command's reply; <paramref name="history"/> gains it unless the zone or unit is unknown (nothing is stored then).</summary>
    public static async Task<CommandReply> TakeAsync(IGrainFactory grains, string key, string what, bool known, bool final,
        string line, string console, List<CommandEntry> history, Func<Task> save)
    {
        var (runId, id) = GrainKeys.Split(key);
        if (!known)
        {
            return new CommandReply(false, $"unknown {what} '{id}' in run '{runId}' (or the run has not reported its {what}s yet)", double.NaN, line);
        }
        var reply = final
            ? new CommandReply(false, "the run has finished", double.NaN, line)
            : await grains.GetGrain<IScenarioGrain>(runId).CommandAsync(line, console);
        history.Add(new CommandEntry(reply.AtMinute, reply.Command ?? line, reply.Applied, reply.Message));
        if (history.Count > HistoryLimit)
        {
            history.RemoveAt(0);
        }
        await save();
        return reply;
    }
}
