using System.Net;
using System.Net.Http.Headers;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// An in-memory platform: answers every request with the canned reply of its path, without sockets, so the pieces of a call can
/// be measured without the network stack (and without a server competing for the cores).
/// </summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json;charset=UTF-8");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => Task.FromResult(Reply(request));

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Reply(request);

    private static HttpResponseMessage Reply(HttpRequestMessage request)
    {
        var body = request.RequestUri!.AbsolutePath.EndsWith(BenchCredentials.TopRestPath, StringComparison.Ordinal)
            ? CannedReplies.TopItem
            : CannedReplies.JushuitanShops;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
