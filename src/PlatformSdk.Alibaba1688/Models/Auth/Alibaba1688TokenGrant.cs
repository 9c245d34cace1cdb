using System.Text.Json;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Errors;

namespace PlatformSdk.Alibaba1688.Models.Auth;

/// <summary>A token reply of <c>system.oauth2/getToken</c> (doc §4). <see cref="ToString"/> never shows the token values.</summary>
public sealed record Alibaba1688TokenGrant
{
    /// <summary>The access token.</summary>
    public required string AccessToken { get; init; }

    /// <summary>When the access token expires (<c>expires_in</c> after the reply; 10 h on 1688).</summary>
    public required DateTimeOffset AccessTokenExpiresAt { get; init; }

    /// <summary>The refresh token; <see langword="null"/> when the reply has none (refresh replies may omit it: keep the old one).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When the refresh token expires (<c>refresh_token_timeout</c>), if given.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    /// <summary>The login id of the authorizing account (<c>resource_owner</c> or <c>resourceOwner</c>).</summary>
    public string? ResourceOwner { get; init; }

    /// <summary>The account's numeric ali id (<c>aliId</c>).</summary>
    public string? AliId { get; init; }

    /// <summary>The member id (<c>memberId</c> or <c>member_id</c>).</summary>
    public string? MemberId { get; init; }

    /// <summary>
    /// Parses a token reply defensively (doc §4): <c>expires_in</c> as a string or number (10 h when absent),
    /// <c>refresh_token_timeout</c> as <c>yyyyMMddHHmmss+0800</c> or <c>yyyyMMddHHmmssSSS+0800</c>, both spellings of the owner
    /// and member ids.
    /// </summary>
    /// <param name="body">The UTF-8 reply.</param>
    /// <param name="now">When the reply was received.</param>
    /// <returns>The grant.</returns>
    /// <exception cref="PlatformException">The reply is not a JSON object or has no <c>access_token</c> (category Transient).</exception>
    public static Alibaba1688TokenGrant Parse(ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return Parse(document.RootElement, now);
        }
        catch (JsonException ex)
        {
            throw Malformed("the reply is not JSON: " + ex.Message.Split(" Path:")[0]);
        }
    }

    // The token source's bound, so the public parser and the client's reader refuse the same lifetimes.
    private static readonly long MaxLifetimeSeconds = (long)PlatformSdk.Alibaba1688.Auth.Alibaba1688TokenSource.MaxTokenLifetime.TotalSeconds;

    internal static Alibaba1688TokenGrant Parse(JsonElement root, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the reply is not a JSON object");
        }

        var access = Alibaba1688Json.String(root, "access_token") ?? throw Malformed("the reply has no access_token");
        var expiresIn = Alibaba1688Json.Long(root, "expires_in");
        // A lifetime beyond a century, or one that runs past the calendar, is not a lifetime: refuse it here rather than let
        // TimeSpan or DateTimeOffset arithmetic throw at the caller.
        if (expiresIn > MaxLifetimeSeconds || (expiresIn is > 0 && DateTimeOffset.MaxValue - now < TimeSpan.FromSeconds(expiresIn.Value)))
        {
            throw Malformed("expires_in is not a lifetime in whole seconds from 1 to " + MaxLifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var lifetime = expiresIn is > 0 ? TimeSpan.FromSeconds(expiresIn.Value) : Alibaba1688WireChoices.AssumedAccessTokenLifetime;
        return new Alibaba1688TokenGrant
        {
            AccessToken = access,
            AccessTokenExpiresAt = now + lifetime,
            RefreshToken = Alibaba1688Json.String(root, "refresh_token"),
            RefreshTokenExpiresAt = Alibaba1688Json.Time(root, "refresh_token_timeout"),
            ResourceOwner = Alibaba1688Json.String(root, "resource_owner", "resourceOwner"),
            AliId = Alibaba1688Json.String(root, "aliId", "ali_id"),
            MemberId = Alibaba1688Json.String(root, "memberId", "member_id"),
        };
    }

    /// <inheritdoc />
    public override string ToString()
        => $"Alibaba1688TokenGrant(owner {ResourceOwner ?? "?"}, access token *** until {AccessTokenExpiresAt:u}, refresh token {(RefreshToken is null ? "none" : "***")})";

    private static PlatformException Malformed(string detail)
        => new(new PlatformError(Alibaba1688ErrorCatalogue.Platform, "malformed-token-response", "1688's token reply could not be read: " + detail,
            ErrorCategory.Transient, "Retry the authorization; a code is single-use and valid for 2 minutes, so a new one may be needed."));
}
