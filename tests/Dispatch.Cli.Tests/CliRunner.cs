using Spectre.Console.Testing;

namespace Dispatch.Cli.Tests;

/// <summary>Runs the real CLI in-process with a test console; returns the exit code and what was printed.</summary>
public static class CliRunner
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(RepoRoot, "scenarios", name);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dispatch-cli-tests", $"{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");
        // A folder left by an earlier test process with the same id would hold its outputs: start empty.
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static int _counter;

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(140);
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, console, error);
        return (exit, console.Output, error.ToString());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Dispatch.sln not found");
    }
}
