using System.Runtime;

namespace Dispatch.Cli.Running;

/// <summary>
/// Multi-core JIT: the runtime records which methods a verb compiles on first use into a profile
/// beside the program (<c>jit-profiles/</c>), and on the next start of the same verb compiles them on a
/// spare core ahead of need. Only when that folder can be made; nothing of the run depends on it.
/// </summary>
internal static class StartupProfile
{
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
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only install: start without the profile.
        }
    }
}
