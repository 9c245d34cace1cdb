using PlatformSdk.Testing;

namespace PlatformSdk.Jushuitan.Tests;

/// <summary>Points the client at a <see cref="LoopbackStubServer"/>: legacy router, open API base and authorization page.</summary>
internal static class StubEndpoints
{
    public static JushuitanEndpoints JushuitanEndpoints(this LoopbackStubServer server) =>
        new(new Uri(server.Url + "/api/open/query.aspx"), new Uri(server.Url), new Uri(server.Url + "/auth"));
}
