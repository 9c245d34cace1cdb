using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PlatformSdk.Abstractions.Tests.Infrastructure;

/// <summary>
/// Starts a throw-away redis-server on a free loopback port (no persistence) and stops it on dispose.
/// A missing redis-server fails the tests: on CI it is installed, locally the message says how.
/// </summary>
public sealed class RedisServerFixture : IDisposable
{
    private const int StartAttempts = 3;
    private readonly Process _process;

    public RedisServerFixture()
    {
        var executable = FindOnPath("redis-server") ?? throw new InvalidOperationException(
            string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
                ? "redis-server is not on PATH on this CI runner, but the CI workflow must install it (apt-get install -y redis-server). The Redis token-store tests cannot run."
                : "redis-server is not on PATH. The Redis token-store tests start a real Redis; install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis` (macOS) and run the tests again.");

        Exception? lastFailure = null;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            Port = Loopback.FreePort();
            var process = Start(executable, Port);
            try
            {
                WaitUntilAcceptingConnections(process, Port);
                _process = process;
                return;
            }
            catch (InvalidOperationException ex)
            {
                // Another process may have taken the port between choosing and binding it: try another.
                lastFailure = ex;
                Kill(process);
            }
        }

        throw new InvalidOperationException($"redis-server did not start after {StartAttempts} attempts.", lastFailure);
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port},abortConnect=false";

    public void Dispose() => Kill(_process);

    private static Process Start(string executable, int port)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--save", "", "--appendonly", "no", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitUntilAcceptingConnections(Process process, int port)
    {
        // Bounded: each refused connect returns at once; a short pause between tries keeps this from spinning.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} before accepting connections on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                using var stream = client.GetStream();
                stream.Write("PING\r\n"u8);
                var buffer = new byte[7];
                var read = stream.Read(buffer);
                if (read > 0 && buffer[0] == (byte)'+')
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }

            process.WaitForExit(25);
        }

        throw new InvalidOperationException($"redis-server did not accept connections on port {port}.");
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
        finally
        {
            process.Dispose();
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
