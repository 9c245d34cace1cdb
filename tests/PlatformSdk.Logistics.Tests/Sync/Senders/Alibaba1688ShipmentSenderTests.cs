using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Sync;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Tests.Shared;

namespace PlatformSdk.Logistics.Tests.Sync.Senders;

/// <summary>The engine with the 1688 sender, wired through DI as users wire it, against the bundled Fake1688Server.</summary>
public sealed class Alibaba1688ShipmentSenderTests
{
    private const string Shop = "main";
    private static readonly Uri Callback = new("https://erp.example.com/1688/callback");

    private sealed class Harness : IDisposable
    {
        public required FakeTimeProvider Time { get; init; }

        public required Fake1688Server Fake { get; init; }

        public required ServiceProvider Provider { get; init; }

        public ShipmentSyncEngine Engine => Provider.GetRequiredService<ShipmentSyncEngine>();

        public void Dispose()
        {
            Provider.Dispose();
            Fake.Dispose();
        }
    }

    private static async Task<Harness> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        var fake = new Fake1688Server(null, time);
        var services = new ServiceCollection();
        services.AddPlatformSdk().UseTimeProvider(time)
            .AddAlibaba1688(o =>
            {
                o.AppKey = fake.AppKey;
                o.AppSecret = fake.AppSecret;
                o.RedirectUri = Callback;
                o.EndpointsOverride = new Alibaba1688Endpoints(new Uri(fake.GatewayUrl, "openapi"), fake.AuthorizeUrl);
            })
            .AddLogistics(o =>
            {
                o.Sync.BaseDelay = TimeSpan.Zero;
                o.Sync.MaxDelay = TimeSpan.Zero;
                o.ConfigureCarriers(b => b.Map("ZTO", ShipmentPlatforms.Alibaba1688, "ZTO"));
            })
            .AddAlibaba1688ShipmentSender();
        services.Configure<PlatformResilienceOptions>("Alibaba1688", o =>
        {
            o.PermitsPerSecond = 0;
            o.BaseDelay = TimeSpan.Zero;
        });
        var h = new Harness { Time = time, Fake = fake, Provider = services.BuildServiceProvider() };
        fake.SignIn(Fake1688Seed.MainShopLoginId);
        var client = h.Provider.GetRequiredService<Alibaba1688Client>();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(client.Auth.BuildAuthorizationUrl("s"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        await client.Auth.ExchangeCodeAsync(Shop, query["code"]!);
        fake.Journal.Clear();
        return h;
    }

    private static Shipment Ship(string id, long orderId = Fake1688Seed.PaidOrderId, string number = "73100000000001") => new()
    {
        ShipmentId = id,
        Platform = ShipmentPlatforms.Alibaba1688,
        Shop = Shop,
        OrderId = orderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CarrierId = "ZTO",
        Packages = [new ShipmentPackage(number)],
    };

    [Fact]
    [Rule("RLOG-13")]
    public async Task RLOG13_the_engine_ships_a_1688_order_once_and_a_second_shipment_of_it_is_AlreadySynced()
    {
        using var h = await StartAsync();

        var first = await h.Engine.SubmitAsync(Ship("1688-1"));
        var second = await h.Engine.SubmitAsync(Ship("1688-2", number: "73100000000002"));

        Assert.Equal(ShipmentSyncStatus.Synced, first.Status);
        Assert.Equal("waitbuyerreceive", h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
        Assert.Equal((ShipmentSyncStatus.AlreadySynced, "RLOG-13"), (second.Status, second.RuleId));
        Assert.Single(h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Shipments);
        Assert.Equal(2, h.Fake.CallsTo(Fake1688Routes.SendGoods).Count);
    }

    [Theory]
    [Rule("RLOG-40")]
    [InlineData(true, ShipmentSyncStatus.AlreadySynced, 1)]
    [InlineData(false, ShipmentSyncStatus.Synced, 2)]
    public async Task RLOG40_a_1688_back_end_timeout_is_reconciled_from_the_order_before_any_resend(bool applied, ShipmentSyncStatus expected, int sends)
    {
        using var h = await StartAsync();
        h.Fake.FailNextSendGoods(1, processRequest: applied);

        var outcome = await h.Engine.SubmitAsync(Ship("1688-3"));

        Assert.Equal(expected, outcome.Status);
        Assert.Equal(sends, h.Fake.CallsTo(Fake1688Routes.SendGoods).Count);
        Assert.Single(h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Shipments);
    }

    [Fact]
    [Rule("RLOG-52")]
    public async Task RLOG52_the_1688_sender_ships_named_sub_orders_whole_with_their_quantities()
    {
        using var h = await StartAsync();
        var item = h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Items.First(i => i.Quantity > 1);
        var shipment = new Shipment
        {
            ShipmentId = "1688-4", Platform = ShipmentPlatforms.Alibaba1688, Shop = Shop,
            OrderId = Fake1688Seed.PaidOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            SubOrderIds = [item.SubItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)], CarrierId = "ZTO",
            Packages = [new ShipmentPackage("73100000000004")],
        };

        var outcome = await h.Engine.SubmitAsync(shipment);

        Assert.Equal(ShipmentSyncStatus.Synced, outcome.Status);
        Assert.Equal(2, h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Items.Single(i => i.SubItemId == item.SubItemId).LogisticsStatus);
        Assert.Equal("waitsellersend", h.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
    }
}
