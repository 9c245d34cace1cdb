using System.Text.Json.Serialization;
using PlatformSdk.Configuration;

namespace PlatformSdk.Testing.Jushuitan;

/// <summary>
/// Construction options of <see cref="FakeJushuitanServer"/>. Every credential left <see langword="null"/> takes the default of
/// <see cref="Environment"/>: the public sandbox values for <see cref="FakeJushuitanEnvironment.Test"/>, the
/// <c>Production*</c> constants for <see cref="FakeJushuitanEnvironment.Production"/>.
/// </summary>
public sealed class FakeJushuitanOptions
{
    /// <summary>The public sandbox partnerid (legacy protocol).</summary>
    public const string SandboxPartnerId = "ywv5jGT8ge6Pvlq3FZSPol345asd";

    /// <summary>The public sandbox partnerkey (legacy protocol).</summary>
    public const string SandboxPartnerKey = "ywv5jGT8ge6Pvlq3FZSPol2323";

    /// <summary>The public sandbox token (legacy protocol).</summary>
    public const string SandboxToken = "181ee8952a88f5a57db52587472c3798";

    /// <summary>The public sandbox app_key (open API).</summary>
    public const string SandboxAppKey = "b0b7d1db226d4216a3d58df9ffa2dde5";

    /// <summary>The public sandbox app_secret (open API).</summary>
    public const string SandboxAppSecret = "99c4cef262f34ca882975a7064de0b87";

    /// <summary>The public sandbox access_token (open API).</summary>
    public const string SandboxAccessToken = "b7e3b1e24e174593af8ca5c397e53dad";

    /// <summary>The fake's default sandbox refresh_token; no real one is published.</summary>
    public const string SandboxRefreshToken = "fa7e5a4db0c2fe5b2f8a11aa3e6d7c01";

    /// <summary>The fake's default production partnerid (not a real credential).</summary>
    public const string ProductionPartnerId = "prodFakePartner00000000000001";

    /// <summary>The fake's default production partnerkey (not a real credential).</summary>
    public const string ProductionPartnerKey = "prodFakePartnerKey000000001";

    /// <summary>The fake's default production token (not a real credential).</summary>
    public const string ProductionToken = "0c1d2e3f405162738495a6b7c8d9eafb";

    /// <summary>The fake's default production app_key (not a real credential).</summary>
    public const string ProductionAppKey = "5e6f708192a3b4c5d6e7f80910a1b2c3";

    /// <summary>The fake's default production app_secret (not a real credential).</summary>
    public const string ProductionAppSecret = "d4c3b2a1f0e9d8c7b6a5948372615049";

    /// <summary>The fake's default production access_token (not a real credential).</summary>
    public const string ProductionAccessToken = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    /// <summary>The fake's default production refresh_token (not a real credential).</summary>
    public const string ProductionRefreshToken = "90f8e7d6c5b4a3928170f6e5d4c3b2a1";

    /// <summary>The environment the fake plays; <see cref="FakeJushuitanEnvironment.Test"/> by default.</summary>
    public FakeJushuitanEnvironment Environment { get; set; } = FakeJushuitanEnvironment.Test;

    /// <summary>The accepted legacy partnerid; <see langword="null"/> for the environment default.</summary>
    public string? PartnerId { get; set; }

    /// <summary>The legacy partnerkey used to verify signs; <see langword="null"/> for the environment default.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? PartnerKey { get; set; }

    /// <summary>The accepted legacy token; <see langword="null"/> for the environment default.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? Token { get; set; }

    /// <summary>The accepted open-API app_key; <see langword="null"/> for the environment default.</summary>
    public string? AppKey { get; set; }

    /// <summary>The open-API app_secret used to verify signs; <see langword="null"/> for the environment default.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AppSecret { get; set; }

    /// <summary>The initially valid open-API access_token; <see langword="null"/> for the environment default.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AccessToken { get; set; }

    /// <summary>The initially valid open-API refresh_token; <see langword="null"/> for the environment default.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? RefreshToken { get; set; }

    /// <summary>The company (<c>co_id</c>) the credentials belong to. Shops of another company fail uploads with RJST-07.</summary>
    public int CompanyId { get; set; } = FakeJushuitanSeed.CompanyId;

    /// <summary>How long the legacy token stays valid, from start and after each <c>refresh.token</c>; 30 days by default.</summary>
    public TimeSpan LegacyTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The open-API <c>expires_in</c> of issued access tokens; 30 days (2592000 s) by default.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long after a refresh the new token (open API) or the extended validity (legacy) takes effect (RJST-02). Until then the
    /// old open-API token keeps working and the new one is rejected. Zero (immediate) by default.
    /// </summary>
    public TimeSpan TokenActivationDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How far <c>ts</c>/<c>timestamp</c> may be from the fake's clock before code 180; 10 minutes by default.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When <see langword="true"/>, <c>/openWeb/auth/refreshToken</c> answers code 150 (ISV apps may not refresh).</summary>
    public bool IsvRefreshForbidden { get; set; }

    /// <summary>The code of the open-API throttling answer: 199 (concurrency, the default) or 200 (frequency).</summary>
    public int OpenApiThrottleCode { get; set; } = 199;

    /// <summary>Whether to seed the shops, warehouses and logistics companies of <see cref="FakeJushuitanSeed"/>; true by default.</summary>
    public bool Seed { get; set; } = true;
}
