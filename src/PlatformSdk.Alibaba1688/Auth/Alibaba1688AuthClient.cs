using System.Text;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Auth;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688;

/// <summary>
/// Shop authorization (doc §4). Send the shop's main account to <see cref="BuildAuthorizationUrl"/>; 1688 calls the redirect URI
/// with a <c>code</c> (single use, valid 2 minutes) that <see cref="ExchangeCodeAsync"/> turns into the shop's tokens, stored
/// for later calls. The app must be subscribed by the shop's main account first (R1688-02), once per shop (R1688-03).
/// </summary>
public class Alibaba1688AuthClient
{
    private readonly Alibaba1688Transport _transport = null!;

    internal Alibaba1688AuthClient(Alibaba1688Transport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected Alibaba1688AuthClient()
    {
    }

    /// <summary>
    /// The authorization page: <c>https://auth.1688.com/oauth/authorize?client_id&amp;site=1688&amp;redirect_uri&amp;state</c> (unsigned).
    /// </summary>
    /// <param name="state">An opaque value 1688 returns to the callback; use it to know which shop is authorizing and against CSRF.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="PlatformException">RedirectUri is not configured (a Configuration error; nothing is sent).</exception>
    public virtual Uri BuildAuthorizationUrl(string state)
    {
        Alibaba1688RequestValidator.AuthorizationState(state);
        var redirect = RedirectUri();
        var authorize = _transport.Endpoints.AuthorizeUrl;
        var url = new StringBuilder(authorize.AbsoluteUri)
            .Append(authorize.Query.Length > 0 ? '&' : '?')
            .Append("client_id=").Append(Uri.EscapeDataString(_transport.AppKey))
            .Append("&site=1688")
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(redirect))
            .Append("&state=").Append(Uri.EscapeDataString(state));
        return new Uri(url.ToString());
    }

    /// <summary>
    /// Exchanges the callback's code for the shop's tokens (<c>POST …/openapi/http/1/system.oauth2/getToken/{appKey}</c>,
    /// <c>grant_type=authorization_code</c>, <c>need_refresh_token=true</c>) and stores them for <paramref name="shop"/>.
    /// Not retried after it may have reached 1688: the code is single-use.
    /// </summary>
    /// <param name="shop">The shop name later calls use with <see cref="Alibaba1688Client.ForShop"/>.</param>
    /// <param name="code">The code from the callback.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant (tokens masked in <see cref="object.ToString"/>).</returns>
    public virtual async Task<Alibaba1688TokenGrant> ExchangeCodeAsync(string shop, string code, CancellationToken cancellationToken = default)
    {
        Alibaba1688RequestValidator.CodeExchange(shop, code);

        var grant = await _transport.RequestTokenAsync(shop, Alibaba1688Api.TokenExchange, Alibaba1688WireChoices.TokenExchangeProtocol,
        [
            new("grant_type", "authorization_code"),
            new("need_refresh_token", "true"),
            new("client_id", _transport.AppKey),
            new("client_secret", _transport.AppSecret),
            new("redirect_uri", RedirectUri()),
            new("code", code),
        ], cancellationToken).ConfigureAwait(false);
        var now = _transport.Time.GetUtcNow();
        await _transport.Store.SetAsync(Alibaba1688Transport.TokenKeyOf(shop), Auth.Alibaba1688TokenSource.ToAccessToken(grant, now, null), cancellationToken).ConfigureAwait(false);
        return grant;
    }

    private string RedirectUri() => Alibaba1688OptionsValidator.RedirectUriOf(_transport.Options);
}
