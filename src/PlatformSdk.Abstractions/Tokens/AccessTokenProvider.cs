using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;

using PlatformSdk.Http;

namespace PlatformSdk.Tokens;

/// <summary>Obtains and refreshes tokens for one platform; the platform package implements it.</summary>
public interface IAccessTokenSource
{
    /// <summary>Obtains a first token when the store has none (from configuration, or by an OAuth exchange).</summary>
    /// <param name="key">Whose token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token.</returns>
    Task<AccessToken> AcquireAsync(TokenKey key, CancellationToken cancellationToken = default);

    /// <summary>Refreshes a token that expires soon, expired, or was rejected.</summary>
    /// <param name="key">Whose token.</param>
    /// <param name="current">The token being replaced.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new token.</returns>
    Task<AccessToken> RefreshAsync(TokenKey key, AccessToken current, CancellationToken cancellationToken = default);
}

/// <summary>Settings for <see cref="AccessTokenProvider"/>.</summary>
public sealed class AccessTokenProviderOptions
{
    /// <summary>How long before expiry a token is refreshed proactively. Default 10 minutes.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A platform's own extra margin, set by its package registration (as Azure's bearer-token policy takes its refresh offset): a
    /// token whose lifetime is more than twice the margin is refreshed that much earlier still. Jushuitan registers 24 h, 1688 30 min.
    /// </summary>
    public Dictionary<string, TimeSpan> PlatformRefreshMargins { get; } = new(StringComparer.Ordinal);

    /// <summary>When a token must be refreshed proactively.</summary>
    /// <param name="platform">The token's platform.</param>
    /// <param name="token">The token.</param>
    /// <returns>The instant from which the token is refreshed before use.</returns>
    public DateTimeOffset RefreshAt(string platform, AccessToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var margin = RefreshBeforeExpiry;
        if (platform is not null && PlatformRefreshMargins.TryGetValue(platform, out var extra) && token.ObtainedAt != default
            && token.ExpiresAt - token.ObtainedAt > TimeSpan.FromTicks(extra.Ticks * 2))
        {
            margin += extra;
        }

        return token.ExpiresAt - margin;
    }
}

/// <summary>
/// Hands out access tokens per tenant. Refreshes proactively before expiry and on rejection, with
/// <em>single-flight</em> refresh: however many callers need a token at once, one refresh runs per
/// tenant in this process, and the others await its result. Before refreshing it re-reads the store,
/// so with a distributed store a token another process already refreshed is reused.
/// </summary>
public class AccessTokenProvider
{
    private readonly IAccessTokenStore _store;
    private readonly TimeProvider _time;
    private readonly AccessTokenProviderOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<TokenKey, Lazy<Task<AccessToken>>> _inflight = new();

    // Tokens the platform refused to refresh with an authentication error: refreshing them again cannot succeed, so callers get
    // that answer at once until a different token (a new authorization) reaches the store.
    private readonly ConcurrentDictionary<TokenKey, (AccessToken Token, PlatformException Failure)> _refusedRefresh = new();

    /// <summary>Creates the provider.</summary>
    /// <param name="store">Where tokens are kept.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">Settings.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public AccessTokenProvider(IAccessTokenStore store, TimeProvider time, IOptions<AccessTokenProviderOptions>? options = null, ILogger<AccessTokenProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
        _options = options?.Value ?? new AccessTokenProviderOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>For mocking.</summary>
    protected AccessTokenProvider()
    {
        _store = null!;
        _time = TimeProvider.System;
        _options = new AccessTokenProviderOptions();
        _logger = NullLogger.Instance;
    }

    /// <summary>Returns a usable token, acquiring or refreshing it when needed.</summary>
    /// <param name="key">Whose token.</param>
    /// <param name="source">How to obtain or refresh it.</param>
    /// <param name="cancellationToken">Cancels this caller's wait (not a refresh other callers share).</param>
    /// <returns>The token; send <see cref="AccessToken.EffectiveValue"/>.</returns>
    public virtual async ValueTask<AccessToken> GetTokenAsync(TokenKey key, IAccessTokenSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var token = await _store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (token is not null && !NeedsRefresh(key, token))
        {
            return token;
        }

        return await RunSingleFlight(key, source, rejected: null).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reports that the platform rejected <paramref name="rejected"/> as expired and returns a refreshed token.
    /// If another caller already replaced it, the replacement is returned without a second refresh.
    /// </summary>
    /// <param name="key">Whose token.</param>
    /// <param name="rejected">The token the platform rejected.</param>
    /// <param name="source">How to refresh it.</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The refreshed token.</returns>
    public virtual async ValueTask<AccessToken> RefreshRejectedAsync(TokenKey key, AccessToken rejected, IAccessTokenSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(source);
        return await RunSingleFlight(key, source, rejected).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The platform's refusal of the last renewal of <paramref name="key"/>'s token (an authorization revoked, a refresh token
    /// the platform no longer accepts), as long as <paramref name="current"/> is still the token it refused to renew; otherwise
    /// <see langword="null"/>. Known to this process only (health checks read it); the error is the one the caller got, with
    /// secrets masked.
    /// </summary>
    /// <param name="key">Whose token.</param>
    /// <param name="current">The token stored now.</param>
    /// <returns>The refusal, or <see langword="null"/>.</returns>
    public virtual PlatformError? RefusedRefresh(TokenKey key, AccessToken current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return _refusedRefresh.TryGetValue(key, out var refused) && SameToken(refused.Token, current) ? refused.Failure.Error : null;
    }

    private bool NeedsRefresh(TokenKey key, AccessToken token) => _time.GetUtcNow() >= _options.RefreshAt(key.Platform, token);

    private Task<AccessToken> RunSingleFlight(TokenKey key, IAccessTokenSource source, AccessToken? rejected)
    {
        var lazy = _inflight.GetOrAdd(key, k => new Lazy<Task<AccessToken>>(() => RefreshCoreAsync(k, source, rejected)));
        return lazy.Value;
    }

    private async Task<AccessToken> RefreshCoreAsync(TokenKey key, IAccessTokenSource source, AccessToken? rejected)
    {
        try
        {
            // Shared by every waiting caller, so no single caller's cancellation may abort it.
            var current = await _store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);
            if (current is not null && !NeedsRefresh(key, current) && (rejected is null || !SameToken(current, rejected)))
            {
                return current; // someone (maybe another process) refreshed it already
            }

            if (current is not null && _refusedRefresh.TryGetValue(key, out var refused))
            {
                if (SameToken(refused.Token, current))
                {
                    if (rejected is null && _time.GetUtcNow() < current.ExpiresAt)
                    {
                        return current;
                    }

                    throw new PlatformException(refused.Failure.Error, refused.Failure);
                }

                _refusedRefresh.TryRemove(key, out _);
            }

            AccessToken fresh;
            try
            {
                fresh = current is null
                    ? await source.AcquireAsync(key, CancellationToken.None).ConfigureAwait(false)
                    : await source.RefreshAsync(key, current, CancellationToken.None).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (current is not null && ex.Category == ErrorCategory.Authentication && !ex.Error.IsTokenExpiry)
            {
                _refusedRefresh[key] = (current, ex);
                if (rejected is null && _time.GetUtcNow() < current.ExpiresAt)
                {
                    LogProactiveRefreshFailed(key, ex);
                    return current;
                }

                throw;
            }
            catch (PlatformException ex) when (current is not null && rejected is null && _time.GetUtcNow() < current.ExpiresAt)
            {
                // A proactive refresh failed but the token still works: keep using it and try again on the next call.
                LogProactiveRefreshFailed(key, ex);
                return current;
            }

            if (fresh.ObtainedAt == default)
            {
                fresh = fresh with { ObtainedAt = _time.GetUtcNow() };
            }

            await _store.SetAsync(key, fresh, CancellationToken.None).ConfigureAwait(false);
            return fresh;
        }
        finally
        {
            _inflight.TryRemove(key, out _);
        }
    }

    private static bool SameToken(AccessToken a, AccessToken b)
        => string.Equals(a.Value, b.Value, StringComparison.Ordinal) && a.ObtainedAt == b.ObtainedAt && a.ExpiresAt == b.ExpiresAt;

    private void LogProactiveRefreshFailed(TokenKey key, PlatformException ex)
        => PlatformLog.ProactiveRefreshFailed(_logger, key.ToString(), ex.Category, ex.ErrorCode);
}
