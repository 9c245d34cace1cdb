using System.Text.Json.Serialization;
using PlatformSdk.Configuration;

namespace PlatformSdk.Testing.Alibaba1688;

/// <summary>Construction options of <see cref="Fake1688Server"/>. The defaults follow <c>docs/protocols/1688.md</c>.</summary>
public sealed class Fake1688Options
{
    /// <summary>The fake's default appKey (not a real credential).</summary>
    public const string DefaultAppKey = "8661688";

    /// <summary>The fake's default app secret (not a real credential).</summary>
    public const string DefaultAppSecret = "fake1688AppSecretK3y";

    /// <summary>The appKey the gateway accepts (last path segment and OAuth <c>client_id</c>).</summary>
    public string AppKey { get; set; } = DefaultAppKey;

    /// <summary>The app secret: the HMAC-SHA1 key of <c>_aop_signature</c> and the OAuth <c>client_secret</c>.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string AppSecret { get; set; } = DefaultAppSecret;

    /// <summary>Whether the fake starts with the shops, offers, carriers and orders of <see cref="Fake1688Seed"/>; <see langword="true"/> by default.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>The access_token lifetime; 10 hours (<c>expires_in</c> 36000) like the platform.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>The refresh_token lifetime; half a year (180 days) like the platform's documented maximum.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long an authorization code stays valid; 2 minutes like the platform.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The HTTP status of the <c>401</c> / <c>Request need user authorized</c> answer. Clients saw it both with HTTP 401 and with
    /// HTTP 400, so the fake lets a test choose; 401 by default.
    /// </summary>
    public int AuthorizationErrorStatusCode { get; set; } = 401;

    /// <summary>
    /// Whether a refresh_token grant answers with a <c>refresh_token</c> field. The platform's refresh answers were seen without it
    /// (the old refresh_token stays valid), so the default is <see langword="false"/>.
    /// </summary>
    public bool RefreshResponseIncludesRefreshToken { get; set; }

    /// <summary>The largest image <c>alibaba.photobank.photo.add</c> accepts, in bytes; 2 MB (2 × 1024 × 1024) like the platform.</summary>
    public int MaxImageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// Whether <c>alibaba.product.list.get</c> leaves <c>skuInfos</c> out of its items even with <c>needDetail=true</c>, as the
    /// platform may (doc §10 #24, unconfirmed); <c>saleInfo.quoteType</c> still says whether an offer has SKUs. <see langword="false"/>
    /// by default: the list carries the SKUs when asked for details.
    /// </summary>
    public bool ProductListOmitsSkuInfos { get; set; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(AppKey, nameof(AppKey));
        ArgumentException.ThrowIfNullOrEmpty(AppSecret, nameof(AppSecret));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AccessTokenLifetime, TimeSpan.Zero, nameof(AccessTokenLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RefreshTokenLifetime, TimeSpan.Zero, nameof(RefreshTokenLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CodeLifetime, TimeSpan.Zero, nameof(CodeLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThan(AuthorizationErrorStatusCode, 400, nameof(AuthorizationErrorStatusCode));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AuthorizationErrorStatusCode, 499, nameof(AuthorizationErrorStatusCode));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxImageBytes, 0, nameof(MaxImageBytes));
    }
}
