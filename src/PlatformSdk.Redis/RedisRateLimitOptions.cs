namespace PlatformSdk.Redis;

/// <summary>Settings of the rate limits and call counters shared through Redis (<c>UseRedisRateLimits</c>).</summary>
public sealed class RedisRateLimitOptions
{
    /// <summary>
    /// Put before every key: <c>{KeyPrefix}ratelimit:{platform}:{tenant}</c> for a bucket, <c>{KeyPrefix}calls:{{platform}}:{tenant}</c>
    /// for a call count. Processes share a limit exactly when they use the same prefix, platform and tenant name: give each
    /// app key (each ERP installation) sharing one Redis a prefix of its own. Default <c>platformsdk:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "platformsdk:";

    /// <summary>Whether the call meters (Jushuitan billing, RJST-03) count in Redis too, across processes. Default <see langword="true"/>.</summary>
    public bool CountCalls { get; set; } = true;

    /// <summary>The Redis database number; -1 (the default) for the connection's default database.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// The clock the waits run on; <see langword="null"/> for the <see cref="TimeProvider"/> registered in the container.
    /// The bucket itself is refilled by the Redis server's clock, whatever this is.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    // Tests with a fake clock: the script refills by this clock (µs) instead of the server's TIME.
    internal Func<long>? ScriptClock { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.Trim() != KeyPrefix)
        {
            throw new ArgumentException("RedisRateLimitOptions.KeyPrefix must be non-empty and have no surrounding whitespace.", nameof(KeyPrefix));
        }
    }
}
