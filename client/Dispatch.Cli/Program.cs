using Dispatch.Cli;
using Spectre.Console;

Dispatch.Cli.Running.PhaseTrace.Mark("main");
Dispatch.Cli.Running.StartupProfile.Start(args);
var console = AnsiConsole.Console;
if (Console.IsOutputRedirected)
{
    // Not a terminal (a pipe, a log file): no hard wrapping at 80 columns, so a line stays one line for grep.
    console.Profile.Width = 4096;
}
var exitCode = await CliApp.RunAsync(args, console, Console.Error);
Dispatch.Cli.Running.PhaseTrace.Mark("verb done");
return exitCode;
