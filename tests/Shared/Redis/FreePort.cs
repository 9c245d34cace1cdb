using System.Net;
using System.Net.Sockets;

namespace PlatformSdk.Tests.Shared.Redis;

internal static class FreePort
{
    /// <summary>A loopback port nothing listens on right now (the OS picked it, then it was released).</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
