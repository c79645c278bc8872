using System.Globalization;
using Spectre.Console;

namespace Dispatch.Cli.Output;

/// <summary>
/// Progress of a long run: a progress bar on an interactive terminal, plain "progress: 40%" lines
/// on the error stream otherwise (CI, pipes), one per 10%.
/// </summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, TextWriter error, string label, Func<IProgress<double>, Task<T>> work)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            return await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(label), maxValue: 1.0);
                    var result = await work(new Progress<double>(v => task.Value = v));
                    task.Value = 1.0;
                    return result;
                });
        }
        var lastStep = -1;
        var gate = new object();
        return await work(new SynchronousProgress(v =>
        {
            var step = (int)Math.Floor(v * 10);
            lock (gate)
            {
                if (step > lastStep)
                {
                    lastStep = step;
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {label} {step * 10}%"));
                }
            }
        }));
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
