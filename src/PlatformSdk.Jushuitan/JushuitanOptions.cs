using System.Text.Json.Serialization;
using PlatformSdk.Configuration;
using PlatformSdk.Jushuitan.Models.Billing;

namespace PlatformSdk.Jushuitan;

/// <summary>
/// Settings for one Jushuitan tenant (one ERP company). Bound from configuration, for example the section
/// <c>PlatformSdk:Jushuitan</c>:
/// <code>
/// { "Environment": "Production", "Protocol": "OpenApi",
///   "OpenApi": { "AppKey": "…", "AppSecret": "…", "AccessToken": "…", "RefreshToken": "…" },
///   "Resilience": { "PermitsPerSecond": 5 } }
/// </code>
/// The <c>Resilience</c> subsection binds the named <see cref="PlatformSdk.Http.PlatformResilienceOptions"/> <c>"Jushuitan"</c>, not this class.
/// </summary>
public sealed class JushuitanOptions
{
    /// <summary>The tenant label used for the default (unnamed) registration, in token keys, rate limits and call metering.</summary>
    public const string DefaultTenant = "default";

    /// <summary>The environment the credentials belong to, by name (<c>Test</c> or <c>Production</c>; RJST-01). Default <see cref="JushuitanEnvironment.Test"/>.</summary>
    public JushuitanEnvironment Environment { get; set; } = JushuitanEnvironment.Test;

    /// <summary>Which API generation to use. Default <see cref="JushuitanProtocol.OpenApi"/>.</summary>
    public JushuitanProtocol Protocol { get; set; } = JushuitanProtocol.OpenApi;

    /// <summary>Credentials for <see cref="JushuitanProtocol.Legacy"/>.</summary>
    public JushuitanLegacyCredentials Legacy { get; set; } = new();

    /// <summary>Credentials for <see cref="JushuitanProtocol.OpenApi"/>.</summary>
    public JushuitanOpenApiCredentials OpenApi { get; set; } = new();

    /// <summary>
    /// How long a refreshed open API token is held back while the previous one keeps being sent (RJST-02: the new
    /// token takes effect after a few minutes). If the previous token is rejected earlier, the new one is used at once. Default 5 minutes.
    /// </summary>
    public TimeSpan NewTokenActivationDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Order operation settings.</summary>
    public JushuitanOrderSettings Orders { get; set; } = new();

    /// <summary>Billing settings for the call-cost estimate (RJST-03).</summary>
    public JushuitanBillingSettings Billing { get; set; } = new();

    /// <summary>
    /// Code-only escape hatch for bundled fakes and forwarding proxies: replaces the URLs of <see cref="Environment"/>.
    /// It is not how users choose an environment (RJST-01: by name, never by typed-in URL); setting it from
    /// configuration is rejected at startup.
    /// </summary>
    public JushuitanEndpoints? EndpointsOverride { get; set; }

    /// <summary>The endpoints in effect: <see cref="EndpointsOverride"/> if set, otherwise those of <see cref="Environment"/>.</summary>
    /// <returns>The endpoints.</returns>
    public JushuitanEndpoints ResolveEndpoints() => EndpointsOverride ?? JushuitanEndpoints.For(Environment);
}

/// <summary>Legacy (<c>query.aspx</c>) credentials. Never logged or shown by <see cref="ToString"/>.</summary>
public sealed class JushuitanLegacyCredentials
{
    /// <summary>The partner id (<c>partnerid</c>).</summary>
    public string? PartnerId { get; set; }

    /// <summary>The partner key (<c>partnerkey</c>), used only to sign; never sent.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? PartnerKey { get; set; }

    /// <summary>The company token (<c>token</c>). Its value does not change when refreshed with <c>refresh.token</c> (RJST-02).</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? Token { get; set; }

    /// <summary>When the token expires, if known; otherwise it is refreshed only when Jushuitan rejects it.</summary>
    public DateTimeOffset? TokenExpiresAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => "JushuitanLegacyCredentials(***)";
}

/// <summary>Open API credentials. Never logged or shown by <see cref="ToString"/>.</summary>
public sealed class JushuitanOpenApiCredentials
{
    /// <summary>The application key (<c>app_key</c>).</summary>
    public string? AppKey { get; set; }

    /// <summary>The application secret (<c>app_secret</c>), used only to sign; never sent.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AppSecret { get; set; }

    /// <summary>
    /// The merchant's access token. Optional: without it, obtain one with <see cref="JushuitanAuthClient.ExchangeCodeAsync"/> or
    /// <see cref="JushuitanAuthClient.GetInitTokenAsync"/>, which store it for the tenant.
    /// </summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AccessToken { get; set; }

    /// <summary>The refresh token that came with <see cref="AccessToken"/>.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? RefreshToken { get; set; }

    /// <summary>When <see cref="AccessToken"/> expires, if known; otherwise it is refreshed only when Jushuitan rejects it.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => "JushuitanOpenApiCredentials(***)";
}

/// <summary>Order operation settings.</summary>
public sealed class JushuitanOrderSettings
{
    /// <summary>
    /// After an upload, query the uploaded orders back and report those the ERP keeps cancelled (RJST-12) or does not
    /// show (RJST-13). Costs extra query calls (RJST-03). Default <see langword="true"/>.
    /// </summary>
    public bool VerifyAfterUpload { get; set; } = true;
}

/// <summary>Which edition the ERP company has and what its contract is worth, for the cost estimate (RJST-03).</summary>
public sealed class JushuitanBillingSettings
{
    /// <summary>The edition. Default <see cref="JushuitanEdition.Professional"/>.</summary>
    public JushuitanEdition Edition { get; set; } = JushuitanEdition.Professional;

    /// <summary>The professional-edition contract amount in CNY; it buys amount × 1000 free calls.</summary>
    public decimal ContractAmount { get; set; }
}
