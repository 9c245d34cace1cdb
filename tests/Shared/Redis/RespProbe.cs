using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace PlatformSdk.Tests.Shared.Redis;

/// <summary>
/// A few raw RESP2 commands over one short-lived connection, so the fixture can check a server it started
/// without a client library: PING until it answers, then INFO for its version.
/// </summary>
internal static class RespProbe
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    /// <summary>Waits, bounded, until the server answers PING with PONG.</summary>
    /// <param name="host">Host.</param>
    /// <param name="port">Port.</param>
    /// <param name="timeout">How long to keep trying.</param>
    /// <param name="stillRunning">Checked between tries: false stops waiting (the server died).</param>
    /// <returns>Null when it answered, else why not (last error).</returns>
    public static string? WaitForPong(string host, int port, TimeSpan timeout, Func<bool> stillRunning)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            if (!stillRunning())
            {
                return "the server stopped";
            }

            try
            {
                if (Call(host, port, TimeSpan.FromSeconds(2), "PING") is "PONG")
                {
                    return null;
                }

                last = "PING was not answered with PONG";
            }
            catch (SocketException ex)
            {
                last = ex.Message;
            }
            catch (IOException ex)
            {
                last = ex.Message;
            }
            catch (RespErrorException ex)
            {
                last = ex.Message;
            }

            Thread.Sleep(Pause);
        }

        return string.Create(CultureInfo.InvariantCulture, $"no PONG within {timeout.TotalSeconds:0.#} s ({last})");
    }

    /// <summary>The server's version line from INFO server, e.g. "7.0.15" or "2.2.8"; "(version unknown)" when INFO does not say.</summary>
    /// <param name="host">Host.</param>
    /// <param name="port">Port.</param>
    /// <param name="timeout">Read timeout.</param>
    /// <returns>The version.</returns>
    public static string ServerVersion(string host, int port, TimeSpan timeout)
    {
        var info = Call(host, port, timeout, "INFO", "server") as string ?? string.Empty;
        var fields = info.Split('\n', StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        return fields.TryGetValue("garnet_version", out var garnet) ? garnet
            : fields.TryGetValue("redis_version", out var redis) ? redis
            : "(version unknown)";
    }

    /// <summary>Checks, bounded, that something accepts TCP connections there (no command: the server may want AUTH or TLS).</summary>
    /// <param name="host">Host.</param>
    /// <param name="port">Port.</param>
    /// <param name="timeout">Connect timeout.</param>
    /// <returns>Null when it accepts, else why not.</returns>
    public static string? WhyNotReachable(string host, int port, TimeSpan timeout)
    {
        try
        {
            using var client = Connect(host, port, timeout);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.Message;
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Sends one command and reads its reply: string, long, null, or object?[] for arrays.</summary>
    /// <param name="host">Host.</param>
    /// <param name="port">Port.</param>
    /// <param name="timeout">Connect, send and receive timeout.</param>
    /// <param name="arguments">Command and arguments.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="RespErrorException">The server answered with an error.</exception>
    public static object? Call(string host, int port, TimeSpan timeout, params string[] arguments)
    {
        using var client = Connect(host, port, timeout);
        client.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        client.SendTimeout = (int)timeout.TotalMilliseconds;
        using var stream = client.GetStream();
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"*{arguments.Length}\r\n");
        foreach (var argument in arguments)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        }

        stream.Write(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new BufferedStream(stream);
        return ReadReply(reader);
    }

    private static TcpClient Connect(string host, int port, TimeSpan timeout)
    {
        var client = new TcpClient { NoDelay = true };
        using var connecting = new CancellationTokenSource(timeout);
        try
        {
            client.ConnectAsync(host, port, connecting.Token).AsTask().GetAwaiter().GetResult();
            return client;
        }
        catch (OperationCanceledException)
        {
            client.Dispose();
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"Connecting to {host}:{port} timed out after {timeout.TotalSeconds:0.#} s."));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static object? ReadReply(Stream reader)
    {
        var line = ReadLine(reader);
        if (line.Length == 0)
        {
            throw new IOException("Empty RESP reply line.");
        }

        var rest = line[1..];
        switch (line[0])
        {
            case '+':
                return rest;
            case '-':
                throw new RespErrorException(rest);
            case ':':
                return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var buffer = new byte[length + 2];
                reader.ReadExactly(buffer);
                return Encoding.UTF8.GetString(buffer, 0, length);
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }

                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = ReadReply(reader);
                }

                return items;
            default:
                throw new IOException($"Unexpected RESP reply type '{line[0]}'.");
        }
    }

    private static string ReadLine(Stream reader)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = reader.ReadByte();
            if (b < 0)
            {
                throw new IOException("The server closed the connection mid-reply.");
            }

            if (b == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                bytes.RemoveAt(bytes.Count - 1);
                return Encoding.UTF8.GetString(bytes.ToArray());
            }

            bytes.Add((byte)b);
        }
    }
}

/// <summary>An error reply (<c>-ERR …</c>) from the server.</summary>
internal sealed class RespErrorException : Exception
{
    public RespErrorException()
    {
    }

    public RespErrorException(string message)
        : base(message)
    {
    }

    public RespErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
