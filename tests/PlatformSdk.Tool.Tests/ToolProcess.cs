using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace PlatformSdk.Tool.Tests;

/// <summary>Runs the built platformsdk tool as a child process (<c>dotnet &lt;dll&gt; ...</c>).</summary>
internal static class ToolProcess
{
    public const string PathVariable = "PLATFORMSDK_TOOL_DLL";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public static string DllPath()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } overridden
            ? overridden
            : typeof(ToolProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ToolPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"The platformsdk tool was not found ('{path}'). Build tests/PlatformSdk.Tool.Tests, or name the dll in {PathVariable}.");
        }

        return path;
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = DotnetChildProcess.StartInfo(DllPath(), arguments);

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Runs a command to its end and returns its exit code, stdout and stderr.</summary>
    public static async Task<ToolResult> RunAsync(params string[] arguments) => await RunAsync(arguments, null);

    public static async Task<ToolResult> RunAsync(string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        using var process = Process.Start(StartInfo(arguments, environment)) ?? throw new InvalidOperationException("The tool could not be started.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"platformsdk {string.Join(' ', arguments)} did not end within {CommandTimeout.TotalSeconds:0} s.");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What one run printed.</summary>
internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>A long-running <c>fakes serve</c> child: its stdout lines arrive in a queue the test waits on.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _stderr = new();

    public ServeProcess(params string[] arguments)
    {
        _process = Process.Start(ToolProcess.StartInfo(arguments)) ?? throw new InvalidOperationException("The tool could not be started.");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _lines.Add(line);
            }
            else
            {
                _lines.CompleteAdding();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _stderr.Enqueue(line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Process Process => _process;

    public string Stderr => string.Join('\n', _stderr);

    /// <summary>The next stdout line, or a failure naming what the child wrote to stderr when it ends or times out first.</summary>
    public string NextLine(TimeSpan timeout)
    {
        try
        {
            if (_lines.TryTake(out var line, timeout))
            {
                return line;
            }
        }
        catch (InvalidOperationException)
        {
            // Completed: the child closed stdout.
        }

        throw new TimeoutException($"No line from 'fakes serve' within {timeout.TotalSeconds:0} s (exited: {_process.HasExited}); stderr:\n{Stderr}");
    }

    public void Dispose()
    {
        DotnetChildProcess.Stop(_process);
        _lines.Dispose();
    }
}
