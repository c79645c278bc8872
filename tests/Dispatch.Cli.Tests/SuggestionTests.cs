namespace Dispatch.Cli.Tests;

/// <summary>A mistyped verb or option gets a "did you mean" suggestion and exit code 2.</summary>
public sealed class SuggestionTests
{
    [Fact]
    public async Task A_mistyped_verb_is_answered_with_the_nearest_verb()
    {
        var (exit, _, error) = await CliRunner.RunAsync("compre", "x");
        Assert.Equal(2, exit);
        Assert.Contains("'compre'; did you mean 'compare'?", error);
        Assert.DoesNotContain("did you mean 'db'", error);
    }

    [Fact]
    public async Task A_mistyped_option_is_answered_with_the_nearest_option_of_the_verb()
    {
        var (exit, _, error) = await CliRunner.RunAsync("run", CliRunner.Scenario("small-town.json"), "--replcations", "3");
        Assert.Equal(2, exit);
        Assert.Contains("'--replcations'; did you mean '--replications'?", error);
    }
}
