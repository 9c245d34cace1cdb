using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Carriers;
using PlatformSdk.Logistics.Senders.Alibaba1688;
using PlatformSdk.Logistics.Senders.Taobao;
using PlatformSdk.Logistics.Senders.TmallGlobalDirect;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Top;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.Push;
using PlatformSdk.Top;

namespace PlatformSdk.Logistics.Tests.Sync.EndToEnd;

/// <summary>
/// The bundled fakes on loopback (Fake1688Server; FakeTopServer with its Taobao logistics and Tmall Global direct modules), the SDK
/// clients wired over DI as users wire them, and the real senders. The fakes' own state is what exactly-once is judged by.
/// </summary>
internal sealed class FakePlatforms : IAsyncDisposable
{
    public const string Shop1688 = "main";
    public const string Supplier = "2200001234";
    public const string Store = "STORE_HZ_01";
    public const string Carrier = "E2EX";
    public static readonly string TopShop = FakeTopSeed.MainSeller.Nick;

    private readonly Dictionary<string, ConsignOrderNotify> _directOrders = new(StringComparer.Ordinal);
    private Fake1688Order? _template;

    private FakePlatforms(FakeTimeProvider time, Fake1688Server alibaba, FakeTopServer top, ServiceProvider provider)
    {
        Time = time;
        Alibaba = alibaba;
        Top = top;
        Provider = provider;
    }

    public FakeTimeProvider Time { get; }

    public Fake1688Server Alibaba { get; }

    public FakeTopServer Top { get; }

    public ServiceProvider Provider { get; }

    public IReadOnlyList<ShipmentSender> RealSenders { get; private set; } = [];

    public static CarrierRegistry Carriers { get; } = new CarrierRegistryBuilder(includeShippedCarriers: false)
        .AddCarrier(Carrier, "端到端快递")
        .Map(Carrier, ShipmentPlatforms.Alibaba1688, "ZTO")
        .Map(Carrier, ShipmentPlatforms.TmallGlobalDirect, "SF")
        .Map(Carrier, ShipmentPlatforms.Taobao, "SF")
        .Map(Carrier, ShipmentPlatforms.Tmall, "SF")
        .AddTrackingNumberFormat(Carrier, new TrackingNumberFormat(@"SF[0-9]{12,13}", "SF and 12 or 13 digits", "test") { Refuse = true })
        .Build();

    public static async Task<FakePlatforms> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var alibaba = new Fake1688Server(null, time);
        var top = new FakeTopServer(new FakeTopOptions(), time);
        _ = top.Logistics;
        _ = top.TmallGlobalDirect;
        var services = new ServiceCollection();
        services.AddLogging();
        var sdk = services.AddPlatformSdk().UseTimeProvider(time)
            .AddAlibaba1688(o =>
            {
                o.AppKey = alibaba.AppKey;
                o.AppSecret = alibaba.AppSecret;
                o.RedirectUri = new Uri("https://erp.example.com/1688/callback");
                o.EndpointsOverride = new Alibaba1688Endpoints(new Uri(alibaba.GatewayUrl, "openapi"), alibaba.AuthorizeUrl);
            })
            .AddTmallGlobalDirect(o =>
            {
                o.AppKey = top.AppKey;
                o.AppSecret = top.AppSecret;
                o.SupplierId = Supplier;
                o.Shop = TopShop;
            }, o =>
            {
                o.AppKey = top.AppKey;
                o.AppSecret = top.AppSecret;
                o.EndpointsOverride = new TopEndpoints(top.RouterUrl, new Uri(top.Url + "/router/qimen/service"));
                o.Sellers[TopShop] = new TopSellerOptions { Session = FakeTopSeed.MainSeller.Session };
            });
        sdk.AddTopCatalogue(ShipmentPlatforms.Taobao, TaobaoShipmentSender.ErrorCatalogueFor(ShipmentPlatforms.Taobao));
        sdk.AddTopCatalogue(ShipmentPlatforms.Tmall, TaobaoShipmentSender.ErrorCatalogueFor(ShipmentPlatforms.Tmall));

        // No retry inside the executor: its backoff would wait on the fake clock nobody advances, and the engine owns retries.
        foreach (var platform in new[] { "Alibaba1688", "Top" })
        {
            services.Configure<PlatformResilienceOptions>(platform, o =>
            {
                o.BaseDelay = TimeSpan.Zero;
                o.PermitsPerSecond = 0;
                o.MaxRetries = 0;
            });
        }

        var h = new FakePlatforms(time, alibaba, top, services.BuildServiceProvider());
        var client = h.Provider.GetRequiredService<Alibaba1688Client>();
        alibaba.SignIn(Fake1688Seed.MainShopLoginId);
        using (var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        using (var response = await browser.GetAsync(client.Auth.BuildAuthorizationUrl("s")))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
            await client.Auth.ExchangeCodeAsync(Shop1688, query["code"]!);
        }

        h._template = alibaba.GetOrder(Fake1688Seed.PaidOrderId)!;
        var topClient = h.Provider.GetRequiredService<TopClient>();
        h.RealSenders =
        [
            new Alibaba1688ShipmentSender(client, time),
            new TmallGlobalDirectShipmentSender(h.Provider.GetRequiredService<TmallGlobalDirectClient>(), h.FindDirectOrderAsync),
            new TaobaoShipmentSender(topClient, ShipmentPlatforms.Taobao, TaobaoShipMethod.Offline),
            new TaobaoShipmentSender(topClient, ShipmentPlatforms.Tmall, TaobaoShipMethod.Online),
        ];
        return h;
    }

    /// <summary>Seeds the order one shipment ships on its platform; a doomed one is refused there (unknown order, refunded line).</summary>
    public Shipment AddOrder(string platform, int index, bool doomed)
    {
        var number = "SF" + (100000000000L + index).ToString(CultureInfo.InvariantCulture);
        var id = "E2E-" + index.ToString(CultureInfo.InvariantCulture);
        string order;
        switch (platform)
        {
            case ShipmentPlatforms.Alibaba1688:
                var orderId = 3712100000000000000L + (index * 10L);
                order = orderId.ToString(CultureInfo.InvariantCulture);
                if (!doomed)
                {
                    Alibaba.AddOrder(_template! with
                    {
                        OrderId = orderId,
                        Items = [.. _template!.Items.Select((item, i) => item with { SubItemId = orderId + i + 1 })],
                        Shipments = [],
                    });
                }

                break;
            case ShipmentPlatforms.TmallGlobalDirect:
                order = "LBX" + index.ToString("D7", CultureInfo.InvariantCulture);
                if (!doomed)
                {
                    Top.TmallGlobalDirect.AddOrder(order, [new("L1", "SC-1", 2)]);
                }

                lock (_directOrders)
                {
                    _directOrders[order] = new ConsignOrderNotify
                    {
                        Method = TmallGlobalDirectPushMethods.ConsignOrderNotify,
                        BizOrderCode = order,
                        SupplierId = Supplier,
                        StoreCode = Store,
                        Items = [new ConsignOrderItem { SubOrderCode = "L1", ScItemId = "SC-1", Quantity = 2 }],
                    };
                }

                break;
            default:
                order = (3100000000000000L + (index * 10L)).ToString(CultureInfo.InvariantCulture);
                var oid = order[..^1] + "1";
                Top.Logistics.AddTrade(order, [oid], cashOnDelivery: false);
                if (doomed)
                {
                    Top.Logistics.RefundSubOrder(order, oid);
                }

                break;
        }

        return new Shipment
        {
            ShipmentId = id,
            Platform = platform,
            Shop = platform is ShipmentPlatforms.Alibaba1688 ? Shop1688 : TopShop,
            OrderId = order,
            CarrierId = Carrier,
            Packages = [new ShipmentPackage(number)],
        };
    }

    /// <summary>How many times the platform applied the shipment, read from the fake's own state.</summary>
    public int Applied(Shipment shipment) => shipment.Platform switch
    {
        ShipmentPlatforms.Alibaba1688 => Alibaba.GetOrder(long.Parse(shipment.OrderId, CultureInfo.InvariantCulture))?.Shipments.Count ?? 0,
        // Direct supply ships an order once; shipped under another out_biz_id it is not this shipment's send: counted as a violation.
        ShipmentPlatforms.TmallGlobalDirect => Top.TmallGlobalDirect.GetOrder(shipment.OrderId)?.Shipment is { } s
            ? (s.OutBizId == shipment.ShipmentId ? 1 : 100)
            : 0,
        _ => Top.Logistics.AppliedSends(shipment.OrderId).Count,
    };

    /// <summary>
    /// Sends the platform received for a shipment it had already applied. Tmall Global direct has an idempotency key
    /// (out_biz_id = shipment id), so a resend there is by design and not counted.
    /// </summary>
    public int SendsAfterApplied(Shipment shipment) => shipment.Platform switch
    {
        ShipmentPlatforms.Alibaba1688 => Alibaba.SendsAfterShipped(long.Parse(shipment.OrderId, CultureInfo.InvariantCulture)),
        ShipmentPlatforms.TmallGlobalDirect => 0,
        _ => Top.Logistics.SendsAfterShipped(shipment.OrderId),
    };

    /// <summary>Where the fake has the platform's "back end timed out after applying" answer: 1688 RLOG-40, Tmall CD01 (RLOG-37).</summary>
    public static bool HasBackendTimeout(string platform) => platform is ShipmentPlatforms.Alibaba1688 or ShipmentPlatforms.Tmall;

    public FakePlatformServer ServerOf(string route) => route == Fake1688Routes.SendGoods ? Alibaba : Top;

    public void ArmBackendTimeoutAfterApplying(string route, RouteFaults rules)
    {
        if (route == Fake1688Routes.SendGoods)
        {
            Alibaba.FailNextSendGoods(1, processRequest: true);
        }
        else
        {
            rules.Once(FakeTopFaults.Error(15, "Remote service error", "isv.logistics-online-service-error:CD01", FakeTaobaoLogisticsModule.Cd01Text, processRequest: true));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Top.DisposeAsync();
        await Alibaba.DisposeAsync();
    }

    private ValueTask<ConsignOrderNotify?> FindDirectOrderAsync(Shipment shipment, CancellationToken cancellationToken)
    {
        lock (_directOrders)
        {
            return ValueTask.FromResult(_directOrders.GetValueOrDefault(shipment.OrderId));
        }
    }
}
