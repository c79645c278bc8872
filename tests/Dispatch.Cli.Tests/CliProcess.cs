using System.Diagnostics;
using System.Text;

namespace Dispatch.Cli.Tests;

/// <summary>The real <c>dispatch</c> program as a child process (for signals and concurrent runs).</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly StringBuilder _output = new();

    private CliProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>What the program printed on standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static CliProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dispatch.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DISPATCH_CLUSTER"] = "";
        var cli = new CliProcess(new Process { StartInfo = info });
        cli._process.ErrorDataReceived += (_, e) => Append(cli._error, e.Data);
        cli._process.OutputDataReceived += (_, e) => Append(cli._output, e.Data);
        cli._process.Start();
        cli._process.BeginErrorReadLine();
        cli._process.BeginOutputReadLine();
        return cli;
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }

    /// <summary>Waits until standard error contains <paramref name="text"/> (or the program ends, or a minute passes).</summary>
    public async Task<bool> WaitForErrorAsync(string text)
    {
        var deadline = Stopwatch.StartNew();
        while (!Error.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>Sends a POSIX signal (<c>kill -TERM</c>, <c>kill -INT</c>).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", $"-{name} {_process.Id}");
        kill.WaitForExit();
    }

    /// <summary>The exit code, after waiting for the end (at most two minutes; then the process is killed).</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw;
        }
        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
