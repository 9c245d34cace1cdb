using PlatformSdk.Inbox.Redis;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Inbox.Tests;

/// <summary>
/// The inbox contract on the Redis test server (REDIS_URL, else redis-server from PATH, else embedded Garnet), under a key
/// prefix of the test's own, deleted afterwards. Each instance has a connection of its own, as separate receiver processes
/// would (one shared multiplexer would serialise their scripts on one socket). The server runs without AOF, so these instances
/// opt out of the durability check.
/// </summary>
public sealed class RedisPushInboxContractTests : PushInboxContractTests, IClassFixture<RedisTestServerFixture>
{
    private readonly string _prefix = "platformsdk-inbox-test:" + Guid.NewGuid().ToString("N") + ":";
    private readonly string _configuration;
    private readonly List<ConnectionMultiplexer> _connections = [];

    public RedisPushInboxContractTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        output.WriteLine(redis.Announcement);
        _configuration = redis.Configuration;
    }

    protected override IPushInbox OpenStore(TimeProvider time, int maxDeliveries)
    {
        var connection = ConnectionMultiplexer.Connect(_configuration);
        _connections.Add(connection);
        return new RedisPushInbox(connection, new RedisPushInboxOptions
        {
            KeyPrefix = _prefix,
            MaxDeliveries = maxDeliveries,
            TimeProvider = time,
            RequireAppendFsyncAlways = false,
        });
    }

    protected override async Task DeleteStorageAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_configuration);
        var database = connection.GetDatabase();
        foreach (var name in new[] { "dedup", "seq", "payload", "seqof", "count", "error", "ready", "leases", "dead" })
        {
            await database.KeyDeleteAsync(_prefix + name);
        }

        foreach (var opened in _connections)
        {
            await opened.DisposeAsync();
        }
    }
}
