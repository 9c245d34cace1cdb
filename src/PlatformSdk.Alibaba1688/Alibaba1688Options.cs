using System.Text.Json.Serialization;
using PlatformSdk.Configuration;

namespace PlatformSdk.Alibaba1688;

/// <summary>
/// Settings for one 1688 app used by many shops (R1688-03). Bound from configuration, for example the section
/// <c>PlatformSdk:Alibaba1688</c>:
/// <code>
/// { "AppKey": "…", "AppSecret": "…", "RedirectUri": "https://erp.example.com/1688/callback",
///   "Shops": { "shopA": { "AccessToken": "…", "RefreshToken": "…", "Market": "其他" } },
///   "Resilience": { "PermitsPerSecond": 5 } }
/// </code>
/// The <c>Resilience</c> subsection binds the named <see cref="PlatformSdk.Http.PlatformResilienceOptions"/> <c>"Alibaba1688"</c>, not this class.
/// </summary>
public sealed class Alibaba1688Options
{
    /// <summary>The app key (<c>client_id</c>); part of every URL path.</summary>
    public string? AppKey { get; set; }

    /// <summary>The app secret: signs calls and exchanges codes; never sent otherwise, never logged.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AppSecret { get; set; }

    /// <summary>
    /// The OAuth callback URL registered for the app (<c>redirect_uri</c>): an absolute http(s) URL without a fragment. Required,
    /// checked at start-up: every shop is authorized with it, and authorized again with it when its refresh token expires.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// Per-shop settings, keyed by the shop name the application uses in <see cref="Alibaba1688Client.ForShop"/>. Optional:
    /// a shop authorized at run time (<see cref="Alibaba1688AuthClient.ExchangeCodeAsync"/>) needs no entry.
    /// </summary>
    public IDictionary<string, Alibaba1688ShopOptions> Shops { get; } = new Dictionary<string, Alibaba1688ShopOptions>(StringComparer.Ordinal);

    /// <summary>
    /// Code-only escape hatch for bundled fakes and forwarding proxies: replaces <see cref="Alibaba1688Endpoints.Production"/>.
    /// Setting it from configuration is rejected at startup (R1688-01: only the domestic site is supported).
    /// </summary>
    public Alibaba1688Endpoints? EndpointsOverride { get; set; }

    /// <summary>The endpoints in effect.</summary>
    /// <returns><see cref="EndpointsOverride"/> if set, otherwise <see cref="Alibaba1688Endpoints.Production"/>.</returns>
    public Alibaba1688Endpoints ResolveEndpoints() => EndpointsOverride ?? Alibaba1688Endpoints.Production;

    /// <inheritdoc />
    public override string ToString() => $"Alibaba1688Options(AppKey set: {!string.IsNullOrEmpty(AppKey)}, shops: {Shops.Count})";
}

/// <summary>One shop's initial tokens and settings. Never shown by <see cref="ToString"/>.</summary>
public sealed class Alibaba1688ShopOptions
{
    /// <summary>An access token obtained earlier; optional when the shop is authorized at run time.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AccessToken { get; set; }

    /// <summary>When <see cref="AccessToken"/> expires, if known (otherwise 10 h from start is assumed).</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>The refresh token; lets the SDK renew the access token without the shop.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? RefreshToken { get; set; }

    /// <summary>When <see cref="RefreshToken"/> expires (<c>refresh_token_timeout</c>), if known; past it the shop must re-authorize.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; set; }

    /// <summary>
    /// The market (市场) bound to the shop in 1688; pre-orders are refused without one (R1688-04). "其他" (other) is allowed.
    /// A request can override it.
    /// </summary>
    public string? Market { get; set; }

    /// <inheritdoc />
    public override string ToString() => "Alibaba1688ShopOptions(***)";
}
