using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Testing.Top;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top;

namespace PlatformSdk.Logistics.Tests.Sync.Senders;

/// <summary>The engine with the Tmall Global direct sender, wired through DI, against FakeTopServer's direct-supply module.</summary>
public sealed class TmallGlobalDirectShipmentSenderTests
{
    private const string Supplier = "2200001234";
    private const string Store = "STORE_HZ_01";
    private static readonly string Shop = FakeTopSeed.MainSeller.Nick;

    private static (ServiceProvider Provider, FakeTopServer Fake, Dictionary<string, ConsignOrderNotify> Orders) Start()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        var fake = new FakeTopServer(new FakeTopOptions(), time);
        var orders = new Dictionary<string, ConsignOrderNotify>(StringComparer.Ordinal);
        var services = new ServiceCollection();
        services.AddPlatformSdk().UseTimeProvider(time)
            .AddTmallGlobalDirect(o =>
            {
                o.AppKey = fake.AppKey;
                o.AppSecret = fake.AppSecret;
                o.SupplierId = Supplier;
                o.Shop = Shop;
            }, top =>
            {
                top.AppKey = fake.AppKey;
                top.AppSecret = fake.AppSecret;
                top.EndpointsOverride = new TopEndpoints(fake.RouterUrl, new Uri(fake.Url + "/router/qimen/service"));
                top.Sellers[Shop] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session };
            })
            .AddLogistics(o => o.ConfigureCarriers(b => b.Map("SF", ShipmentPlatforms.TmallGlobalDirect, "SF")))
            .AddTmallGlobalDirectShipmentSender(_ => (shipment, _) => ValueTask.FromResult(orders.GetValueOrDefault(shipment.OrderId)));
        services.Configure<PlatformResilienceOptions>("Top", o =>
        {
            o.BaseDelay = TimeSpan.Zero;
            o.PermitsPerSecond = 0;
        });
        return (services.BuildServiceProvider(), fake, orders);
    }

    private static ConsignOrderNotify AddOrder(FakeTopServer fake, Dictionary<string, ConsignOrderNotify> orders, string code)
    {
        fake.TmallGlobalDirect.AddOrder(code, [new("L1", "SC-1", 2), new("L2", "SC-2", 1)]);
        return orders[code] = new ConsignOrderNotify
        {
            Method = TmallGlobalDirectPushMethods.ConsignOrderNotify,
            BizOrderCode = code,
            SupplierId = Supplier,
            StoreCode = Store,
            Items = [new ConsignOrderItem { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = 2 }, new ConsignOrderItem { SubOrderCode = "L2", ScItemId = "SC-2", Quantity = 1 }],
        };
    }

    private static Shipment Ship(string id, string order, string[]? subOrders = null, string[]? orderSubOrders = null, ShipmentPackage[]? packages = null) => new()
    {
        ShipmentId = id,
        Platform = ShipmentPlatforms.TmallGlobalDirect,
        Shop = Shop,
        OrderId = order,
        SubOrderIds = subOrders ?? [],
        OrderSubOrderIds = orderSubOrders ?? [],
        CarrierId = "SF",
        Packages = packages ?? [new ShipmentPackage("SF1000000000001", ["L1"]), new ShipmentPackage("SF1000000000002", ["L2"])],
    };

    [Fact]
    public async Task The_engine_ships_a_whole_direct_supply_order_once_with_the_shipment_id_as_out_biz_id()
    {
        var (provider, fake, orders) = Start();
        await using var _ = fake;
        await using var __ = provider;
        AddOrder(fake, orders, "LBX001");
        var engine = provider.GetRequiredService<ShipmentSyncEngine>();

        var outcome = await engine.SubmitAsync(Ship("TGD-SHIP-1", "LBX001"));
        var again = await engine.SubmitAsync(Ship("TGD-SHIP-1", "LBX001"));

        Assert.Equal(ShipmentSyncStatus.Synced, outcome.Status);
        Assert.Same(outcome, again);
        Assert.Equal(1, fake.TmallGlobalDirect.ShipmentsMade);
        Assert.Single(fake.CallsTo(FakeTmallGlobalDirectMethods.Ship));
        var shipped = fake.TmallGlobalDirect.GetOrder("LBX001")!.Shipment!;
        Assert.Equal("TGD-SHIP-1", shipped.OutBizId);
        Assert.Equal(["SF1000000000001", "SF1000000000002"], shipped.Waybills);
    }

    [Fact]
    public async Task A_partial_direct_supply_shipment_is_refused_before_sending()
    {
        var (provider, fake, orders) = Start();
        await using var _ = fake;
        await using var __ = provider;
        AddOrder(fake, orders, "LBX002");
        var engine = provider.GetRequiredService<ShipmentSyncEngine>();

        var outcome = await engine.SubmitAsync(Ship("TGD-SHIP-2", "LBX002", subOrders: ["L1"], orderSubOrders: ["L1", "L2"],
            packages: [new ShipmentPackage("SF1000000000003")]));

        Assert.Equal(ShipmentSyncStatus.Failed, outcome.Status);
        Assert.Contains("whole orders", outcome.Remedy, StringComparison.Ordinal);
        Assert.Empty(fake.CallsTo(FakeTmallGlobalDirectMethods.Ship));
    }
}
