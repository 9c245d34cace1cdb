using System.Globalization;
using System.Text;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Jushuitan.Signing;
using PlatformSdk.Tokens;
using PlatformSdk.Jushuitan.Validation;

namespace PlatformSdk.Jushuitan;

/// <summary>Open API merchant authorization (OAuth) helpers. The tokens obtained are stored for the tenant and used by later calls.</summary>
public class JushuitanAuthClient
{
    private readonly JushuitanTransport _transport = null!;

    internal JushuitanAuthClient(JushuitanTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected JushuitanAuthClient()
    {
    }

    /// <summary>
    /// Builds the merchant authorization page URL (<c>https://openweb.jushuitan.com/auth?app_key&amp;timestamp&amp;charset&amp;sign[&amp;state]</c>);
    /// the sign covers app_key, timestamp and charset.
    /// </summary>
    /// <param name="state">An opaque value returned to your callback (CSRF protection), or <see langword="null"/>.</param>
    /// <returns>The URL to send the merchant to.</returns>
    public virtual Uri BuildAuthorizationUrl(string? state = null)
    {
        JushuitanRequestValidator.AuthorizationState(state);
        var (appKey, appSecret) = Credentials();
        var timestamp = _transport.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sign = JushuitanSignature.OpenApi(appSecret,
        [
            new("app_key", appKey),
            new("timestamp", timestamp),
            new("charset", JushuitanWireChoices.Charset),
        ]);
        var url = new StringBuilder(_transport.Endpoints.AuthorizeUrl.AbsoluteUri)
            .Append(_transport.Endpoints.AuthorizeUrl.Query.Length > 0 ? '&' : '?')
            .Append("app_key=").Append(Uri.EscapeDataString(appKey))
            .Append("&timestamp=").Append(timestamp)
            .Append("&charset=").Append(JushuitanWireChoices.Charset)
            .Append("&sign=").Append(sign);
        if (!string.IsNullOrEmpty(state))
        {
            url.Append("&state=").Append(Uri.EscapeDataString(state));
        }

        return new Uri(url.ToString());
    }

    /// <summary>
    /// Exchanges the code from the authorization callback for a token (third-party ISV flow,
    /// <c>POST /openWeb/auth/accessToken</c>) and stores it for this tenant.
    /// </summary>
    /// <param name="code">The code Jushuitan passed to your callback.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token.</returns>
    public virtual Task<AccessToken> ExchangeCodeAsync(string code, CancellationToken cancellationToken = default)
        => ObtainAsync(JushuitanApi.AccessTokenPath, code, cancellationToken);

    /// <summary>
    /// Obtains a merchant's first token in the self-developed-merchant flow (<c>POST /openWeb/auth/getInitToken</c>)
    /// and stores it for this tenant.
    /// </summary>
    /// <param name="code">A random code of your choosing (Jushuitan's docs: 6 characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token.</returns>
    public virtual Task<AccessToken> GetInitTokenAsync(string code, CancellationToken cancellationToken = default)
        => ObtainAsync(JushuitanApi.GetInitTokenPath, code, cancellationToken);

    private async Task<AccessToken> ObtainAsync(string path, string code, CancellationToken cancellationToken)
    {
        JushuitanRequestValidator.AuthorizationCode(code);
        Credentials();
        var token = await _transport.Tokens.RequestTokenAsync(path, [new("grant_type", "authorization_code"), new("code", code)], cancellationToken).ConfigureAwait(false);
        await _transport.Store.SetAsync(_transport.TokenKey, token, cancellationToken).ConfigureAwait(false);
        return token;
    }

    private (string AppKey, string AppSecret) Credentials()
    {
        var open = _transport.Options.OpenApi;
        if (string.IsNullOrEmpty(open.AppKey) || string.IsNullOrEmpty(open.AppSecret))
        {
            throw new InvalidOperationException("Merchant authorization needs OpenApi:AppKey and OpenApi:AppSecret for this tenant.");
        }

        return (open.AppKey, open.AppSecret);
    }
}
