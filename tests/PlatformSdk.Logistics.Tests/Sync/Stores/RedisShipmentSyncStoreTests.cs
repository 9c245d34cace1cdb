using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Logistics.Tests.Sync.Stores;

/// <summary>What the Redis store adds to the contract: the durability check at first use, key prefix isolation, registration.</summary>
public sealed class RedisShipmentSyncStoreTests : IClassFixture<RedisTestServerFixture>
{
    private readonly RedisTestServerFixture _redis;
    private readonly ITestOutputHelper _output;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    public RedisShipmentSyncStoreTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        _redis = redis;
        _output = output;
        output.WriteLine(redis.Announcement);
    }

    private RedisShipmentSyncStoreOptions Options(bool requireFsync) => new()
    {
        KeyPrefix = "platformsdk-shipment-sync-test:" + Guid.NewGuid().ToString("N") + ":",
        TimeProvider = _time,
        RequireAppendFsyncAlways = requireFsync,
    };

    private static async Task DeleteAsync(ConnectionMultiplexer connection, string prefix)
    {
        foreach (var name in RedisShipmentSyncStore.KeySuffixes)
        {
            await connection.GetDatabase().KeyDeleteAsync(prefix + name);
        }
    }

    [Fact]
    public async Task A_server_without_append_only_fsync_always_is_refused_with_the_remedy_and_nothing_is_written()
    {
        if (_redis.Kind == RedisTestServerKind.External)
        {
            _output.WriteLine("Not checked: an external server's persistence is whatever it is configured with.");
            return;
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var options = Options(requireFsync: true);
        var store = new RedisShipmentSyncStore(connection, options);

        var refused = await Assert.ThrowsAsync<PlatformException>(async () => await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1")));
        var refusedAgain = await Assert.ThrowsAsync<PlatformException>(async () => await store.TryClaimAsync("s-1", TimeSpan.FromMinutes(5)));

        Assert.Equal(ErrorCategory.Configuration, refused.Error.Category);
        Assert.Equal(ShipmentSyncErrorCodes.NotDurable, refused.Error.Code);
        Assert.Equal(ShipmentSyncErrorCodes.Platform, refused.Error.Platform);
        Assert.Contains("appendfsync always", refused.Error.Remedy, StringComparison.Ordinal);
        Assert.Contains("RequireAppendFsyncAlways = false", refused.Error.Remedy, StringComparison.Ordinal);
        Assert.Equal(ShipmentSyncErrorCodes.NotDurable, refusedAgain.Error.Code);
        Assert.False(await connection.GetDatabase().KeyExistsAsync(options.KeyPrefix + "shipment"));
        Assert.False(await connection.GetDatabase().KeyExistsAsync(options.KeyPrefix + "state"));
    }

    [Fact]
    public async Task Stores_under_different_key_prefixes_never_see_each_others_shipments()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var optionsA = Options(requireFsync: false);
        var optionsB = Options(requireFsync: false);
        var storeA = new RedisShipmentSyncStore(connection, optionsA);
        var storeB = new RedisShipmentSyncStore(connection, optionsB);
        try
        {
            await storeA.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1"));

            Assert.Null(await storeB.GetAsync("s-1"));
            Assert.Null(await storeB.TryClaimAsync("s-1", TimeSpan.FromMinutes(5)));
            Assert.Empty((await storeB.ListResumableAsync(10)).Records);
            Assert.NotNull(await storeA.TryClaimAsync("s-1", TimeSpan.FromMinutes(5)));
            Assert.Equal(1, (await storeB.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1", orderId: "2"))).Version);
            Assert.Equal("3921876543210", (await storeA.GetAsync("s-1"))!.Shipment.OrderId);
        }
        finally
        {
            await DeleteAsync(connection, optionsA.KeyPrefix);
            await DeleteAsync(connection, optionsB.KeyPrefix);
        }
    }

    [Fact]
    public async Task Damaged_stored_JSON_is_a_PlatformException_never_a_raw_exception()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var options = Options(requireFsync: false);
        var store = new RedisShipmentSyncStore(connection, options);
        try
        {
            await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1"));
            await connection.GetDatabase().HashSetAsync(options.KeyPrefix + "shipment", "s-1", "{not json");

            var refused = await Assert.ThrowsAsync<PlatformException>(async () => await store.GetAsync("s-1"));

            Assert.Equal(ShipmentSyncErrorCodes.CorruptRecord, refused.Error.Code);
        }
        finally
        {
            await DeleteAsync(connection, options.KeyPrefix);
        }
    }

    [Fact]
    public void A_blank_key_prefix_is_refused()
    {
        using var connection = ConnectionMultiplexer.Connect(_redis.Configuration);

        var refused = Assert.Throws<PlatformValidationException>(() => new RedisShipmentSyncStore(connection, new RedisShipmentSyncStoreOptions { KeyPrefix = " " }));

        Assert.Equal("KeyPrefix", refused.Field);
    }

    [Fact]
    public async Task AddRedisShipmentSyncStore_registers_one_store_on_the_registered_connection()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = Options(requireFsync: false).KeyPrefix;
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(connection);
        services.AddSingleton<TimeProvider>(_time);
        services.AddPlatformSdk().AddRedisShipmentSyncStore(o =>
        {
            o.KeyPrefix = prefix;
            o.RequireAppendFsyncAlways = false;
        });
        await using var provider = services.BuildServiceProvider();
        try
        {
            var store = provider.GetRequiredService<IShipmentSyncStore>();

            Assert.IsType<RedisShipmentSyncStore>(store);
            await store.AddAsync(ShipmentSyncStoreContractTests.NewShipment("s-1"));
            var claim = await store.TryClaimAsync("s-1", TimeSpan.FromMinutes(5));
            Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(5), claim!.Until);
        }
        finally
        {
            await DeleteAsync(connection, prefix);
        }
    }
}
