using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace PlatformSdk.Alibaba1688.Tests;

/// <summary>A minimal loopback stub: every request goes to one handler; requests are recorded with their form fields.</summary>
internal sealed class StubServer : IDisposable
{
    private readonly WireMockServer _server;

    public StubServer(Func<StubRequest, (int Status, string Body)> handler)
    {
        _server = WireMockServer.Start();
        Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_server.Port}");
        _server.Given(Request.Create().UsingAnyMethod().WithPath(static _ => true)).RespondWith(Response.Create().WithCallback(message =>
        {
            var contentType = message.Headers is { } headers && headers.TryGetValue("Content-Type", out var type) ? string.Join(";", type) : string.Empty;
            var request = new StubRequest(message.Path, message.Body ?? string.Empty, contentType);
            Requests.Enqueue(request);
            var (status, body) = handler(request);
            return new ResponseMessage
            {
                StatusCode = status,
                BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = new UTF8Encoding(false) },
            };
        }));
    }

    public string Url { get; }

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public Alibaba1688Endpoints Endpoints => new(new Uri(Url + "/openapi"), new Uri(Url + "/oauth/authorize"));

    public void Dispose() => _server.Stop();
}

internal sealed record StubRequest(string Path, string Body, string ContentType)
{
    public IReadOnlyDictionary<string, string> Form
    {
        get
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in Body.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                fields[Uri.UnescapeDataString(parts[0].Replace('+', ' '))] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
            }

            return fields;
        }
    }

    public string Api => Path.Split('/')[^2];
}
