using System.Text.Json.Serialization;

namespace PlatformSdk.Tokens;

/// <summary>Identifies whose token it is: a platform and a tenant (shop, company).</summary>
/// <param name="Platform">The platform, for example <c>Jushuitan</c>.</param>
/// <param name="Tenant">The tenant name the application uses, for example a shop or company name.</param>
public readonly record struct TokenKey(string Platform, string Tenant)
{
    /// <inheritdoc />
    public override string ToString() => $"{Platform}:{Tenant}";
}

/// <summary>
/// An access token with its expiry and, where the platform has one, its refresh token. <see cref="ToString"/>
/// never shows the secret values.
/// </summary>
public sealed record AccessToken
{
    /// <summary>Creates a token.</summary>
    /// <param name="value">The token value.</param>
    /// <param name="expiresAt">When it stops working.</param>
    [JsonConstructor]
    public AccessToken(string value, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        ExpiresAt = expiresAt;
    }

    /// <summary>The token value.</summary>
    public string Value { get; }

    /// <summary>When the token stops working.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>When this token was obtained (acquired or refreshed).</summary>
    public DateTimeOffset ObtainedAt { get; init; }

    /// <summary>The refresh token, for platforms that issue one.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When the refresh token stops working, if known.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    /// <summary>
    /// The token this one replaced, still served until <see cref="ActivatesAt"/>: some platforms (Jushuitan,
    /// rule RJST-02) take a few minutes before a refreshed token works.
    /// </summary>
    public string? PreviousValue { get; init; }

    /// <summary>When <see cref="Value"/> starts working; before then <see cref="PreviousValue"/> is used.</summary>
    public DateTimeOffset? ActivatesAt { get; init; }

    /// <summary>The value to send at <paramref name="now"/>: the previous token until the new one is active.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The value to send.</returns>
    public string EffectiveValue(DateTimeOffset now)
        => PreviousValue is not null && ActivatesAt is { } activates && now < activates ? PreviousValue : Value;

    /// <inheritdoc />
    public override string ToString() => $"AccessToken(***, expires {ExpiresAt:u})";
}
