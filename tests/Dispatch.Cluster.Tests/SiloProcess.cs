using System.Collections.Concurrent;
using System.Diagnostics;
using Dispatch.Hosting;

namespace Dispatch.Cluster.Tests;

/// <summary>A real <c>dispatch-silo</c> process (dotnet dispatch-silo.dll), its output captured.</summary>
public sealed class SiloProcess : IDisposable
{
    /// <summary>Faster failure detection than the defaults, so a killed silo is declared dead in seconds.</summary>
    public static readonly string[] FastMembership =
    [
        "--Membership:ProbeTimeout", "00:00:03",
        "--Membership:NumMissedProbesLimit", "3",
        "--Membership:TableRefreshTimeout", "00:00:05",
        "--Membership:IAmAliveTablePublishTimeout", "00:00:05",
    ];

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process, int siloPort, int gatewayPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process printed so far (stdout and stderr, in arrival order).</summary>
    public string Output => string.Join("\n", _output);

    /// <summary>Starts a silo of the cluster in <paramref name="postgres"/> on two free ports.</summary>
    public static SiloProcess Start(string postgres, params string[] extra)
    {
        var (siloPort, gatewayPort) = SiloHostingExtensions.FindFreePorts();
        string[] args = ["--Postgres", postgres, "--SiloPort", $"{siloPort}", "--GatewayPort", $"{gatewayPort}", "--SiloName", $"test-silo-{siloPort}", .. FastMembership, .. extra];
        return StartRaw(siloPort, gatewayPort, args);
    }

    /// <summary>Starts <c>dispatch-silo</c> with exactly <paramref name="args"/>.</summary>
    public static SiloProcess StartRaw(int siloPort, int gatewayPort, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Paths.SiloDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        // Settings come only from the arguments, whatever the environment running the tests holds.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DISPATCH_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.Exited += (_, _) => silo._ready.TrySetException(new InvalidOperationException("the silo process exited"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        if (line.StartsWith("dispatch-silo ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>Waits for the "dispatch-silo ready" line; fails with the silo's output if it exits or takes too long.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        try
        {
            await _ready.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"silo on port {SiloPort} did not become ready ({e.Message}); output:\n{Output}", e);
        }
    }

    /// <summary>Waits for the process to exit on its own; returns false on timeout.</summary>
    public async Task<bool> WaitExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process hard (SIGKILL, whole tree): no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        _process.Dispose();
    }
}
