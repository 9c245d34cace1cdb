using PlatformSdk.Testing;

namespace PlatformSdk.Alibaba1688.Tests;

/// <summary>Adapters between the client tests and a <see cref="LoopbackStubServer"/>.</summary>
internal static class Alibaba1688Stub
{
    /// <summary>The gateway and authorization page on the stub.</summary>
    public static Alibaba1688Endpoints Alibaba1688Endpoints(this LoopbackStubServer stub) =>
        new(new Uri(stub.Url + "/openapi"), new Uri(stub.Url + "/oauth/authorize"));

    /// <summary>The API name of a gateway path (<c>…/{namespace}/{apiName}/{appKey}</c>).</summary>
    public static string Api(this FakeRequest request) => request.Path.Split('/')[^2];

    /// <summary>A reply from a status and body: HTML when the body is markup (a gateway page), JSON otherwise.</summary>
    public static StubReply Reply((int Status, string Body) reply) =>
        reply.Body.StartsWith('<')
            ? StubReply.Text(reply.Body, reply.Status, "text/html; charset=utf-8")
            : StubReply.Json(reply.Body, reply.Status);
}
