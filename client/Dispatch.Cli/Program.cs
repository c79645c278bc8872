using Dispatch.Cli;
using Spectre.Console;

return await CliApp.RunAsync(args, AnsiConsole.Console, Console.Error);
