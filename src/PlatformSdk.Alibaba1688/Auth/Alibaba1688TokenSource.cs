using System.Globalization;
using System.Text.Json;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.Auth;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Errors;
using PlatformSdk.Tokens;

namespace PlatformSdk.Alibaba1688.Auth;

/// <summary>
/// Obtains and refreshes each shop's token (R1688-03: one app, many shops; the token key's tenant is the shop). A shop's
/// first token comes from <c>Shops:&lt;shop&gt;</c> in the options or from an authorization stored by
/// <see cref="Alibaba1688AuthClient.ExchangeCodeAsync"/>; refreshes use <c>grant_type=refresh_token</c> (doc §4).
/// </summary>
internal sealed class Alibaba1688TokenSource : IAccessTokenSource
{
    private readonly Alibaba1688Transport _transport;

    public Alibaba1688TokenSource(Alibaba1688Transport transport) => _transport = transport;

    public Task<AccessToken> AcquireAsync(TokenKey key, CancellationToken cancellationToken)
    {
        var now = _transport.Time.GetUtcNow();
        _transport.Options.Shops.TryGetValue(key.Tenant, out var shop);
        if (!string.IsNullOrEmpty(shop?.AccessToken))
        {
            return Task.FromResult(new AccessToken(shop.AccessToken, shop.AccessTokenExpiresAt ?? now + Alibaba1688WireChoices.AssumedAccessTokenLifetime)
            {
                ObtainedAt = now,
                RefreshToken = shop.RefreshToken,
                RefreshTokenExpiresAt = shop.RefreshTokenExpiresAt,
            });
        }

        if (!string.IsNullOrEmpty(shop?.RefreshToken))
        {
            var seed = new AccessToken("(none)", now) { RefreshToken = shop.RefreshToken, RefreshTokenExpiresAt = shop.RefreshTokenExpiresAt };
            return RefreshAsync(key, seed, cancellationToken);
        }

        throw NotAuthorized(key.Tenant, "it has no token");
    }

    public async Task<AccessToken> RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var now = _transport.Time.GetUtcNow();
        if (string.IsNullOrEmpty(current.RefreshToken))
        {
            throw NotAuthorized(key.Tenant, "its access token expired and no refresh token is known");
        }

        if (current.RefreshTokenExpiresAt is { } refreshExpiry && now >= refreshExpiry)
        {
            throw NotAuthorized(key.Tenant, $"its refresh token expired at {refreshExpiry:u}");
        }

        var grant = await _transport.RequestTokenAsync(key.Tenant, Alibaba1688Api.TokenRefresh, Alibaba1688WireChoices.RefreshTokenProtocol,
        [
            new("grant_type", "refresh_token"),
            new("client_id", _transport.AppKey),
            new("client_secret", _transport.AppSecret),
            new("refresh_token", current.RefreshToken),
        ], cancellationToken).ConfigureAwait(false);
        // A refresh reply may omit refresh_token (doc §4): the old one stays valid, keep it and its expiry.
        return ToAccessToken(grant, now, grant.RefreshToken is null ? current : null);
    }

    public static AccessToken ToAccessToken(Alibaba1688TokenGrant grant, DateTimeOffset now, AccessToken? keepRefreshFrom)
    {
        // The package registers WireChoices.TokenRefreshMargin with the token provider, which refreshes that much before 1688 would reject it.
        return new AccessToken(grant.AccessToken, grant.AccessTokenExpiresAt)
        {
            ObtainedAt = now,
            RefreshToken = grant.RefreshToken ?? keepRefreshFrom?.RefreshToken,
            RefreshTokenExpiresAt = grant.RefreshToken is null ? keepRefreshFrom?.RefreshTokenExpiresAt ?? grant.RefreshTokenExpiresAt : grant.RefreshTokenExpiresAt,
        };
    }

    /// <summary>The longest <c>expires_in</c> taken at face value (100 years); anything longer is not a lifetime but a broken reply.</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(36_500);

    /// <summary>
    /// Reads a token reply: <c>expires_in</c> absent, null or empty means the assumed lifetime, otherwise it must be whole seconds
    /// from 1 to <see cref="MaxTokenLifetime"/> (number or numeric string). Any reply that is not a grant is malformed with an
    /// unknown outcome, since the code (single use) or refresh token may have been used up by the call.
    /// </summary>
    public static Alibaba1688TokenGrant ReadGrant(JsonElement root, DateTimeOffset now)
    {
        if (Alibaba1688Json.Property(root, "expires_in") is { } expiresIn && Alibaba1688Json.AsText(expiresIn) is var text
            && !(expiresIn.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(text)))
        {
            if (text is null || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                || seconds < 1 || seconds > (long)MaxTokenLifetime.TotalSeconds || DateTimeOffset.MaxValue - now < TimeSpan.FromSeconds(seconds))
            {
                throw MalformedGrant(string.Create(CultureInfo.InvariantCulture,
                    $"expires_in {Shown(text ?? expiresIn.ValueKind.ToString())} is not a lifetime in whole seconds from 1 to {(long)MaxTokenLifetime.TotalSeconds}"), null);
            }
        }

        try
        {
            return Alibaba1688TokenGrant.Parse(root, now);
        }
        catch (PlatformException ex) when (!ex.Error.OutcomeUnknown)
        {
            throw MalformedGrant(ex.Error.Message, ex);
        }
    }

    private static string Shown(string text) => text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…'";

    private static PlatformException MalformedGrant(string problem, Exception? inner)
        => new(new PlatformError(Alibaba1688ErrorCatalogue.Platform, "malformed-token-response",
            problem.StartsWith("1688's token reply", StringComparison.Ordinal) ? problem : "1688's token reply could not be read: " + problem + ".",
            ErrorCategory.Transient,
            "The code (single use, valid 2 minutes) or refresh token may have been used up by this call, so it is not repeated: "
            + "authorize the shop again with a new code, or retry the refresh; if it persists, contact 1688 support.")
        { Delivery = RequestDelivery.OutcomeUnknown }, inner);

    public static PlatformException NotAuthorized(string shop, string why)
        => new(new PlatformError(Alibaba1688ErrorCatalogue.Platform, "shop-not-authorized",
            $"1688 shop '{shop}' is not authorized: {why}.", ErrorCategory.Authentication,
            $"Send the shop's main account to Alibaba1688Client.Auth.BuildAuthorizationUrl(state) and pass the returned code to "
            + $"Auth.ExchangeCodeAsync(\"{shop}\", code) within 2 minutes, or configure Shops:{shop}:AccessToken / RefreshToken. "
            + "The app must first be subscribed by the shop's main account in the 1688 service market (R1688-02).")
        { RuleId = "R1688-03" });
}
