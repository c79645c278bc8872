namespace Dispatch.Model.Simulation;

/// <summary>
/// A command log to replay: the commands in the order given (their minutes never go back), taken one
/// by one as the run reaches their minutes (<see cref="Simulator.RunUntil(double, CommandScript)"/>).
/// </summary>
public sealed class CommandScript
{
    private readonly KernelCommand[] _commands;
    private int _next;

    public CommandScript(IEnumerable<KernelCommand> commands)
    {
        _commands = [.. commands];
        for (var k = 1; k < _commands.Length; k++)
        {
            if (_commands[k].At < _commands[k - 1].At)
            {
                throw new ArgumentException($"command {k + 1} ('{_commands[k].Text}' at minute {_commands[k].At}) comes before the one above it (minute {_commands[k - 1].At})", nameof(commands));
            }
        }
    }

    /// <summary>The next command to apply, or null when all have been.</summary>
    public KernelCommand? Next => _next < _commands.Length ? _commands[_next] : null;

    /// <summary>How many commands the script holds.</summary>
    public int Count => _commands.Length;

    internal void Advance() => _next++;

    /// <summary>Skips the commands before <paramref name="minute"/> (already applied by the run being resumed).</summary>
    public void SkipBefore(double minute)
    {
        while (Next is { } next && next.At < minute)
        {
            _next++;
        }
    }
}
