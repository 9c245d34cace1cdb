namespace PlatformSdk.TestPlatform;

/// <summary>
/// Settings for one TestPlatform tenant (one shop). Bound from configuration, for example the section
/// <c>PlatformSdk:TestPlatform</c>:
/// <code>
/// { "Environment": "Production", "AppKey": "…", "AppSecret": "…", "AccessToken": "…", "RefreshToken": "…",
///   "Resilience": { "MaxRetries": 3 } }
/// </code>
/// The <c>Resilience</c> subsection binds the tenant's <see cref="PlatformSdk.Http.PlatformResilienceOptions"/>, not this class.
/// </summary>
public sealed class TestPlatformOptions
{
    /// <summary>The tenant label of the default (unnamed) registration, in token keys, rate limits and messages.</summary>
    public const string DefaultTenant = "default";

    /// <summary>The environment the credentials belong to, by name. Default <see cref="TestPlatformEnvironment.Sandbox"/>.</summary>
    public TestPlatformEnvironment Environment { get; set; } = TestPlatformEnvironment.Sandbox;

    /// <summary>The app key (<c>app_key</c>).</summary>
    public string? AppKey { get; set; }

    /// <summary>The app secret: the HMAC-SHA256 key of <c>sign</c>; never sent, logged or shown.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The shop's access token.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The refresh token that came with <see cref="AccessToken"/>; without it an expired token cannot be renewed.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>When <see cref="AccessToken"/> expires, if known; otherwise it is refreshed when TestPlatform rejects it.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>
    /// Code-only escape hatch for bundled fakes and forwarding proxies: replaces the URLs of <see cref="Environment"/>. Setting it
    /// from configuration is rejected at startup: environments are chosen by name.
    /// </summary>
    public TestPlatformEndpoints? EndpointsOverride { get; set; }

    /// <summary>The endpoints in effect: <see cref="EndpointsOverride"/> if set, otherwise those of <see cref="Environment"/>.</summary>
    /// <returns>The endpoints.</returns>
    public TestPlatformEndpoints ResolveEndpoints() => EndpointsOverride ?? TestPlatformEndpoints.For(Environment);

    /// <inheritdoc />
    public override string ToString() => $"TestPlatformOptions(Environment={Environment}, AppKey set: {!string.IsNullOrEmpty(AppKey)}, secrets ***)";
}
