using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace PlatformSdk.Testing;

/// <summary>
/// The HTTP plumbing shared by <see cref="FakePlatformServer"/> and <see cref="LoopbackStubServer"/>: a WireMock server on a free
/// 127.0.0.1 port whose one catch-all mapping hands every request, as a <see cref="FakeRequest"/>, to a callback.
/// </summary>
internal sealed class LoopbackHost : IDisposable
{
    private readonly WireMockServer _server;
    private readonly TimeProvider _timeProvider;

    // The callback cannot reach the HttpContext, so it raises this per-request flag and the outer middleware aborts the connection.
    private readonly AsyncLocal<AbortFlag?> _abortFlag = new();
    private int _disposed;

    public LoopbackHost(TimeProvider timeProvider, Func<FakeRequest, Task<HostReply>> handle)
    {
        _timeProvider = timeProvider;
        _server = StartServer();
        // WireMock reports "localhost"; clients must use the IPv4 loopback address the server is bound to.
        BaseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_server.Port}/"), UriKind.Absolute);
        _server
            .Given(Request.Create().UsingAnyMethod().WithPath(static _ => true))
            .RespondWith(Response.Create().WithCallback(async message => ToMessage(await handle(ToFakeRequest(message)).ConfigureAwait(false))));
    }

    /// <summary>The base address, such as <c>http://127.0.0.1:53127/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Makes the connection of the request being handled close without a response.</summary>
    public void AbortConnection()
    {
        if (_abortFlag.Value is { } flag)
        {
            flag.Abort = true;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _server.Stop();
            _server.Dispose();
        }
    }

    private WireMockServer StartServer()
    {
        // Finding a free port and then binding it can race with another process; a few attempts make that harmless.
        for (var attempt = 1; ; attempt++)
        {
            var settings = new WireMockServerSettings
            {
                Urls = [string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreeLoopbackPort()}")],
                StartAdminInterface = false,
                Logger = new WireMockNullLogger(),
                DisableJsonBodyParsing = true,
                DisableDeserializeFormUrlEncoded = true,
                MaxRequestLogCount = 0,
                PreWireMockMiddlewareInit = builder => ((IApplicationBuilder)builder).Use(AbortMiddlewareAsync),
            };
            try
            {
                return WireMockServer.Start(settings);
            }
            catch (Exception) when (attempt < 5)
            {
                // Port taken between probing and binding; try another.
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private async Task AbortMiddlewareAsync(HttpContext context, RequestDelegate next)
    {
        var flag = new AbortFlag();
        _abortFlag.Value = flag;
        await next(context).ConfigureAwait(false);
        if (flag.Abort)
        {
            context.Abort();
        }
    }

    private FakeRequest ToFakeRequest(IRequestMessage message)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (message.Headers is { } source)
        {
            foreach (var (name, values) in source)
            {
                headers[name] = string.Join(", ", values);
            }
        }

        ReadOnlyMemory<byte> body = message.BodyAsBytes ?? (message.Body is { } text ? Encoding.UTF8.GetBytes(text) : []);
        return new FakeRequest(message.Method, message.Path, message.RawQuery, headers, body, _timeProvider.GetUtcNow());
    }

    private static ResponseMessage ToMessage(HostReply reply)
    {
        var message = new ResponseMessage
        {
            StatusCode = reply.StatusCode,
            BodyData = new BodyData { BodyAsBytes = reply.Body, DetectedBodyType = BodyType.Bytes },
        };
        if (reply.ContentType is not null)
        {
            message.AddHeader("Content-Type", reply.ContentType);
        }

        foreach (var (name, value) in reply.Headers ?? FakeResponse.NoHeaders)
        {
            message.AddHeader(name, value);
        }

        return message;
    }

    private sealed class AbortFlag
    {
        public bool Abort { get; set; }
    }
}

/// <summary>What <see cref="LoopbackHost"/> sends back: status, body bytes, content type (none when <see langword="null"/>) and headers.</summary>
internal sealed record HostReply(int StatusCode, byte[] Body, string? ContentType, IReadOnlyDictionary<string, string>? Headers);
