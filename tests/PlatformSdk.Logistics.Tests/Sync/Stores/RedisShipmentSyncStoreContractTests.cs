using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Logistics.Tests.Sync.Stores;

/// <summary>
/// The contract on the Redis test server (REDIS_URL, else redis-server from PATH, else embedded Garnet), under a key prefix of
/// the test's own, deleted afterwards. Each instance has a connection of its own, as separate worker processes would. The
/// server runs without AOF, so these instances opt out of the durability check.
/// </summary>
public sealed class RedisShipmentSyncStoreContractTests : ShipmentSyncStoreContractTests, IClassFixture<RedisTestServerFixture>
{
    private readonly string _prefix = "platformsdk-shipment-sync-test:" + Guid.NewGuid().ToString("N") + ":";
    private readonly string _configuration;
    private readonly List<ConnectionMultiplexer> _connections = [];

    public RedisShipmentSyncStoreContractTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(redis);
        output?.WriteLine(redis.Announcement);
        _configuration = redis.Configuration;
    }

    protected override IShipmentSyncStore OpenStore(TimeProvider time)
    {
        var connection = ConnectionMultiplexer.Connect(_configuration);
        _connections.Add(connection);
        return new RedisShipmentSyncStore(connection, new RedisShipmentSyncStoreOptions
        {
            KeyPrefix = _prefix,
            TimeProvider = time,
            RequireAppendFsyncAlways = false,
        });
    }

    protected override async Task DeleteStorageAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_configuration);
        var database = connection.GetDatabase();
        foreach (var name in RedisShipmentSyncStore.KeySuffixes)
        {
            await database.KeyDeleteAsync(_prefix + name);
        }

        foreach (var opened in _connections)
        {
            await opened.DisposeAsync();
        }
    }
}
