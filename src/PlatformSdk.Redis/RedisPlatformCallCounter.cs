using System.Collections.Concurrent;
using PlatformSdk.Http;
using StackExchange.Redis;

namespace PlatformSdk.Redis;

/// <summary>
/// Call counts in Redis, shared by every process on one app key (Jushuitan's billing estimate, RJST-03): one counter per
/// platform and tenant for the current billing period, which ends for all processes at once with <see cref="Reset"/>
/// (an atomic GETSET: every call is counted in exactly one period). A platform's keys share one hash slot
/// (<c>{KeyPrefix}calls:{{platform}}:…</c>), so the snapshot reads them in one MGET on a cluster too.
/// </summary>
/// <remarks>
/// Increments are sent fire-and-forget, so counting never delays a call; they travel in order on the connection, so a read
/// from the same process sees its own increments, and closing the connection with <c>Close(allowCommandsToComplete: true)</c>
/// (what disposing it does) sends the ones still buffered. Increments lost while Redis is down are not replayed: the count
/// is an estimate, Jushuitan's invoice is authoritative.
/// </remarks>
public sealed class RedisPlatformCallCounter : IPlatformCallCounter
{
    private readonly IDatabase _database;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<(string Platform, string Tenant), bool> _announced = new();

    /// <summary>Creates the counter.</summary>
    /// <param name="redis">The connection.</param>
    /// <param name="options">Key prefix and database.</param>
    public RedisPlatformCallCounter(IConnectionMultiplexer redis, RedisRateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _database = redis.GetDatabase(options.Database);
        _prefix = options.KeyPrefix;
    }

    /// <summary>The Redis key of a platform's and tenant's count.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The key.</returns>
    public RedisKey KeyFor(string platform, string tenant)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(tenant);
        return $"{_prefix}calls:{{{platform}}}:{tenant}";
    }

    /// <inheritdoc />
    public void Increment(string platform, string tenant)
    {
        var key = KeyFor(platform, tenant);
        if (_announced.TryAdd((platform, tenant), true))
        {
            _database.SetAdd(TenantsKey(platform), tenant, CommandFlags.FireAndForget);
        }

        _database.StringIncrement(key, 1, CommandFlags.FireAndForget);
    }

    /// <inheritdoc />
    public long Get(string platform, string tenant) => (long?)_database.StringGet(KeyFor(platform, tenant)) ?? 0;

    /// <inheritdoc />
    public long Reset(string platform, string tenant) => (long?)_database.StringGetSet(KeyFor(platform, tenant), 0) ?? 0;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> Snapshot(string platform)
    {
        var tenants = _database.SetMembers(TenantsKey(platform)).Select(t => (string)t!).Order(StringComparer.Ordinal).ToArray();
        if (tenants.Length == 0)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }

        var counts = _database.StringGet([.. tenants.Select(t => KeyFor(platform, t))]);
        var snapshot = new Dictionary<string, long>(tenants.Length, StringComparer.Ordinal);
        for (var i = 0; i < tenants.Length; i++)
        {
            snapshot[tenants[i]] = (long?)counts[i] ?? 0;
        }

        return snapshot;
    }

    private RedisKey TenantsKey(string platform) => $"{_prefix}calls:{{{platform}}}";
}
