using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace PlatformSdk.Tests.Shared.Redis;

/// <summary>A redis-server child process on a free loopback port; killed on dispose.</summary>
internal sealed class RedisServerProcess : IDisposable
{
    public const string Host = "127.0.0.1";

    private const int StartAttempts = 3;
    private const int OutputLinesKept = 40;

    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts redis-server and waits, bounded, until it answers PING; tries another port when it exits (the port was taken meanwhile).</summary>
    public static RedisServerProcess Start(string executable, string dataDirectory, RedisTestPersistence persistence, TimeSpan timeout)
    {
        var failures = new List<string>();
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var port = FreePort.Pick();
            var output = new ConcurrentQueue<string>();
            var process = Launch(executable, Arguments(port, dataDirectory, persistence), output);
            var failure = RespProbe.WaitForPong(Host, port, timeout, () => !process.HasExited);
            if (failure is null)
            {
                return new RedisServerProcess(process, port);
            }

            var exited = process.WaitForExit(0);
            if (exited)
            {
                process.WaitForExit(); // drains the redirected output
            }

            var exitCode = exited ? string.Create(CultureInfo.InvariantCulture, $", exit code {process.ExitCode}") : string.Empty;
            Kill(process);
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} on {Host}:{port}: {failure}{exitCode}; its output:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", output)}"));
            if (!exited)
            {
                // It runs but does not answer: another port would not help.
                break;
            }
        }

        throw new InvalidOperationException(
            $"redis-server ({executable}) did not start on loopback.{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    public void Dispose() => Kill(_process);

    private static List<string> Arguments(int port, string dataDirectory, RedisTestPersistence persistence)
    {
        var arguments = new List<string>
        {
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", Host,
            "--daemonize", "no",
            "--dir", dataDirectory,
            "--save", string.Empty,
        };
        arguments.AddRange(persistence switch
        {
            RedisTestPersistence.None => ["--appendonly", "no"],
            RedisTestPersistence.AppendOnlyFsyncAlways => ["--appendonly", "yes", "--appendfsync", "always"],
            _ => throw new ArgumentOutOfRangeException(nameof(persistence), persistence, "Unknown persistence."),
        });
        return arguments;
    }

    private static Process Launch(string executable, List<string> arguments, ConcurrentQueue<string> output)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"redis-server ({executable}) could not be started.");
        void Keep(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            while (output.Count > OutputLinesKept && output.TryDequeue(out _))
            {
            }
        }

        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }
}
