using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Tokens;
using PlatformSdk.Top.Errors;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.Top.Sessions;

/// <summary>Hands out a seller's TOP session key (docs/protocols/taobao-top.md §6).</summary>
public interface ITopSessionProvider
{
    /// <summary>Returns the seller's current session.</summary>
    /// <param name="seller">The seller name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session as an <see cref="AccessToken"/>.</returns>
    /// <exception cref="PlatformException">No session is configured (Configuration) or it expired (Authentication); nothing was sent.</exception>
    ValueTask<AccessToken> GetSessionAsync(string seller, CancellationToken cancellationToken = default);

    /// <summary>
    /// Called after TOP rejected <paramref name="rejected"/>: returns a newer session if one became available (configuration
    /// reloaded, or stored by an authorization flow), otherwise <paramref name="rejected"/> itself.
    /// </summary>
    /// <param name="seller">The seller name.</param>
    /// <param name="rejected">The session TOP rejected.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The newest session known.</returns>
    ValueTask<AccessToken> RenewRejectedAsync(string seller, AccessToken rejected, CancellationToken cancellationToken = default);
}

/// <summary>
/// The default <see cref="ITopSessionProvider"/>: sessions come from <see cref="TopOptions.Sellers"/> (re-read on every renewal,
/// so a reloaded configuration is picked up) or from <see cref="StoreSessionAsync"/>, and are cached in the
/// <see cref="IAccessTokenStore"/> through <see cref="AccessTokenProvider"/> under the key <c>Top:&lt;seller&gt;</c>.
/// TOP session keys are long-lived and cannot be refreshed by the SDK: when one expires, the seller must authorize the app again.
/// </summary>
public class TopSessionProvider : ITopSessionProvider, IAccessTokenSource
{
    private readonly AccessTokenProvider _tokens = null!;
    private readonly IAccessTokenStore _store = null!;
    private readonly IOptionsMonitor<TopOptions> _options = null!;
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>Creates the provider.</summary>
    /// <param name="tokens">The shared token provider (single-flight, store).</param>
    /// <param name="store">The token store.</param>
    /// <param name="options">The TOP options.</param>
    /// <param name="time">The clock.</param>
    internal TopSessionProvider(AccessTokenProvider tokens, IAccessTokenStore store, IOptionsMonitor<TopOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _tokens = tokens;
        _store = store;
        _options = options;
        _time = time;
    }

    /// <summary>For mocking.</summary>
    protected TopSessionProvider()
    {
    }

    /// <summary>The token key of a seller's session.</summary>
    /// <param name="seller">The seller name.</param>
    /// <returns>The key.</returns>
    public static TokenKey KeyFor(string seller) => new(TopErrorCatalogue.Platform, seller);

    /// <inheritdoc />
    public virtual async ValueTask<AccessToken> GetSessionAsync(string seller, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(seller);
        var token = await _tokens.GetTokenAsync(KeyFor(seller), this, cancellationToken).ConfigureAwait(false);
        if (_time.GetUtcNow() >= token.ExpiresAt)
        {
            throw Expired(seller, token.ExpiresAt);
        }

        return token;
    }

    /// <inheritdoc />
    public virtual async ValueTask<AccessToken> RenewRejectedAsync(string seller, AccessToken rejected, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(seller);
        ArgumentNullException.ThrowIfNull(rejected);
        return await _tokens.RefreshRejectedAsync(KeyFor(seller), rejected, this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a session obtained by an authorization flow, replacing the configured one for this process (and others sharing a distributed store).</summary>
    /// <param name="seller">The seller name.</param>
    /// <param name="session">The session key.</param>
    /// <param name="expiresAt">When it expires, if known.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    public virtual async ValueTask StoreSessionAsync(string seller, string session, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(seller);
        ArgumentException.ThrowIfNullOrWhiteSpace(session);
        var now = _time.GetUtcNow();
        await _store.SetAsync(KeyFor(seller), new AccessToken(session, expiresAt ?? now + TopWireChoices.AssumedSessionLifetime) { ObtainedAt = now }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    Task<AccessToken> IAccessTokenSource.AcquireAsync(TokenKey key, CancellationToken cancellationToken) => Task.FromResult(Configured(key.Tenant));

    /// <inheritdoc />
    Task<AccessToken> IAccessTokenSource.RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        // Nothing can refresh a TOP session: offer the configured one (maybe reloaded); if it is the same, the caller reports the rejection.
        var configured = Configured(key.Tenant);
        return Task.FromResult(string.Equals(configured.Value, current.Value, StringComparison.Ordinal) && configured.ExpiresAt <= current.ExpiresAt ? current : configured);
    }

    private AccessToken Configured(string seller)
    {
        var options = _options.CurrentValue;
        if (!options.Sellers.TryGetValue(seller, out var settings) || string.IsNullOrEmpty(settings?.Session))
        {
            throw new PlatformException(new PlatformError(TopErrorCatalogue.Platform, "session-not-configured",
                $"No TOP session is configured for seller '{seller}'.", ErrorCategory.Configuration,
                $"Authorize the app for seller '{seller}' and set Sellers:{seller}:Session, or store the session with TopSessionProvider.StoreSessionAsync. The request was not sent."));
        }

        var now = _time.GetUtcNow();
        return new AccessToken(settings.Session, settings.SessionExpiresAt ?? now + TopWireChoices.AssumedSessionLifetime) { ObtainedAt = now };
    }

    private static PlatformException Expired(string seller, DateTimeOffset expiredAt)
        => new(new PlatformError(TopErrorCatalogue.Platform, "session-expired",
            $"The TOP session of seller '{seller}' expired at {expiredAt:u}.", ErrorCategory.Authentication,
            $"Re-authorize the seller '{seller}' and update Sellers:{seller}:Session (or store the new session with TopSessionProvider.StoreSessionAsync). The request was not sent."));
}
