namespace Dispatch.Grains.Tests;

/// <summary>Locates the repository (for the shipped scenarios) and makes unique temporary files.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(RepoRoot, "scenarios", name);

    public static string TempFile(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "dispatch-tests", $"{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static int _counter;

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
