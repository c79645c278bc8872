namespace Dispatch.Cli.Output;

/// <summary>
/// The entries one verb writes into its output folder: the only ones it may ever replace there.
/// </summary>
/// <param name="Names">Every file and folder name the verb can write (whether or not a given run writes it).</param>
/// <param name="CompletionFile">Written last: its presence means the folder holds a complete output of the verb.</param>
public sealed record OutputLayout(IReadOnlyList<string> Names, string CompletionFile);
