using Dispatch.Cli.Live;
using Spectre.Console.Testing;

namespace Dispatch.Cli.Tests;

/// <summary>The dashboard's command line: times for a jump, and commands only with control.</summary>
public sealed class ConsolePromptTests
{
    [Theory]
    [InlineData("06:30", 390.0)]
    [InlineData("6:05", 365.0)]
    [InlineData("d1 06:30", 1830.0)]
    [InlineData("390", 390.0)]
    [InlineData("12.5", 12.5)]
    [InlineData("d1 390", null)]
    [InlineData("noon", null)]
    [InlineData("-5", null)]
    public void Jump_times_read_as_a_clock_a_day_and_clock_or_a_minute(string text, double? minute) =>
        Assert.Equal(minute, ConsolePrompt.ParseTime(text));

    [Fact]
    public async Task Without_control_the_command_line_does_not_open_and_says_why()
    {
        var prompt = new ConsolePrompt(null!, "live-x", control: false, replay: false);
        Assert.True(await prompt.KeyAsync(new ConsoleKeyInfo(':', ConsoleKey.Oem1, false, false, false)));
        Assert.False(prompt.Editing);
        Assert.Equal("commands need control of the run: watch it with --control", prompt.LastReply);
        Assert.False(await prompt.KeyAsync(new ConsoleKeyInfo('p', ConsoleKey.P, false, false, false)));
    }

    [Fact]
    public async Task With_control_keys_go_to_the_line_until_escape()
    {
        var prompt = new ConsolePrompt(null!, "live-x", control: true, replay: false);
        await prompt.KeyAsync(new ConsoleKeyInfo(':', ConsoleKey.Oem1, false, false, false));
        foreach (var c in "alert [bar]")
        {
            Assert.True(await prompt.KeyAsync(new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false)));
        }
        await prompt.KeyAsync(new ConsoleKeyInfo('\b', ConsoleKey.Backspace, false, false, false));
        var console = new TestConsole().Width(200);
        console.Write(prompt.Render());
        Assert.Contains("command> alert [bar_", console.Output);
        await prompt.KeyAsync(new ConsoleKeyInfo('\u001b', ConsoleKey.Escape, false, false, false));
        Assert.False(prompt.Editing);
    }
}
