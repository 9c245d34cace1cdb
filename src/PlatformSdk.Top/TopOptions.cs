using System.Text.Json.Serialization;
using PlatformSdk.Configuration;
using PlatformSdk.Top.Protocol;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.Top;

/// <summary>
/// Settings of the TOP app, bound from configuration, for example the section <c>PlatformSdk:Top</c>:
/// <code>
/// { "AppKey": "12345678", "AppSecret": "…", "Environment": "Production", "SignMethod": "Md5",
///   "Sellers": { "my-shop": { "Session": "6101…", "SessionExpiresAt": "2026-12-31T00:00:00+08:00" } },
///   "Resilience": { "MaxRetries": 3 } }
/// </code>
/// The <c>Resilience</c> subsection binds the named <see cref="PlatformSdk.Http.PlatformResilienceOptions"/> <c>"Top"</c>, not this class.
/// </summary>
public sealed class TopOptions
{
    /// <summary>The tenant label of calls made without a seller (APIs that need no authorization).</summary>
    public const string AppTenant = "(app)";

    /// <summary>The app key (<c>app_key</c>).</summary>
    public string? AppKey { get; set; }

    /// <summary>The app secret, used only to sign; never sent, logged or shown.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AppSecret { get; set; }

    /// <summary>The environment the app key belongs to. Default <see cref="TopEnvironment.Production"/>.</summary>
    public TopEnvironment Environment { get; set; } = TopEnvironment.Production;

    /// <summary>The sign method. Default <see cref="TopSignMethod.Md5"/>: the method of the official docs and the one Qimen uses (hmac-sha256 is documented only by secondary sources).</summary>
    public TopSignMethod SignMethod { get; set; } = TopWireChoices.DefaultSignMethod;

    /// <summary>Ask for simplified JSON (<c>simplify=true</c>). Default <see langword="false"/>: the documented wrapped replies.</summary>
    public bool Simplify { get; set; }

    /// <summary>The optional <c>partner_id</c> sent with every call.</summary>
    public string? PartnerId { get; set; }

    /// <summary>The optional <c>target_app_key</c> sent with every call (third-party ISV APIs); a call can override it.</summary>
    public string? TargetAppKey { get; set; }

    /// <summary>Session keys per seller (the key is the seller name the application uses, for example the shop nick).</summary>
    public Dictionary<string, TopSellerOptions> Sellers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Code-only escape hatch for fakes and forwarding proxies: replaces the URLs of <see cref="Environment"/>. Setting it from
    /// configuration is rejected at startup: environments are chosen by name.
    /// </summary>
    public TopEndpoints? EndpointsOverride { get; set; }

    /// <summary>The endpoints in effect.</summary>
    /// <returns><see cref="EndpointsOverride"/> if set, otherwise those of <see cref="Environment"/>.</returns>
    public TopEndpoints ResolveEndpoints() => EndpointsOverride ?? TopEndpoints.For(Environment);

    /// <inheritdoc />
    public override string ToString() => $"TopOptions(AppKey={AppKey}, Environment={Environment}, SignMethod={SignMethod}, Sellers={Sellers.Count}, AppSecret=***)";
}

/// <summary>One seller's authorization. Never shown by <see cref="ToString"/>.</summary>
public sealed class TopSellerOptions
{
    /// <summary>The seller's session key (<c>session</c>, the OAuth access token the seller granted this app).</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? Session { get; set; }

    /// <summary>When the session expires, if known (TOP returns it at authorization); without it the session is used until TOP rejects it.</summary>
    public DateTimeOffset? SessionExpiresAt { get; set; }

    /// <inheritdoc />
    public override string ToString() => "TopSellerOptions(***)";
}
