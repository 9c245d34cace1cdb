using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace PlatformSdk.Jushuitan.Tests;

/// <summary>A minimal loopback stub: every request goes to one handler; requests are recorded with their form or query fields.</summary>
internal sealed class StubServer : IDisposable
{
    private readonly WireMockServer _server;

    public StubServer(Func<StubRequest, string> handler)
    {
        _server = WireMockServer.Start();
        Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_server.Port}");
        _server.Given(Request.Create().UsingAnyMethod().WithPath(static _ => true)).RespondWith(Response.Create().WithCallback(message =>
        {
            var request = new StubRequest(message.Path, Parse(message.RawQuery?.TrimStart('?')), message.Body ?? string.Empty,
                message.Headers is { } headers && headers.TryGetValue("Content-Type", out var type) ? string.Join(";", type) : string.Empty);
            Requests.Enqueue(request);
            return new ResponseMessage
            {
                StatusCode = 200,
                BodyData = new BodyData { BodyAsString = handler(request), DetectedBodyType = BodyType.String, Encoding = new UTF8Encoding(false) },
            };
        }));
    }

    public string Url { get; }

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    public JushuitanEndpoints Endpoints => new(new Uri(Url + "/api/open/query.aspx"), new Uri(Url), new Uri(Url + "/auth"));

    public static Dictionary<string, string> Parse(string? encoded)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(encoded))
        {
            return fields;
        }

        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            fields[Uri.UnescapeDataString(parts[0].Replace('+', ' '))] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
        }

        return fields;
    }

    public void Dispose() => _server.Stop();
}

internal sealed record StubRequest(string Path, IReadOnlyDictionary<string, string> Query, string Body, string ContentType)
{
    public IReadOnlyDictionary<string, string> Form => StubServer.Parse(Body);
}
