using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PlatformSdk.Http;
using PlatformSdk.TestPlatform.Auth;
using PlatformSdk.TestPlatform.Errors;
using PlatformSdk.Tokens;

namespace PlatformSdk.TestPlatform.Protocol;

/// <summary>Everything one tenant's calls share: options, endpoints, token source and the tenant's executor.</summary>
internal sealed class TestPlatformTransport
{
    private readonly PlatformRequestExecutor _executor;

    public TestPlatformTransport(string tenant, TestPlatformOptions options, PlatformRequestExecutor executor, TimeProvider time)
    {
        Tenant = tenant;
        Options = options;
        Endpoints = options.ResolveEndpoints();
        _executor = executor;
        TokenKey = new TokenKey(TestPlatformErrorCatalogue.Platform, tenant);
        Tokens = new TestPlatformTokenSource(this, time);
    }

    public string Tenant { get; }

    public TestPlatformOptions Options { get; }

    public TestPlatformEndpoints Endpoints { get; }

    public TokenKey TokenKey { get; }

    public TestPlatformTokenSource Tokens { get; }

    /// <summary>Sends a call; <paramref name="read"/> maps the envelope's <c>data</c> inside the attempt (a wrong shape is a malformed reply).</summary>
    public Task<TResult> SendAsync<TWire, TResult>(PlatformOperation operation, string biz, JsonTypeInfo<TWire> wire, Func<TWire, TResult> read,
        CancellationToken cancellationToken, bool withToken = true, string? secretInBiz = null)
        => _executor.SendAsync(operation, Tenant, new TestPlatformCall
        {
            Options = Options,
            Endpoint = Endpoints.RouterUrl,
            Method = operation.Name,
            Biz = biz,
            TokenKey = TokenKey,
            TokenSource = withToken ? Tokens : null,
            SecretInBiz = secretInBiz,
        }, reply => read(reply.JsonRoot().GetProperty("data").Deserialize(wire) ?? throw new JsonException("'data' is null")), cancellationToken);
}
