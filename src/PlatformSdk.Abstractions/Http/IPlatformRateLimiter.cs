using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace PlatformSdk.Http;

/// <summary>
/// Where <see cref="PlatformRateLimiters"/> takes its permits: one bucket per platform and tenant, the same partition the
/// SDK has always used. The default keeps the buckets in this process (<see cref="InProcessPlatformRateLimiter"/>); a shared
/// implementation (PlatformSdk.Redis) makes several processes on one app key share one limit and one pause.
/// </summary>
public interface IPlatformRateLimiter
{
    /// <summary>Waits for a permit of the platform's and tenant's bucket.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="options">The limit (<see cref="PlatformResilienceOptions.PermitsPerSecond"/> &gt; 0), burst and queue limit; a bucket keeps the settings it was created with.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>
    /// The lease: acquired, or not acquired because the line was full, then with <see cref="MetadataName.RetryAfter"/> when
    /// the limiter knows how long until a permit is free.
    /// </returns>
    ValueTask<RateLimitLease> AcquireAsync(string platform, string tenant, PlatformResilienceOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Grants no permit of the platform's and tenant's bucket for <paramref name="duration"/> (the platform asked to be left
    /// alone, for example a throttled reply with a retry-after). A longer pause already in force is kept. The bucket keeps
    /// at most one token, so when the pause ends one call goes and the rest follow at the steady rate.
    /// </summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="options">The limit of the bucket, created with it if it did not exist yet.</param>
    /// <param name="duration">How long to pause.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>A task that completes when the pause is in force.</returns>
    ValueTask PauseAsync(string platform, string tenant, PlatformResilienceOptions options, TimeSpan duration, CancellationToken cancellationToken = default);
}

/// <summary>
/// The default <see cref="IPlatformRateLimiter"/>: one token bucket per platform and tenant in this process, on the injected
/// <see cref="TimeProvider"/>. Several processes on one app key each get the whole limit; use a shared limiter for them.
/// </summary>
public sealed class InProcessPlatformRateLimiter : IPlatformRateLimiter, IDisposable
{
    private readonly ConcurrentDictionary<(string Platform, string Tenant), Lazy<ClockedTokenBucket>> _buckets = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the limiter.</summary>
    /// <param name="timeProvider">The clock that refills the buckets and times the waits; <see cref="TimeProvider.System"/> when omitted.</param>
    public InProcessPlatformRateLimiter(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public async ValueTask<RateLimitLease> AcquireAsync(string platform, string tenant, PlatformResilienceOptions options, CancellationToken cancellationToken = default)
    {
        var bucket = Bucket(platform, tenant, options);
        return await bucket.AcquireAsync(cancellationToken).ConfigureAwait(false) is { } rejectedFor
            ? PlatformLease.Rejected(rejectedFor)
            : PlatformLease.Granted;
    }

    /// <inheritdoc />
    public ValueTask PauseAsync(string platform, string tenant, PlatformResilienceOptions options, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Bucket(platform, tenant, options).Pause(duration);
        return ValueTask.CompletedTask;
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
    }

    private ClockedTokenBucket Bucket(string platform, string tenant, PlatformResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(options);
        return _buckets.GetOrAdd((platform, tenant),
            static (_, state) => new Lazy<ClockedTokenBucket>(() => new ClockedTokenBucket(state.options, state.time)), (options, time: _timeProvider)).Value;
    }
}

/// <summary>The leases the SDK's limiters hand out: a permit is spent when taken, like a token bucket's; the lease only says whether it was granted.</summary>
public sealed class PlatformLease : RateLimitLease
{
    private static readonly string[] RetryAfterOnly = [MetadataName.RetryAfter.Name];

    private readonly TimeSpan? _retryAfter;

    private PlatformLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
    }

    /// <summary>A granted permit.</summary>
    public static PlatformLease Granted { get; } = new(acquired: true, retryAfter: null);

    /// <inheritdoc />
    public override bool IsAcquired { get; }

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : RetryAfterOnly;

    /// <summary>A refused permit.</summary>
    /// <param name="retryAfter">How long until a permit is expected to be free, if known.</param>
    /// <returns>The lease.</returns>
    public static PlatformLease Rejected(TimeSpan? retryAfter) => new(acquired: false, retryAfter);

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } wait && string.Equals(metadataName, MetadataName.RetryAfter.Name, StringComparison.Ordinal))
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}
