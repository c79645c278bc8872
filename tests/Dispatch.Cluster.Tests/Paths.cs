using System.Diagnostics;
using Dispatch.Cli;
using Spectre.Console.Testing;

namespace Dispatch.Cluster.Tests;

/// <summary>The repository, the built programs (same configuration as the tests) and temporary folders.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration these tests were built in (bin/&lt;configuration&gt;/net10.0).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string SiloDll => Built("silo/Dispatch.Silo", "dispatch-silo.dll");

    public static string CliDll => Built("client/Dispatch.Cli", "dispatch.dll");

    public static string Scenario(string name) => Path.Combine(RepoRoot, "scenarios", name);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dispatch-cluster-tests", $"{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static int _counter;

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(RepoRoot, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built (expected {path}); build Dispatch.sln first", path);
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
        throw new InvalidOperationException("Dispatch.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The dispatch CLI, in this process (with a test console) or as a real process.</summary>
public static class Cli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(160);
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, console, error);
        return (exit, console.Output, error.ToString());
    }

    /// <summary>Runs <c>dotnet dispatch.dll args</c> with the given extra environment variables.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunProcessAsync(IDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Paths.CliDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DISPATCH_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dispatch {string.Join(' ', args)} did not finish within {timeout}; output:\n{await stdout}\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
