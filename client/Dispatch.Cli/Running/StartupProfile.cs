using System.Runtime;

namespace Dispatch.Cli.Running;

/// <summary>
/// Multi-core JIT: the runtime records which methods a verb compiles on first use into a profile
/// beside the program (<c>jit-profiles/</c>), and on the next start of the same verb compiles them on a
/// spare core ahead of need. Only when that folder can be made; nothing of the run depends on it.
/// </summary>
internal static class StartupProfile
{
    private static int _recording;

    /// <summary>
    /// Writes the profile recorded so far and stops recording (at most once; nothing when no profile
    /// was started). The runtime otherwise writes it as the process exits, a few bytes per write
    /// call: 60 to 90 ms at the end of every run. A verb calls this once its start is behind it,
    /// beside work that leaves a core spare (a run's kernel).
    /// </summary>
    public static void Save()
    {
        if (Interlocked.Exchange(ref _recording, 0) == 1)
        {
            ProfileOptimization.StartProfile(null);
        }
    }

    public static void Start(string[] args)
    {
        if (Environment.GetEnvironmentVariable("DISPATCH_JIT_PROFILE") == "0")
        {
            return;
        }
        try
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "jit-profiles");
            Directory.CreateDirectory(folder);
            var verb = args.Length > 0 && args[0].All(char.IsAsciiLetterLower) ? args[0] : "other";
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(verb + ".jitprofile");
            _recording = 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only install: start without the profile.
        }
    }
}
