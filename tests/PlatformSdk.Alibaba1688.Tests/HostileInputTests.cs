using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Alibaba1688.Models.Logistics;
using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Alibaba1688.Models.Products;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Testing;

namespace PlatformSdk.Alibaba1688.Tests;

/// <summary>
/// Hostile values fed into every public 1688 call through a real client against a loopback server: each is refused with a
/// <see cref="PlatformValidationException"/> naming the field, and the server sees no request at all.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Shop = "shopA";
    private static readonly string Huge = new('9', 10_000);
    private static readonly Alibaba1688PreOrderLine Line = new() { OfferId = 5, SpecId = "sp", Quantity = 2, UnitPrice = 25.75m, ListPrice = 100m };
    private static readonly Alibaba1688PreOrderRequest PreOrder = new() { SalesOrderId = "SO-9", Freight = 12m, Lines = [Line] };
    private static readonly Alibaba1688ShipRequest Ship = new()
    {
        OrderId = 1001,
        Entries = [new Alibaba1688ShipEntry(2001, 1)],
        CarrierCode = "YTO",
        TrackingNumber = "YT123456789",
        ShippedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    private static readonly Alibaba1688Image[] Jpg = [new Alibaba1688Image("a.jpg", new byte[] { 1, 2, 3 })];

    private static readonly Dictionary<string, (string Field, Func<Alibaba1688Client, Task> Call)> Ids = new()
    {
        ["shop with NUL"] = ("shop", c => Task.FromResult(c.ForShop("shop\u0000A"))),
        ["shop of 10,000 characters"] = ("shop", c => Task.FromResult(c.ForShop(Huge))),
        ["SalesOrderId with NUL"] = ("salesOrderId", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { SalesOrderId = "SO\u00009" })),
        ["SalesOrderId of 10,000 characters"] = ("salesOrderId", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { SalesOrderId = Huge })),
        ["SalesOrderId with a line separator"] = ("salesOrderId", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { SalesOrderId = "SO\u20299" })),
        ["SalesOrderId with a lone surrogate"] = ("salesOrderId", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { SalesOrderId = "SO\uDBFF" })),
        ["specId with a newline"] = ("lines[0].specId", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Lines = [Line with { SpecId = "sp\n1" }] })),
        ["market with ESC"] = ("market", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Market = "其他\u001b" })),
        ["receiver mobile with CR"] = ("receiver.mobile", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Receiver = new Alibaba1688Receiver { Mobile = "138\r1" } })),
        ["outOrderId with a newline"] = ("outOrderId", c => c.ForShop(Shop).Orders.FindByOutOrderIdAsync("SO-1\n")),
        ["outOrderId of 10,000 characters"] = ("outOrderId", c => c.ForShop(Shop).Orders.FindByOutOrderIdAsync(Huge)),
        ["carrierCode with NUL"] = ("carrierCode", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { CarrierCode = "YT\u0000O" })),
        ["carrierName with DEL"] = ("carrierName", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { CarrierName = "圆通\u007f" })),
        ["trackingNumber of 10,000 characters"] = ("trackingNumber", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { TrackingNumber = Huge })),
        ["OAuth state with NUL"] = ("state", c => Task.FromResult(c.Auth.BuildAuthorizationUrl("st\u0000ate"))),
        ["OAuth state of 10,000 characters"] = ("state", c => Task.FromResult(c.Auth.BuildAuthorizationUrl(Huge))),
        ["OAuth code with NUL"] = ("code", c => c.Auth.ExchangeCodeAsync(Shop, "co\u0000de")),
        ["OAuth shop with SOH"] = ("shop", c => c.Auth.ExchangeCodeAsync("shop\u0001", "code")),
        ["subject with a newline"] = ("subject", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea\nTime", CategoryId = 7, Images = Jpg })),
        ["image name with a path"] = ("images[0].name", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = [new Alibaba1688Image("../a.jpg", new byte[] { 1 })] })),
        ["image name with a quote"] = ("images[0].name", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = [new Alibaba1688Image("a\".jpg", new byte[] { 1 })] })),
        ["image name with CR LF"] = ("images[0].name", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = [new Alibaba1688Image("a.jpg\r\nX: y", new byte[] { 1 })] })),
        ["image name of 10,000 characters"] = ("images[0].name", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = [new Alibaba1688Image(Huge, new byte[] { 1 })] })),
    };

    private static readonly Dictionary<string, (string Field, Func<Alibaba1688Client, Task> Call)> Dates = new()
    {
        ["ShippedAt MinValue"] = ("gmtSend", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { ShippedAt = DateTimeOffset.MinValue })),
        ["ShippedAt MaxValue"] = ("gmtSend", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { ShippedAt = DateTimeOffset.MaxValue })),
        ["ShippedAt default"] = ("gmtSend", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { ShippedAt = default })),
    };

    private static readonly Dictionary<string, (string Field, Func<Alibaba1688Client, Task> Call)> Numbers = new()
    {
        ["Freight decimal.MaxValue"] = ("freight", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Freight = decimal.MaxValue })),
        ["Freight with 28 decimals"] = ("freight", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Freight = 0.0000000000000000000000000001m })),
        ["UnitPrice decimal.MaxValue"] = ("lines[0].unitPrice", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Lines = [Line with { UnitPrice = decimal.MaxValue }] })),
        ["ListPrice decimal.MinValue"] = ("lines[0].listPrice", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Lines = [Line with { ListPrice = decimal.MinValue }] })),
        ["Quantity int.MaxValue"] = ("lines[0].quantity", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Lines = [Line with { Quantity = int.MaxValue }] })),
        ["OfferId zero"] = ("lines[0].offerId", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Lines = [Line with { OfferId = 0 }] })),
        ["ship quantity int.MaxValue"] = ("entries[0].quantity", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { Entries = [new Alibaba1688ShipEntry(2001, int.MaxValue)] })),
        ["ship order id negative"] = ("orderId", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { OrderId = long.MinValue })),
        ["publish price decimal.MaxValue"] = ("price", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = Jpg, Price = decimal.MaxValue })),
        ["publish stock long.MaxValue"] = ("amountOnSale", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = Jpg, AmountOnSale = long.MaxValue })),
        ["publish album id negative"] = ("albumID", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = Jpg, AlbumId = -1 })),
        ["offer id zero"] = ("productID", c => c.ForShop(Shop).Products.GetAsync(0)),
        ["order id zero"] = ("orderId", c => c.ForShop(Shop).Orders.GetAsync(0)),
        ["a bad id in the second payment-link batch"] = ("orderIdList[100]", c => c.ForShop(Shop).PreOrders.GetPaymentLinksAsync([.. Enumerable.Range(1, 100).Select(i => (long)i), 0])),
        ["payment link for 101 orders"] = ("orderIdList.count", c => c.ForShop(Shop).PreOrders.GetPaymentLinkAsync([.. Enumerable.Range(1, 101).Select(i => (long)i)])),
    };

    private static readonly Dictionary<string, (string Field, Func<Alibaba1688Client, Task> Call)> Nulls = new()
    {
        ["null lines"] = ("lines", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Lines = null! })),
        ["null line"] = ("lines[0]", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Lines = [null!] })),
        ["null ship entries"] = ("entries", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { Entries = null! })),
        ["null ship entry"] = ("entries[0]", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { Entries = [null!] })),
        ["null images"] = ("images", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = null! })),
        ["null image"] = ("images[0]", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = [null!] })),
    };

    private static readonly Dictionary<string, (string Field, Func<Alibaba1688Client, Task> Call)> Texts = new()
    {
        ["message with NUL"] = ("message", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Message = "hi\u0000" })),
        ["message of 10,000 characters"] = ("message", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Message = Huge })),
        ["receiver address with a lone surrogate"] = ("receiver.address", c => c.ForShop(Shop).PreOrders.CreateAsync(PreOrder with { Receiver = new Alibaba1688Receiver { Address = "路\uDC00" } })),
        ["ship remarks with BEL"] = ("remarks", c => c.ForShop(Shop).Logistics.ShipAsync(Ship with { Remarks = "ok\u0007" })),
        ["description with NUL"] = ("description", c => c.ForShop(Shop).Products.PublishAsync(new Alibaba1688PublishRequest { Subject = "Tea", CategoryId = 7, Images = Jpg, Description = "<p>\u0000</p>" })),
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly List<ServiceProvider> _providers = [];

    public static TheoryData<string> IdCases => HostileInput.Names(Ids);

    public static TheoryData<string> DateCases => HostileInput.Names(Dates);

    public static TheoryData<string> NumberCases => HostileInput.Names(Numbers);

    public static TheoryData<string> NullCases => HostileInput.Names(Nulls);

    public static TheoryData<string> TextCases => HostileInput.Names(Texts);

    [Theory]
    [MemberData(nameof(IdCases))]
    public Task A_control_character_or_an_overlong_id_or_name_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Ids[name]);

    [Theory]
    [MemberData(nameof(DateCases))]
    public Task A_date_the_wire_format_cannot_express_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Dates[name]);

    [Theory]
    [MemberData(nameof(NumberCases))]
    public Task An_unrepresentable_amount_quantity_or_id_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Numbers[name]);

    [Theory]
    [MemberData(nameof(NullCases))]
    public Task A_null_list_or_list_element_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Nulls[name]);

    [Theory]
    [MemberData(nameof(TextCases))]
    public Task A_control_character_or_an_overlong_value_in_free_text_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Texts[name]);

    [Fact]
    public async Task A_null_request_is_an_argument_error_before_the_network()
    {
        using var stub = new LoopbackStubServer();
        var shop = Client(stub).ForShop(Shop);

        await Assert.ThrowsAsync<ArgumentNullException>(() => shop.PreOrders.CreateAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => shop.Logistics.ShipAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => shop.Products.PublishAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => shop.PreOrders.GetPaymentLinksAsync(null!));
        Assert.Empty(stub.Requests);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private async Task RefusedBeforeTheNetwork((string Field, Func<Alibaba1688Client, Task> Call) hostile)
    {
        using var stub = new LoopbackStubServer(_ => StubReply.Json("""{"success":true,"payUrl":"https://pay.example/1","result":{"orderId":1}}"""));
        await HostileInput.RefusedBeforeTheNetworkAsync(stub, Client(stub), hostile.Field, hostile.Call);
    }

    private Alibaba1688Client Client(LoopbackStubServer stub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddAlibaba1688(o =>
        {
            o.AppKey = "1000000";
            o.AppSecret = "test123";
            o.RedirectUri = new Uri("https://erp.example.com/cb");
            o.EndpointsOverride = stub.Alibaba1688Endpoints();
            o.Shops[Shop] = new Alibaba1688ShopOptions { AccessToken = "at-A", RefreshToken = "rt-A", Market = "其他" };
        });
        services.Configure<PlatformResilienceOptions>("Alibaba1688", o =>
        {
            o.PermitsPerSecond = 0;
            o.BaseDelay = TimeSpan.Zero;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<Alibaba1688Client>();
    }
}
