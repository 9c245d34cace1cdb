using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace PlatformSdk.Inbox.CrashTests;

/// <summary>
/// One run of the child process (tests/PlatformSdk.Inbox.CrashReceiver), started with <c>dotnet &lt;dll&gt;</c>: waits for its
/// "ready" line, hard-kills it (SIGKILL, whole tree) or asks it to drain and stop. Its "problem" lines are collected.
/// </summary>
internal sealed class CrashReceiverProcess : IDisposable
{
    /// <summary>Overrides where the child's dll is (else the path the build wrote into this assembly).</summary>
    public const string PathVariable = "CRASH_RECEIVER_DLL";

    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _errors = new();

    private CrashReceiverProcess(Process process, ConcurrentQueue<string> problems)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            switch (e.Data)
            {
                case null:
                    _ready.TrySetException(new InvalidOperationException(Exited("before it was ready")));
                    _drained.TrySetException(new InvalidOperationException(Exited("before it drained")));
                    break;
                case { } line when line.StartsWith("ready ", StringComparison.Ordinal):
                    _ready.TrySetResult(line);
                    break;
                case { } line when line.StartsWith("drained ", StringComparison.Ordinal):
                    _drained.TrySetResult(line);
                    break;
                case { } line when line.StartsWith("problem ", StringComparison.Ordinal):
                    problems.Enqueue(string.Create(CultureInfo.InvariantCulture, $"pid {ProcessId}: {line}"));
                    break;
            }
        };
        DotnetChildProcess.KeepLastErrorLines(process, _errors);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    /// <summary>The child's dll: <see cref="PathVariable"/>, else the path recorded at build time.</summary>
    public static string DllPath()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden
            ? overridden
            : typeof(CrashReceiverProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "CrashReceiverPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The crash test's child process was not found ('{path}'). Build it first (dotnet build PlatformSdk.sln, or dotnet build tests/PlatformSdk.Inbox.CrashTests), or name its dll in {PathVariable}.");
        }

        return path;
    }

    public static CrashReceiverProcess Start(string dll, IEnumerable<string> arguments, ConcurrentQueue<string> problems)
    {
        var info = DotnetChildProcess.StartInfo(dll, arguments);

        var process = Process.Start(info) ?? throw new InvalidOperationException("The crash receiver could not be started.");
        return new CrashReceiverProcess(process, problems);
    }

    public async Task<string> WaitReadyAsync(TimeSpan timeout)
    {
        try
        {
            return await _ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(Exited($"not ready within {timeout.TotalSeconds:0} s"));
        }
    }

    /// <summary>Fails when the child ended on its own (a crash the test did not cause is a finding, not a kill).</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException(Exited("ended on its own before the test killed it"));
        }
    }

    /// <summary>SIGKILL (the whole tree), then waits until it is gone, so the port and the files are free.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }

        _process.WaitForExit();
    }

    /// <summary>Asks the child to finish: it leases until nothing is ready, prints "drained", exits 0.</summary>
    public async Task<string> StopAsync(TimeSpan timeout)
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
        string drained;
        try
        {
            drained = await _drained.Task.WaitAsync(timeout);
            using var exit = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            throw new TimeoutException(Exited($"did not drain and exit within {timeout.TotalSeconds:0} s"));
        }

        return _process.ExitCode == 0 ? drained : throw new InvalidOperationException(Exited("exited with an error after draining"));
    }

    public void Dispose() => DotnetChildProcess.Stop(_process);

    private string Exited(string what)
    {
        var code = _process.HasExited ? string.Create(CultureInfo.InvariantCulture, $" (exit code {_process.ExitCode})") : string.Empty;
        return $"The crash receiver (pid {_process.Id}) {what}{code}. Its last error output:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", _errors);
    }
}
