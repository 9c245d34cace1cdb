using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace PlatformSdk.Redis.Tests;

/// <summary>
/// One worker process (tests/PlatformSdk.Redis.LoadChild), started with <c>dotnet &lt;dll&gt;</c>: it connects, says "ready",
/// starts calling on "go", prints "done ok=… failed=… usage=…" and exits. Its "problem" lines and last error output are kept.
/// </summary>
internal sealed class LoadChildProcess : IDisposable
{
    /// <summary>Overrides where the child's dll is (else the path the build wrote into this assembly).</summary>
    public const string PathVariable = "REDIS_LOAD_CHILD_DLL";

    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _errors = new();

    private LoadChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, e) =>
        {
            switch (e.Data)
            {
                case null:
                    _ready.TrySetException(new InvalidOperationException(Exited("before it was ready")));
                    _done.TrySetException(new InvalidOperationException(Exited("before it was done")));
                    break;
                case "ready":
                    _ready.TrySetResult();
                    break;
                case { } line when line.StartsWith("done ", StringComparison.Ordinal):
                    _done.TrySetResult(line);
                    break;
                case { } line when line.StartsWith("problem ", StringComparison.Ordinal):
                    Problems.Enqueue(line);
                    break;
            }
        };
        DotnetChildProcess.KeepLastErrorLines(process, _errors);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>What the "done" line said: successful calls, failed calls, the shared meter's count then.</summary>
    public (int Ok, int Failed, long Usage) Result { get; private set; }

    public static string DllPath()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden
            ? overridden
            : typeof(LoadChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "LoadChildPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The load child process was not found ('{path}'). Build it first (dotnet build tests/PlatformSdk.Redis.Tests), or name its dll in {PathVariable}.");
        }

        return path;
    }

    public static LoadChildProcess Start(string name, IReadOnlyDictionary<string, string> arguments)
    {
        var info = DotnetChildProcess.StartInfo(DllPath(), []);
        foreach (var (key, value) in arguments)
        {
            info.ArgumentList.Add($"{key}={value}");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The load child could not be started.");
        return new LoadChildProcess(process, name);
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        try
        {
            await _ready.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(Exited($"not ready within {timeout.TotalSeconds:0} s"));
        }
    }

    public async Task GoAsync()
    {
        await _process.StandardInput.WriteLineAsync("go");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the "done" line and the exit (code 0).</summary>
    public async Task WaitDoneAsync(TimeSpan timeout)
    {
        string done;
        try
        {
            done = await _done.Task.WaitAsync(timeout);
            using var exit = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            throw new TimeoutException(Exited($"was not done within {timeout.TotalSeconds:0} s"));
        }

        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException(Exited("exited with an error"));
        }

        var fields = done["done ".Length..].Split(' ').Select(f => f.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Result = ((int)fields["ok"], (int)fields["failed"], fields["usage"]);
    }

    public void Dispose() => DotnetChildProcess.Stop(_process);

    private string Exited(string what)
    {
        var code = _process.HasExited ? string.Create(CultureInfo.InvariantCulture, $" (exit code {_process.ExitCode})") : string.Empty;
        return $"Load child {Name} (pid {_process.Id}) {what}{code}. Its problems: {string.Join("; ", Problems)}. Its last error output:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", _errors);
    }
}
