using Dispatch.Cli;
using Spectre.Console.Testing;

namespace Dispatch.Golden.Tests;

/// <summary>Runs a <see cref="GoldenCase"/> through the real CLI, in-process, into a fresh temporary folder.</summary>
public static class GoldenRunner
{
    /// <summary>The pseudo-file that holds what a case printed (exit code, standard output, standard error).</summary>
    public const string ConsoleFile = "console.txt";

    /// <summary>Set to 1 to rewrite the expected files from the current code instead of comparing.</summary>
    public const string UpdateVariable = "DISPATCH_UPDATE_GOLDENS";

    public static string RepoRoot { get; } = FindRoot();

    public static string ExpectedRoot => Path.Combine(RepoRoot, "tests", "Dispatch.Golden.Tests", "expected");

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Runs the case and returns its output folder (with <see cref="ConsoleFile"/> written into it).</summary>
    public static async Task<string> RunAsync(GoldenCase golden)
    {
        var dir = Path.Combine(Path.GetTempPath(), "dispatch-golden", $"{Environment.ProcessId}-{golden.Name}");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
        var output = Path.Combine(dir, "out");
        var args = golden.Arguments.Select(a => a
            .Replace("{out}", output, StringComparison.Ordinal)
            .Replace("{state}", Path.Combine(dir, "state.db"), StringComparison.Ordinal)
            .Replace("{repo}", RepoRoot, StringComparison.Ordinal)).ToArray();
        var console = new TestConsole().Width(140);
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, console, error);
        Directory.CreateDirectory(output);
        // Only a validation case keeps its console text: run output holds timings.
        if (golden.Files.Contains(ConsoleFile))
        {
            var text = $"exit {exit}\n--- stdout\n{console.Output}\n--- stderr\n{error}";
            File.WriteAllText(Path.Combine(output, ConsoleFile), text.Replace(RepoRoot, "<repo>", StringComparison.Ordinal).Replace("\r\n", "\n"));
        }
        else if (exit != 0)
        {
            throw new InvalidOperationException($"{golden.Name}: exit {exit}\n{error}");
        }
        // compare.json names its scenario files by full path: the checkout's root is shown as <repo>.
        foreach (var file in golden.Files.Select(f => Path.Combine(output, f)).Where(File.Exists))
        {
            var text = File.ReadAllText(file);
            if (text.Contains(RepoRoot, StringComparison.Ordinal))
            {
                File.WriteAllText(file, text.Replace(RepoRoot, "<repo>", StringComparison.Ordinal));
            }
        }
        return output;
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
