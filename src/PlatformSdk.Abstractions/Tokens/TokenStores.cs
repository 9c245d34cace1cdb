using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;

namespace PlatformSdk.Tokens;

/// <summary>Where access tokens are kept between calls (and, for distributed stores, between processes).</summary>
public interface IAccessTokenStore
{
    /// <summary>Reads a token.</summary>
    /// <param name="key">Whose token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The token, or <see langword="null"/>.</returns>
    ValueTask<AccessToken?> GetAsync(TokenKey key, CancellationToken cancellationToken = default);

    /// <summary>Writes a token.</summary>
    /// <param name="key">Whose token.</param>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    ValueTask SetAsync(TokenKey key, AccessToken token, CancellationToken cancellationToken = default);

    /// <summary>Deletes a token.</summary>
    /// <param name="key">Whose token.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes when deleted.</returns>
    ValueTask RemoveAsync(TokenKey key, CancellationToken cancellationToken = default);
}

/// <summary>Keeps tokens in this process's memory. The default store.</summary>
public sealed class InMemoryAccessTokenStore : IAccessTokenStore
{
    private readonly ConcurrentDictionary<TokenKey, AccessToken> _tokens = new();

    /// <inheritdoc />
    public ValueTask<AccessToken?> GetAsync(TokenKey key, CancellationToken cancellationToken = default)
        => new(_tokens.TryGetValue(key, out var token) ? token : null);

    /// <inheritdoc />
    public ValueTask SetAsync(TokenKey key, AccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        _tokens[key] = token;
        return default;
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(TokenKey key, CancellationToken cancellationToken = default)
    {
        _tokens.TryRemove(key, out _);
        return default;
    }
}

/// <summary>
/// Keeps tokens in an <see cref="IDistributedCache"/> (Redis, SQL Server…) so several processes of one
/// ERP share them instead of each refreshing its own. Tokens are stored as JSON under
/// <c>platformsdk:token:{platform}:{tenant}</c>; protect the cache as you would a credential store.
/// </summary>
public sealed class DistributedCacheAccessTokenStore : IAccessTokenStore
{
    private static readonly TimeSpan KeepAfterExpiry = TimeSpan.FromDays(1);
    private readonly IDistributedCache _cache;
    private readonly string _prefix;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The distributed cache.</param>
    /// <param name="keyPrefix">The cache key prefix.</param>
    /// <param name="timeProvider">The clock used to compute cache lifetimes; <see cref="TimeProvider.System"/> when null.</param>
    public DistributedCacheAccessTokenStore(IDistributedCache cache, string keyPrefix = "platformsdk:token:", TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _prefix = keyPrefix;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<AccessToken?> GetAsync(TokenKey key, CancellationToken cancellationToken = default)
    {
        var bytes = await _cache.GetAsync(CacheKey(key), cancellationToken).ConfigureAwait(false);
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, TokenJsonContext.Default.AccessToken);
        }
        catch (JsonException)
        {
            // An unreadable entry (older format, manual edit) is treated as absent: the token is acquired again.
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(TokenKey key, AccessToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(token, TokenJsonContext.Default.AccessToken);
        var keepUntil = token.RefreshTokenExpiresAt is { } refreshExpiry && refreshExpiry > token.ExpiresAt ? refreshExpiry : token.ExpiresAt;
        var options = new DistributedCacheEntryOptions();
        if (token.RefreshToken is null || token.RefreshTokenExpiresAt is not null)
        {
            // Kept a day past expiry so an expired token can still be found and refreshed, then dropped.
            // Relative to now, so a token stored long after it expired still gets a valid (future) lifetime.
            var remaining = keepUntil + KeepAfterExpiry - _time.GetUtcNow();
            options.AbsoluteExpirationRelativeToNow = remaining > KeepAfterExpiry ? remaining : KeepAfterExpiry;
        }

        await _cache.SetAsync(CacheKey(key), bytes, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(TokenKey key, CancellationToken cancellationToken = default)
        => await _cache.RemoveAsync(CacheKey(key), cancellationToken).ConfigureAwait(false);

    private string CacheKey(TokenKey key) => $"{_prefix}{key.Platform}:{key.Tenant}";
}

[JsonSerializable(typeof(AccessToken))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class TokenJsonContext : JsonSerializerContext;
