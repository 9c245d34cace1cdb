using PlatformSdk.Inbox.Redis;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Inbox.Tests;

/// <summary>
/// The inbox contract on the Redis test server (REDIS_URL, else redis-server from PATH, else embedded Garnet), under a key
/// prefix of the test's own, deleted afterwards. The server runs without AOF, so these instances opt out of the durability check.
/// </summary>
public sealed class RedisPushInboxContractTests : PushInboxContractTests, IClassFixture<RedisTestServerFixture>
{
    private readonly string _prefix = "platformsdk-inbox-test:" + Guid.NewGuid().ToString("N") + ":";
    private readonly ConnectionMultiplexer _connection;

    public RedisPushInboxContractTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        output.WriteLine(redis.Announcement);
        _connection = ConnectionMultiplexer.Connect(redis.Configuration);
    }

    protected override IPushInbox OpenStore(TimeProvider time, int maxDeliveries) => new RedisPushInbox(_connection, new RedisPushInboxOptions
    {
        KeyPrefix = _prefix,
        MaxDeliveries = maxDeliveries,
        TimeProvider = time,
        RequireAppendFsyncAlways = false,
    });

    protected override async Task DeleteStorageAsync()
    {
        var database = _connection.GetDatabase();
        foreach (var name in new[] { "dedup", "seq", "payload", "seqof", "count", "token", "error", "ready", "leases", "dead" })
        {
            await database.KeyDeleteAsync(_prefix + name);
        }

        await _connection.DisposeAsync();
    }
}
