using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PlatformSdk.Http;
using StackExchange.Redis;

namespace PlatformSdk.Redis;

/// <summary>
/// The SDK's rate limiter shared through Redis: one <see cref="RedisTokenBucketRateLimiter"/> per platform and tenant (the
/// partition of the in-process limiter), so every process on one app key takes its permits from one bucket, and a pause
/// one process applies after a throttled reply holds for all. When Redis cannot be reached the process falls back to its
/// own in-process bucket (logged), which is the per-process limit the SDK had before: a Redis outage slows nothing down
/// beyond that and fails no call.
/// </summary>
public sealed partial class RedisPlatformRateLimiter : IPlatformRateLimiter, IDisposable
{
    private readonly ConcurrentDictionary<(string Platform, string Tenant), Lazy<RedisTokenBucketRateLimiter>> _buckets = new();
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisRateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly InProcessPlatformRateLimiter _fallback;
    private readonly ILogger _logger;

    /// <summary>Creates the limiter.</summary>
    /// <param name="redis">The connection.</param>
    /// <param name="options">Key prefix, database and clock.</param>
    /// <param name="timeProvider">The clock the waits run on when <see cref="RedisRateLimitOptions.TimeProvider"/> is not set; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <param name="logger">Where a fallback to the in-process bucket is logged.</param>
    public RedisPlatformRateLimiter(IConnectionMultiplexer redis, RedisRateLimitOptions options, TimeProvider? timeProvider = null, ILogger<RedisPlatformRateLimiter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _redis = redis;
        _options = options;
        _time = options.TimeProvider ?? timeProvider ?? TimeProvider.System;
        _fallback = new InProcessPlatformRateLimiter(_time);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The Redis key of a platform's and tenant's bucket.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The key.</returns>
    public RedisKey KeyFor(string platform, string tenant)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(tenant);
        return $"{_options.KeyPrefix}ratelimit:{platform}:{tenant}";
    }

    /// <inheritdoc />
    public async ValueTask<RateLimitLease> AcquireAsync(string platform, string tenant, PlatformResilienceOptions options, CancellationToken cancellationToken = default)
    {
        var bucket = Bucket(platform, tenant, options);
        try
        {
            return await bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            FellBack(_logger, platform, tenant, ex.GetType().Name, ex);
            return await _fallback.AcquireAsync(platform, tenant, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask PauseAsync(string platform, string tenant, PlatformResilienceOptions options, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        // This process stops at once, whatever Redis answers; the others stop when Redis has the pause.
        await _fallback.PauseAsync(platform, tenant, options, duration, cancellationToken).ConfigureAwait(false);
        try
        {
            await Bucket(platform, tenant, options).PauseAsync(duration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            FellBack(_logger, platform, tenant, ex.GetType().Name, ex);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            if (bucket.IsValueCreated)
            {
                bucket.Value.Dispose();
            }
        }

        _buckets.Clear();
        _fallback.Dispose();
    }

    private static bool IsUnreachable(Exception ex) => ex is RedisConnectionException or RedisTimeoutException or TimeoutException;

    private RedisTokenBucketRateLimiter Bucket(string platform, string tenant, PlatformResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = KeyFor(platform, tenant);
        return _buckets.GetOrAdd((platform, tenant), static (_, state) => new Lazy<RedisTokenBucketRateLimiter>(() => state.Self.Create(state.Key, state.Options)), (Self: this, Key: key, Options: options)).Value;
    }

    private RedisTokenBucketRateLimiter Create(RedisKey key, PlatformResilienceOptions options)
    {
        // PermitsPerSecond may be fractional (0.5/s): one token per 1/rate seconds, in 100 ns ticks.
        var limiterOptions = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.Burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, (long)Math.Round(TimeSpan.TicksPerSecond / options.PermitsPerSecond))),
            QueueLimit = Math.Max(0, options.QueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
        return new RedisTokenBucketRateLimiter(_redis.GetDatabase(_options.Database), key, limiterOptions, _time, _options.ScriptClock);
    }

    [LoggerMessage(1, LogLevel.Warning, "{Platform} tenant {Tenant}: Redis did not answer the rate limiter ({ExceptionType}); this process uses its own bucket for the call.", EventName = "RedisRateLimitFallback")]
    private static partial void FellBack(ILogger logger, string platform, string tenant, string exceptionType, Exception exception);
}
