using PlatformSdk.Tokens;

namespace PlatformSdk.HealthChecks.Tokens;

/// <summary>
/// What the check can say about a token without its value: when it and its refresh token stop working, and whether there is a refresh
/// token at all. Built from the token store or, before the first call stored anything, from the tenant's configuration.
/// </summary>
internal sealed record TokenSnapshot(DateTimeOffset? ExpiresAt, bool HasAccessToken, bool HasRefreshToken, DateTimeOffset? RefreshTokenExpiresAt, string Source)
{
    public const string FromStore = "store";
    public const string FromConfiguration = "configuration";

    public static TokenSnapshot Of(AccessToken token)
        => new(token.ExpiresAt, HasAccessToken: true, !string.IsNullOrEmpty(token.RefreshToken), token.RefreshTokenExpiresAt, FromStore);
}

/// <summary>One tenant's token as the platform package keeps it: its store key, how to read its configured seed, and what to do when it is gone.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Tenant">The tenant label (as in the token key).</param>
/// <param name="Key">The store key the platform package uses.</param>
/// <param name="Configured">Reads the configured token, used until a first call stores one; <see langword="null"/> when none is configured.</param>
/// <param name="Remedy">What to do when the token is missing or expired (re-authorize this tenant); never holds a secret.</param>
internal sealed record TokenTarget(string Platform, string Tenant, TokenKey Key, Func<IServiceProvider, TokenSnapshot?> Configured, string Remedy);

/// <summary>One configured gateway: whose, and how to read its URL from the options.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="Tenant">The tenant for platforms configured per tenant (Jushuitan), otherwise <see langword="null"/>.</param>
/// <param name="Endpoint">Reads the gateway URL the SDK calls.</param>
internal sealed record EndpointTarget(string Platform, string? Tenant, Func<IServiceProvider, Uri> Endpoint);
