using System.Net;
using System.Net.Sockets;

namespace PlatformSdk.Abstractions.Tests.Infrastructure;

internal static class Loopback
{
    /// <summary>A loopback port nothing listens on right now (the OS picked it, then it was released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Waits for a condition that depends on another process or thread (a server's request log), never
    /// for timing: bounded, and throws when it does not happen.
    /// </summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int maxPolls = 500)
    {
        for (var i = 0; i < maxPolls; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"Gave up waiting for {what}.");
    }
}
