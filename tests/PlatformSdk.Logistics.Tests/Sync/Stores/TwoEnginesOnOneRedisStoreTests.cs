using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Logistics.Sync.Stores;
using PlatformSdk.Tests.Shared.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace PlatformSdk.Logistics.Tests.Sync.Stores;

/// <summary>Two sync engines (two workers) with their own connections to one Redis store, syncing the same batch at once.</summary>
public sealed class TwoEnginesOnOneRedisStoreTests : IClassFixture<RedisTestServerFixture>, IAsyncLifetime
{
    private readonly string _prefix = "platformsdk-two-engines:" + Guid.NewGuid().ToString("N") + ":";
    private readonly string _configuration;
    private readonly List<ConnectionMultiplexer> _connections = [];

    public TwoEnginesOnOneRedisStoreTests(RedisTestServerFixture redis, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(redis);
        output?.WriteLine(redis.Announcement);
        _configuration = redis.Configuration;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private RedisShipmentSyncStore Store(TimeProvider time)
    {
        var connection = ConnectionMultiplexer.Connect(_configuration);
        _connections.Add(connection);
        return new RedisShipmentSyncStore(connection, new RedisShipmentSyncStoreOptions { KeyPrefix = _prefix, TimeProvider = time, RequireAppendFsyncAlways = false });
    }

    [Fact]
    [Rule("RLOG-07")]
    public async Task RLOG07_two_engines_syncing_one_batch_on_one_Redis_store_send_every_shipment_exactly_once()
    {
        var time = new FakeTimeProvider(SyncKit.Start);
        // One platform behind both workers: it counts every send that took effect, per shipment, and refuses repeats like PDD.
        var platform = new FaultInjectingSender(ShipmentPlatforms.Douyin, SyncKit.QueryCaps)
        {
            RefusesRepeats = true,
            BeforeApply = async (_, _) => await Task.Yield(),
        };
        var first = new ShipmentSyncEngine([platform], Store(time), SyncKit.Carriers, SyncKit.NoWaits(), time);
        var second = new ShipmentSyncEngine([platform], Store(time), SyncKit.Carriers, SyncKit.NoWaits(), time);
        var batch = Enumerable.Range(1, 200).Select(i => SyncKit.Ship("two-" + i, order: (100200300 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var outcomes = await Task.WhenAll(first.SyncAsync(batch), second.SyncAsync(Enumerable.Reverse(batch)));

        var reader = Store(time);
        foreach (var shipment in batch)
        {
            Assert.True(platform.Applied(shipment.ShipmentId) == 1, $"{shipment.ShipmentId}: applied {platform.Applied(shipment.ShipmentId)} times");
            var record = await reader.GetAsync(shipment.ShipmentId);
            Assert.Equal(ShipmentSyncState.Done, record!.State);
            Assert.Equal(1, record.SendsStarted);
        }

        Assert.Equal(batch.Count, platform.TotalCalls);
        // Each engine reports every shipment: synced (by it, or the other engine's recorded outcome), or "another worker is
        // syncing it now" (RetryLater, nothing sent by that call). Never a failure, never an unknown outcome.
        Assert.All(outcomes.SelectMany(o => o), o => Assert.True(o.Status is ShipmentSyncStatus.Synced or ShipmentSyncStatus.RetryLater, o.ToString()));
        Assert.All(outcomes, perEngine => Assert.Equal(batch.Count, perEngine.Count));
    }
}
