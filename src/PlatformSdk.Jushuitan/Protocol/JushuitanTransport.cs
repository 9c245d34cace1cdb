using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Auth;
using PlatformSdk.Tokens;

namespace PlatformSdk.Jushuitan.Protocol;

/// <summary>Everything one tenant's calls share: options, endpoints, token source and the HTTP pipeline.</summary>
internal sealed class JushuitanTransport
{
    private readonly Func<PlatformRequestExecutor> _executor;

    public JushuitanTransport(string tenant, JushuitanOptions options, Func<PlatformRequestExecutor> executor, TimeProvider time, IAccessTokenStore store)
    {
        Tenant = tenant;
        Options = options;
        Endpoints = options.ResolveEndpoints();
        _executor = executor;
        Time = time;
        Store = store;
        TokenKey = new TokenKey(Errors.JushuitanErrorCatalogue.Platform, tenant);
        Tokens = new JushuitanTokenSource(this);
    }

    public string Tenant { get; }

    public JushuitanOptions Options { get; }

    public JushuitanProtocol Protocol => Options.Protocol;

    public JushuitanEndpoints Endpoints { get; }

    public TimeProvider Time { get; }

    public IAccessTokenStore Store { get; }

    public TokenKey TokenKey { get; }

    public JushuitanTokenSource Tokens { get; }

    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);

    /// <summary>Sends a business call with the tenant's token; returns the parsed (successful) reply.</summary>
    public Task<JushuitanEnvelope> SendAsync(JushuitanApi api, string body, CancellationToken cancellationToken)
        => SendAsync(api.Name(Protocol), api.Idempotency, new JushuitanCall
        {
            Kind = JushuitanCallKind.Business,
            Protocol = Protocol,
            Options = Options,
            Endpoint = Protocol == JushuitanProtocol.Legacy ? Endpoints.LegacyUrl : Endpoints.OpenApi(api.OpenApiPath),
            TokenKey = TokenKey,
            TokenSource = Tokens,
            Method = api.LegacyMethod,
            Body = body,
        }, cancellationToken);

    public async Task<JushuitanEnvelope> SendAsync(string operationName, OperationIdempotency idempotency, JushuitanCall call, CancellationToken cancellationToken)
    {
        var context = new PlatformRequestContext(new PlatformOperation(Errors.JushuitanErrorCatalogue.Platform, operationName, idempotency), Tenant, call);
        var response = await _executor().SendAsync(call.Endpoint, context, cancellationToken).ConfigureAwait(false);
        return JushuitanEnvelope.Parse(response.Body.Span);
    }
}

/// <summary>Paging over list APIs (doc §4 step 7).</summary>
internal static class JushuitanPaging
{
    public static async IAsyncEnumerable<JsonElement> PagesAsync(
        JushuitanTransport transport, JushuitanApi api, Func<int, int, string> bodyForPage, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var pageIndex = 1; ; pageIndex++)
        {
            JushuitanPage page;
            using (var reply = await transport.SendAsync(api, bodyForPage(pageIndex, pageSize), cancellationToken).ConfigureAwait(false))
            {
                page = JushuitanJson.ReadPage(reply.Payload, api.ListKey(transport.Protocol), pageIndex, pageSize);
            }

            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (!page.HasNext)
            {
                yield break;
            }
        }
    }
}
