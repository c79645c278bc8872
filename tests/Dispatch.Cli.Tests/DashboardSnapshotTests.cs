using System.Runtime.CompilerServices;
using Spectre.Console;

namespace Dispatch.Cli.Tests;

/// <summary>
/// The dashboard rendered at terminal sizes from 80x24 to 200x55: every line fits the width, the frame
/// fits the height, the sections are there, and the text matches the snapshot checked in under
/// <c>Snapshots/</c> (rewrite them with <c>DISPATCH_UPDATE_SNAPSHOTS=1</c> and read the diff).
/// </summary>
public sealed class DashboardSnapshotTests
{
    /// <summary>Set to 1 to rewrite the snapshots from the current code instead of comparing.</summary>
    public const string UpdateVariable = "DISPATCH_UPDATE_SNAPSHOTS";

    /// <summary>Set to a folder to write the real Pengjiang frames there (screen captures for the notes).</summary>
    public const string CaptureVariable = "DISPATCH_DASHBOARD_CAPTURES";

    public static TheoryData<int, int> Sizes => new() { { 80, 24 }, { 120, 40 }, { 200, 55 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_frame_fits_the_terminal_and_matches_its_snapshot(int width, int height)
    {
        var screen = DashboardFixtures.Screen(DashboardFixtures.Town(), width, height);
        AssertFits(screen, width, height);
        AssertSections(screen, "Fri 2023-06-02 22:11", "speed 60x");
        var path = Path.Combine(Folder(), "Snapshots", $"dashboard-{DashboardFixtures.Size(width, height)}.txt");
        var text = string.Join("\n", screen) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        Assert.True(File.Exists(path), $"no snapshot {path}: run with {UpdateVariable}=1");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), text);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_real_Pengjiang_frame_fits_every_size(int width, int height)
    {
        var screen = DashboardFixtures.Screen(DashboardFixtures.Pengjiang(), width, height);
        AssertFits(screen, width, height);
        AssertSections(screen, "23:10", "speed 60x");
        if (Environment.GetEnvironmentVariable(CaptureVariable) is { Length: > 0 } folder)
        {
            File.WriteAllText(Path.Combine(folder, $"dash-{DashboardFixtures.Size(width, height)}.txt"), string.Join("\n", screen) + "\n");
        }
    }

    [Fact]
    public void A_large_terminal_is_used_more_map_more_feed_more_units()
    {
        var small = DashboardFixtures.Screen(DashboardFixtures.Town(), 80, 24);
        var large = DashboardFixtures.Screen(DashboardFixtures.Town(), 200, 55);
        // Hardly a blank line: at most a tenth of the large frame's cells are in wholly blank rows.
        Assert.True(large.Count >= 53, $"{large.Count} lines of 55");
        Assert.True(large.Count(l => l.Trim().Length == 0) <= 2);
        Assert.Contains(large, l => l.Contains("units on duty", StringComparison.Ordinal));
        Assert.Contains(large, l => l.Contains("queue ", StringComparison.Ordinal));
        Assert.True(FeedLines(large) > FeedLines(small), $"feed {FeedLines(large)} vs {FeedLines(small)}");
    }

    private static int FeedLines(List<string> screen)
    {
        var top = screen.FindIndex(l => l.Contains("incidents and dispatch decisions", StringComparison.Ordinal));
        return screen.Skip(top + 1).TakeWhile(l => !l.StartsWith('╰')).Count(l => l.Trim('│', ' ').Length > 0);
    }

    private static void AssertFits(List<string> screen, int width, int height)
    {
        Assert.InRange(screen.Count, 1, height);
        Assert.All(screen, l => Assert.True(l.GetCellWidth() <= width, $"{l.Length} > {width}: {l}"));
    }

    private static void AssertSections(List<string> screen, string clock, string speed)
    {
        Assert.Contains(clock, screen[0], StringComparison.Ordinal);
        Assert.Contains(speed, screen[0], StringComparison.Ordinal);
        foreach (var section in new[] { "map", "units", "so far", "response P90", "queue", "incidents and dispatch decisions", "keys:" })
        {
            Assert.Contains(screen, l => l.Contains(section, StringComparison.Ordinal));
        }
    }

    private static string Folder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
