using System.Globalization;
using System.Net.Sockets;
using Garnet;
using Garnet.common;

namespace PlatformSdk.Tests.Shared.Redis;

/// <summary>Microsoft Garnet inside the test process, on loopback only, Lua on; disposed (and its files deleted) on dispose.</summary>
internal sealed class GarnetEmbedded : IDisposable
{
    public const string Host = "127.0.0.1";

    private const int StartAttempts = 3;

    private readonly GarnetServer _server;
    private int _disposed;

    private GarnetEmbedded(GarnetServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts Garnet and waits until it answers PING; tries another port when one was taken meanwhile.</summary>
    public static GarnetEmbedded Start(string? dataDirectory, RedisTestPersistence persistence, TimeSpan timeout)
    {
        var failures = new List<string>();
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var port = FreePort.Pick();
            GarnetServer? server = null;
            try
            {
                server = new GarnetServer([.. Arguments(port, dataDirectory, persistence)], loggerFactory: null, cleanupDir: dataDirectory is not null);
                server.Start();
                var failure = RespProbe.WaitForPong(Host, port, timeout, () => true);
                if (failure is null)
                {
                    return new GarnetEmbedded(server, port);
                }

                failures.Add(string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} on {Host}:{port}: {failure}"));
            }
            catch (Exception ex) when (ex is SocketException or IOException or InvalidOperationException or GarnetException)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} on {Host}:{port}: {ex.GetType().Name}: {ex.Message}"));
            }

            server?.Dispose();
        }

        throw new InvalidOperationException($"The embedded Garnet server did not start after {StartAttempts} attempts.{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _server.Dispose();
        }
    }

    private static List<string> Arguments(int port, string? dataDirectory, RedisTestPersistence persistence)
    {
        var arguments = new List<string>
        {
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", Host,
            "--lua", "true",
            "-q",
            "--logger-level", "Error",
        };
        if (persistence == RedisTestPersistence.AppendOnlyFsyncAlways)
        {
            ArgumentNullException.ThrowIfNull(dataDirectory);

            // Commit every write at once and make the client wait for it: Garnet's closest match to appendfsync always.
            // The RandomAccess device needs no native libaio (missing on a bare machine).
            arguments.AddRange(["--aof", "true", "--aof-commit-freq", "0", "--aof-commit-wait", "true", "--checkpointdir", dataDirectory, "--device-type", "RandomAccess"]);
        }

        return arguments;
    }
}
