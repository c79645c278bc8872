namespace Dispatch.Model.Simulation;

/// <summary>The kernel under a duty officer's commands (<see cref="CommandDesk"/>; docs/live.md, "Commands") and its move-ups.</summary>
public sealed partial class Simulator
{
    private readonly CommandDesk _desk;

    /// <summary>
    /// Applies a command at the current simulated minute (<see cref="KernelCommand.At"/> must be
    /// <see cref="Now"/>): checked against the run as it stands, refused with the reason or carried
    /// out, and logged either way.
    /// </summary>
    public CommandOutcome Apply(KernelCommand command) => _desk.Apply(command);

    /// <summary>The commands given so far with their outcomes (the run's command log).</summary>
    public IReadOnlyList<CommandRecord> CommandLog => _desk.Records;

    /// <summary>Units moved up to cover an empty sector so far (<c>dispatch.moveUp</c>).</summary>
    public int MoveUps => _command.MoveUps;

    /// <summary>Incidents handled under a command: incident id to the command words that touched it.</summary>
    public IReadOnlyDictionary<int, string> CommandedIncidents => _desk.Commanded;

    /// <summary>
    /// Runs to <paramref name="time"/>, applying on the way every command of <paramref name="script"/>
    /// due by then at its minute (after the events before it): a run with a command log replays exactly.
    /// </summary>
    public void RunUntil(double time, CommandScript script)
    {
        while (!_desk.Stopped && script.Next is { } next && next.At <= Math.Min(time, EndTime))
        {
            RunUntil(next.At);
            Apply(next);
            script.Advance();
        }
        RunUntil(time);
    }
}
