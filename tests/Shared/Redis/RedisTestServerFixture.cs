using Xunit.Abstractions;
using Xunit.Sdk;

namespace PlatformSdk.Tests.Shared.Redis;

/// <summary>
/// xUnit class or collection fixture: starts a <see cref="RedisTestServer"/> (REDIS_URL, else redis-server from PATH,
/// else embedded Garnet) for the test class and stops it afterwards. The line saying which server it uses is written to
/// the console and as an xUnit diagnostic message; tests can repeat <see cref="Announcement"/> to their own output.
/// </summary>
public sealed class RedisTestServerFixture : IDisposable
{
    /// <summary>Starts the server. xUnit passes the diagnostic sink.</summary>
    /// <param name="diagnostics">xUnit's diagnostic message sink.</param>
    public RedisTestServerFixture(IMessageSink diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        Server = RedisTestServer.Start(new RedisTestServerOptions
        {
            Log = line => diagnostics.OnMessage(new DiagnosticMessage(line)),
        });
    }

    /// <summary>The server.</summary>
    public RedisTestServer Server { get; }

    /// <summary>Which kind of server this is.</summary>
    public RedisTestServerKind Kind => Server.Kind;

    /// <summary>A StackExchange.Redis configuration string for the server.</summary>
    public string Configuration => Server.Configuration;

    /// <summary>The line printed when the server was chosen.</summary>
    public string Announcement => Server.Announcement;

    /// <summary>Stops the server.</summary>
    public void Dispose() => Server.Dispose();
}
