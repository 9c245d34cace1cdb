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
    private readonly PlatformRequestExecutor _executor;

    public Alibaba1688Transport(Alibaba1688Options options, PlatformRequestExecutor executor, TimeProvider time, IAccessTokenStore store)
    {
        Options = options;
        Endpoints = options.ResolveEndpoints();
        _executor = executor;
        Time = time;
        Store = store;
        Tokens = new Alibaba1688TokenSource(this);
    }

    public Alibaba1688Options Options { get; }

    /// <summary>The app's retry, timeout and size settings (one deadline for composite calls comes from its total timeout).</summary>
    public PlatformResilienceOptions Resilience => _executor.Resilience;

    public Alibaba1688Endpoints Endpoints { get; }

    public TimeProvider Time { get; }

    public IAccessTokenStore Store { get; }

    public Alibaba1688TokenSource Tokens { get; }

    public string AppKey => Options.AppKey ?? throw new InvalidOperationException("Alibaba1688 AppKey is not configured.");

    public string AppSecret => Options.AppSecret ?? throw new InvalidOperationException("Alibaba1688 AppSecret is not configured.");

    public static TokenKey TokenKeyOf(string shop) => new(Alibaba1688ErrorCatalogue.Platform, shop);

    /// <summary>Sends a signed <c>param2</c> call for a shop; <paramref name="read"/> reads the successful reply's root inside the attempt.</summary>
    public Task<T> SendAsync<T>(string shop, Alibaba1688Api api, IReadOnlyList<KeyValuePair<string, string>> parameters, Func<JsonElement, T> read,
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
        return SendCoreAsync(shop, call, read, cancellationToken);
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
        // Read inside the attempt, so a reply that is not a grant is that attempt's failure, with an unknown outcome: the code or
        // refresh token may have been used up by it.
        return await SendCoreAsync(shop, call, root => Alibaba1688TokenSource.ReadGrant(root, Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    private Task<T> SendCoreAsync<T>(string shop, Alibaba1688Call call, Func<JsonElement, T> read, CancellationToken cancellationToken)
        => _executor.SendAsync(new PlatformOperation(Alibaba1688ErrorCatalogue.Platform, call.Api.Id, call.Api.Idempotency), shop, call,
            reply => read(reply.JsonRoot()), cancellationToken);
}
