using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Senders.Taobao;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Testing.Top;
using PlatformSdk.Top;

namespace PlatformSdk.Logistics.Tests.Senders.Taobao;

/// <summary>FakeTopServer over loopback and the Taobao/Tmall senders wired over the TOP host the way the docs show; one per test.</summary>
internal sealed class TaobaoHarness : IAsyncDisposable
{
    public const string Tid = "3100000000000001";
    public const string Oid1 = "3100000000000011";
    public const string Oid2 = "3100000000000012";
    public static readonly string Shop = FakeTopSeed.MainSeller.Nick;

    private TaobaoHarness(FakeTopServer fake, ServiceProvider provider, TaobaoShipMethod method)
    {
        Fake = fake;
        Provider = provider;
        Top = provider.GetRequiredService<TopClient>();
        Taobao = new TaobaoShipmentSender(Top, ShipmentPlatforms.Taobao, method);
        Tmall = new TaobaoShipmentSender(Top, ShipmentPlatforms.Tmall, method);
    }

    public FakeTopServer Fake { get; }

    public FakeTaobaoLogisticsModule Platform => Fake.Logistics;

    public ServiceProvider Provider { get; }

    public TopClient Top { get; }

    public TaobaoShipmentSender Taobao { get; }

    public TaobaoShipmentSender Tmall { get; }

    public static TaobaoHarness Start(TaobaoShipMethod method = TaobaoShipMethod.Offline)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        var fake = new FakeTopServer(new FakeTopOptions(), time);
        _ = fake.Logistics;
        var services = new ServiceCollection();
        services.AddLogging();
        var sdk = services.AddPlatformSdk().UseTimeProvider(time).AddTop(top =>
        {
            top.AppKey = fake.AppKey;
            top.AppSecret = fake.AppSecret;
            top.EndpointsOverride = new TopEndpoints(fake.RouterUrl, new Uri(fake.Url + "/router/qimen/service"));
            top.Sellers[Shop] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session };
        });
        sdk.AddTopCatalogue(ShipmentPlatforms.Taobao, TaobaoShipmentSender.ErrorCatalogueFor(ShipmentPlatforms.Taobao));
        sdk.AddTopCatalogue(ShipmentPlatforms.Tmall, TaobaoShipmentSender.ErrorCatalogueFor(ShipmentPlatforms.Tmall));
        services.Configure<PlatformResilienceOptions>("Top", o =>
        {
            o.BaseDelay = TimeSpan.Zero;
            o.PermitsPerSecond = 0;
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new TaobaoHarness(fake, provider, method);
    }

    /// <summary>A paid trade of two sub-orders.</summary>
    public void AddTrade(string tid = Tid, bool cashOnDelivery = false) => Platform.AddTrade(tid, [Oid1, Oid2], cashOnDelivery);

    public static Shipment Shipment(string tid = Tid, string platform = ShipmentPlatforms.Taobao, IReadOnlyList<string>? subOrders = null, params ShipmentPackage[] packages) => new()
    {
        ShipmentId = "SHIP-" + tid,
        Platform = platform,
        Shop = Shop,
        OrderId = tid,
        SubOrderIds = subOrders ?? [],
        CarrierId = "SF",
        Packages = packages.Length == 0 ? [new ShipmentPackage("SF1234567890123")] : packages,
    };

    public static ShipmentSendRequest Request(Shipment shipment, string carrierCode = "SF") => new(shipment, carrierCode, 1);

    public int SendCalls => Fake.CallsTo(FakeTaobaoLogisticsMethods.OfflineSend).Count + Fake.CallsTo(FakeTaobaoLogisticsMethods.OnlineSend).Count;

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
