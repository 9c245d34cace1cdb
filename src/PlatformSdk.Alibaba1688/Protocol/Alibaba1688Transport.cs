using System.Text.Json;
using PlatformSdk.Alibaba1688.Auth;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Auth;
using PlatformSdk.Http;
using PlatformSdk.Tokens;

namespace PlatformSdk.Alibaba1688.Protocol;

/// <summary>Everything the app's calls share: options, endpoints, token source and the HTTP pipeline. Every call names its shop.</summary>
internal sealed class Alibaba1688Transport
{
    private readonly Func<PlatformRequestExecutor> _executor;

    public Alibaba1688Transport(Alibaba1688Options options, Func<PlatformRequestExecutor> executor, TimeProvider time, IAccessTokenStore store)
    {
        Options = options;
        Endpoints = options.ResolveEndpoints();
        _executor = executor;
        Time = time;
        Store = store;
        Tokens = new Alibaba1688TokenSource(this);
    }

    public Alibaba1688Options Options { get; }

    public Alibaba1688Endpoints Endpoints { get; }

    public TimeProvider Time { get; }

    public IAccessTokenStore Store { get; }

    public Alibaba1688TokenSource Tokens { get; }

    public string AppKey => Options.AppKey ?? throw new InvalidOperationException("Alibaba1688 AppKey is not configured.");

    public string AppSecret => Options.AppSecret ?? throw new InvalidOperationException("Alibaba1688 AppSecret is not configured.");

    public static TokenKey TokenKeyOf(string shop) => new(Alibaba1688ErrorCatalogue.Platform, shop);

    /// <summary>Sends a signed <c>param2</c> call for a shop; returns the (successful) reply, which the caller disposes.</summary>
    public async Task<JsonDocument> SendAsync(string shop, Alibaba1688Api api, IReadOnlyList<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken, Alibaba1688FilePart? file = null)
    {
        var urlPath = Alibaba1688Endpoints.UrlPath(Alibaba1688WireChoices.ApiProtocol, api.Version, api.Namespace, api.Name, AppKey);
        var call = new Alibaba1688Call
        {
            Kind = Alibaba1688CallKind.Api,
            Api = api,
            Protocol = Alibaba1688WireChoices.ApiProtocol,
            AppKey = AppKey,
            AppSecret = AppSecret,
            Endpoint = Endpoints.Gateway(urlPath),
            UrlPath = urlPath,
            Parameters = parameters,
            TokenKey = TokenKeyOf(shop),
            TokenSource = Tokens,
            File = file,
        };
        return await SendCoreAsync(shop, call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts an unsigned <c>getToken</c> form for a shop and parses the grant.</summary>
    public async Task<Alibaba1688TokenGrant> RequestTokenAsync(string shop, Alibaba1688Api api, string protocol,
        IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var urlPath = Alibaba1688Endpoints.UrlPath(protocol, api.Version, api.Namespace, api.Name, AppKey);
        var call = new Alibaba1688Call
        {
            Kind = Alibaba1688CallKind.Token,
            Api = api,
            Protocol = protocol,
            AppKey = AppKey,
            AppSecret = AppSecret,
            Endpoint = Endpoints.Gateway(urlPath),
            UrlPath = urlPath,
            Parameters = fields,
            TokenKey = TokenKeyOf(shop),
        };
        using var reply = await SendCoreAsync(shop, call, cancellationToken).ConfigureAwait(false);
        return Alibaba1688TokenGrant.Parse(reply.RootElement, Time.GetUtcNow());
    }

    private async Task<JsonDocument> SendCoreAsync(string shop, Alibaba1688Call call, CancellationToken cancellationToken)
    {
        var context = new PlatformRequestContext(new PlatformOperation(Alibaba1688ErrorCatalogue.Platform, call.Api.Id, call.Api.Idempotency), shop, call);
        var response = await _executor().SendAsync(call.Endpoint, context, cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(response.Body);
    }
}
