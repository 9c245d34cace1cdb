using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Logistics.Carriers;
using PlatformSdk.Logistics.Sync;

namespace PlatformSdk.Logistics.Tests.Sync;

internal static class SyncKit
{
    public const string Carrier = "TESTEX";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    public static readonly CarrierRegistry Carriers = new CarrierRegistryBuilder(includeShippedCarriers: false)
        .AddCarrier(Carrier, "测试快递")
        .Map(Carrier, ShipmentPlatforms.Pinduoduo, "999")
        .Map(Carrier, ShipmentPlatforms.Douyin, "ceshi")
        .Map(Carrier, ShipmentPlatforms.Taobao, "TESTEX")
        .Map(Carrier, ShipmentPlatforms.Youzan, "testex")
        .Map(Carrier, ShipmentPlatforms.Alibaba1688, "ZTO")
        .Map(Carrier, ShipmentPlatforms.TmallGlobalDirect, "ZTO")
        .AddTrackingNumberFormat(Carrier, new TrackingNumberFormat(@"T[0-9A-Z]{4,20}", "T and 4 to 20 digits or letters", "test") { Refuse = true })
        .Build();

    public static ShipmentSenderCapabilities Taobao { get; } = new()
    {
        SupportsMultipleTrackingNumbers = true, SupportsSplitBySubOrder = true, ShowsPerSplitTrackingNumbers = true, MaxSubOrderIdListLength = 500,
        RequiresNumericOrderId = true, CanQueryStatus = true,
    };

    public static ShipmentSenderCapabilities Pdd { get; } = new()
    {
        SupportsMultipleTrackingNumbers = true, SupportsSplitBySubOrder = true, ShowsPerSplitTrackingNumbers = false,
    };

    public static ShipmentSenderCapabilities QueryCaps { get; } = new()
    {
        SupportsMultipleTrackingNumbers = true, SupportsSplitBySubOrder = true, ShowsPerSplitTrackingNumbers = true, CanQueryStatus = true,
    };

    public static ShipmentSyncOptions NoWaits(Action<ShipmentSyncOptions>? tweak = null)
    {
        var options = new ShipmentSyncOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, MaxAttempts = 3, MaxConcurrency = 4 };
        tweak?.Invoke(options);
        return options;
    }

    public static (ShipmentSyncEngine Engine, InMemoryShipmentSyncStore Store, FakeTimeProvider Time) Engine(
        ShipmentSyncOptions? options = null, params ShipmentSender[] senders)
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryShipmentSyncStore(time);
        return (new ShipmentSyncEngine(senders, store, Carriers, options ?? NoWaits(), time), store, time);
    }

    public static Shipment Ship(string id, string platform = ShipmentPlatforms.Douyin, string order = "100200300", string[]? subOrders = null,
        string[]? numbers = null, string[]? orderSubOrders = null, ShipmentPackage[]? packages = null, string carrier = Carrier) => new()
    {
        ShipmentId = id,
        Platform = platform,
        Shop = "shop1",
        OrderId = order,
        SubOrderIds = subOrders ?? [],
        OrderSubOrderIds = orderSubOrders ?? [],
        CarrierId = carrier,
        Packages = packages ?? [.. (numbers ?? ["T" + id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant().PadLeft(6, '0')]).Select(n => new ShipmentPackage(n))],
    };
}
