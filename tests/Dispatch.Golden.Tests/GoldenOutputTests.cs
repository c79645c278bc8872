using System.Text;

namespace Dispatch.Golden.Tests;

/// <summary>
/// The outputs of every shipped scenario (and a small synthetic city, a comparison and the
/// validation of the broken example) are compared byte for byte with the checked-in files in
/// <c>expected/</c>. A change that is meant to alter them regenerates them on purpose:
/// <c>DISPATCH_UPDATE_GOLDENS=1 dotnet test tests/Dispatch.Golden.Tests</c>, and says why in its commit.
/// </summary>
public sealed class GoldenOutputTests
{
    public static TheoryData<string> Cases() => [.. GoldenCase.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Outputs_are_byte_identical_to_the_goldens(string name)
    {
        var golden = GoldenCase.All.Single(c => c.Name == name);
        var output = await GoldenRunner.RunAsync(golden);
        var expectedDir = Path.Combine(GoldenRunner.ExpectedRoot, name);
        if (GoldenRunner.Updating)
        {
            foreach (var file in golden.Files)
            {
                var target = Path.Combine(expectedDir, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(output, file), target, overwrite: true);
            }
        }
        var differences = golden.Files.Select(f => Difference(Path.Combine(expectedDir, f), Path.Combine(output, f), f)).OfType<string>().ToList();
        Assert.True(differences.Count == 0,
            $"{name}: outputs differ from tests/Dispatch.Golden.Tests/expected/{name} (new files in {output}).\n" +
            $"If the change is meant, regenerate with {GoldenRunner.UpdateVariable}=1 dotnet test tests/Dispatch.Golden.Tests\n" +
            string.Join("\n", differences));
    }

    [Fact]
    public void Every_expected_folder_belongs_to_a_case()
    {
        var folders = Directory.GetDirectories(GoldenRunner.ExpectedRoot).Select(d => Path.GetFileName(d)!).Order().ToList();
        Assert.Equal(GoldenCase.All.Select(c => c.Name).Order().ToList(), folders);
    }

    /// <summary>Null when the files are byte-identical; else the first differing line of each.</summary>
    private static string? Difference(string expectedPath, string actualPath, string file)
    {
        if (!File.Exists(expectedPath))
        {
            return $"{file}: no golden file";
        }
        if (!File.Exists(actualPath))
        {
            return $"{file}: not written";
        }
        var expected = File.ReadAllBytes(expectedPath);
        var actual = File.ReadAllBytes(actualPath);
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return null;
        }
        var e = Encoding.UTF8.GetString(expected).Split('\n');
        var a = Encoding.UTF8.GetString(actual).Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }
        return $"{file}: line {line + 1}: expected '{Clip(e, line)}', got '{Clip(a, line)}' ({e.Length} vs {a.Length} lines)";
    }

    private static string Clip(string[] lines, int i) => i < lines.Length ? (lines[i].Length > 160 ? lines[i][..160] + "..." : lines[i]) : "<end of file>";
}
