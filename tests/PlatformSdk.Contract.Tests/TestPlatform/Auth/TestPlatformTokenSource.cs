using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.TestPlatform.Errors;
using PlatformSdk.TestPlatform.Protocol;
using PlatformSdk.Tokens;

namespace PlatformSdk.TestPlatform.Auth;

/// <summary>
/// Obtains and refreshes one tenant's token: the configured one first, then <c>auth.token.refresh</c> with the refresh token.
/// The refresh call is sent without an access token, so it never asks the token provider (which is what is refreshing).
/// </summary>
internal sealed class TestPlatformTokenSource(TestPlatformTransport transport, TimeProvider time) : IAccessTokenSource
{
    public Task<AccessToken> AcquireAsync(TokenKey key, CancellationToken cancellationToken)
    {
        var options = transport.Options;
        var value = options.AccessToken ?? throw NoToken("AccessToken is not configured for this tenant.");
        var now = time.GetUtcNow();
        return Task.FromResult(new AccessToken(value, options.AccessTokenExpiresAt ?? now + TestPlatformWireChoices.AssumedTokenLifetime)
        {
            ObtainedAt = now,
            RefreshToken = options.RefreshToken,
        });
    }

    public async Task<AccessToken> RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var refresh = current.RefreshToken ?? transport.Options.RefreshToken ?? throw NoToken("The token cannot be refreshed: no RefreshToken is configured.");
        var biz = JsonSerializer.Serialize(new RefreshTokenWire { RefreshToken = refresh }, TestPlatformJsonContext.Default.RefreshTokenWire);
        var token = await transport.SendAsync(TestPlatformApi.TokenRefresh, biz, TestPlatformJsonContext.Default.TokenWire, static t => t, cancellationToken,
            withToken: false, secretInBiz: refresh).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return new AccessToken(token.AccessToken, now + (token.ExpiresIn > 0 ? TimeSpan.FromSeconds(token.ExpiresIn) : TestPlatformWireChoices.AssumedTokenLifetime))
        {
            ObtainedAt = now,
            RefreshToken = token.RefreshToken ?? refresh,
        };
    }

    private static PlatformException NoToken(string message)
        => new(new PlatformError(TestPlatformErrorCatalogue.Platform, "no-token", message, ErrorCategory.Authentication,
            "Authorize the shop and configure AccessToken and RefreshToken for this tenant."));
}
