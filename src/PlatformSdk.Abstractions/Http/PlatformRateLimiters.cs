using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace PlatformSdk.Http;

/// <summary>
/// Holds one token-bucket limiter per platform and tenant, so one busy shop cannot use up another's
/// quota. Registered as a singleton: limiter state outlives the HTTP handlers, which the factory recycles.
/// </summary>
public sealed class PlatformRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<(string Platform, string Tenant), RateLimiter> _limiters = new();

    /// <summary>Waits for a permit for one call.</summary>
    /// <param name="context">The call.</param>
    /// <param name="options">The platform's settings; no limit when <see cref="PlatformResilienceOptions.PermitsPerSecond"/> is 0.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lease, to dispose when the attempt ends.</returns>
    /// <exception cref="PlatformRateLimitRejectedException">The tenant's queue is full.</exception>
    public async ValueTask<RateLimitLease?> AcquireAsync(PlatformRequestContext context, PlatformResilienceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PermitsPerSecond <= 0)
        {
            return null;
        }

        var limiter = _limiters.GetOrAdd((context.Operation.Platform, context.Tenant), static (_, o) => Create(o), options);
        var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (lease.IsAcquired)
        {
            return lease;
        }

        TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
        lease.Dispose();
        throw new PlatformRateLimitRejectedException(
            $"More than {options.QueueLimit} {context.Operation.Platform} calls are waiting for tenant '{context.Tenant}' (limit {options.PermitsPerSecond}/s).", retryAfter);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }

        _limiters.Clear();
    }

    private static TokenBucketRateLimiter Create(PlatformResilienceOptions options)
    {
        // Replenish in small steps so a 5/s limit spreads calls instead of releasing 5 at once each second.
        var tokensPerPeriod = Math.Max(1, (int)Math.Ceiling(options.PermitsPerSecond / 10d));
        var period = TimeSpan.FromSeconds(tokensPerPeriod / options.PermitsPerSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(options.Burst, tokensPerPeriod),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
