using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Models.Shops;
using PlatformSdk.Testing;

namespace PlatformSdk.Jushuitan.Tests;

/// <summary>
/// Hostile values fed into every public Jushuitan call through a real client against a loopback server: each is refused with
/// a <see cref="PlatformValidationException"/> naming the field, and the server sees no request at all.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Control = "SO\u00001";
    private static readonly string Huge = new('9', 10_000);
    private static readonly JushuitanOrderUpload Order = OrderValidationTests.ValidPaidOrder();
    private static readonly JushuitanUploadItem Item = Order.Items[0];

    private static readonly Dictionary<string, (string Field, Func<JushuitanClient, Task> Call)> Ids = new()
    {
        ["so_id with NUL"] = ("orders[0].so_id", c => Upload(c, Order with { SoId = Control })),
        ["so_id of 10,000 characters"] = ("orders[0].so_id", c => Upload(c, Order with { SoId = Huge })),
        ["so_id with a line separator"] = ("orders[0].so_id", c => Upload(c, Order with { SoId = "SO\u20281" })),
        ["so_id with a lone surrogate"] = ("orders[0].so_id", c => Upload(c, Order with { SoId = "SO\uD800" })),
        ["sku_id with a newline"] = ("orders[0].items[0].sku_id", c => Upload(c, WithItem(Item with { SkuId = "SKU\nA" }))),
        ["outer_oi_id with ESC"] = ("orders[0].items[0].outer_oi_id", c => Upload(c, WithItem(Item with { OuterOiId = "1\u001b" }))),
        ["outer_pay_id with DEL"] = ("orders[0].pay.outer_pay_id", c => Upload(c, Order with { Pay = Order.Pay! with { OuterPayId = "PAY\u007f" } })),
        ["lc_id of 10,000 characters"] = ("orders[0].lc_id", c => Upload(c, Order with { LcId = Huge })),
        ["l_id with a C1 control"] = ("orders[0].l_id", c => Upload(c, Order with { LId = "L\u0085" })),
        ["receiver_mobile with CR"] = ("orders[0].receiver_mobile", c => Upload(c, Order with { ReceiverMobile = "138\r0000" })),
        ["query so_id with NUL"] = ("so_ids[0]", c => c.Orders.ListAsync(new JushuitanOrderQuery { SoIds = [Control] })),
        ["query so_id of 10,000 characters"] = ("so_ids[0]", c => c.Orders.ListAsync(new JushuitanOrderQuery { SoIds = [Huge] })),
        ["query status with a newline"] = ("status", c => c.Orders.ListAsync(new JushuitanOrderQuery { SoIds = ["SO-1"], Status = new JushuitanOrderStatus("Sent\n") })),
        ["cancel so_id with a newline"] = ("so_ids[0]", c => c.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = ["SO-1\n"] })),
        ["cancel_type with NUL"] = ("cancel_type", c => c.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = ["SO-1"], CancelType = "a\u0000" })),
        ["shop nick with SOH"] = ("nicks[0]", c => c.Shops.ListAsync(new JushuitanShopQuery { Nicks = ["nick\u0001"] })),
        ["authorization code with NUL"] = ("code", c => c.Auth.ExchangeCodeAsync("abc\u0000")),
        ["init-token code of 10,000 characters"] = ("code", c => c.Auth.GetInitTokenAsync(Huge)),
    };

    private static readonly Dictionary<string, (string Field, Func<JushuitanClient, Task> Call)> Dates = new()
    {
        ["order_date MinValue"] = ("orders[0].order_date", c => Upload(c, Order with { OrderDate = DateTimeOffset.MinValue })),
        ["order_date MaxValue"] = ("orders[0].order_date", c => Upload(c, Order with { OrderDate = DateTimeOffset.MaxValue })),
        ["shop_modified MaxValue"] = ("orders[0].shop_modified", c => Upload(c, Order with { ShopModified = DateTimeOffset.MaxValue })),
        ["shop_modified MinValue"] = ("orders[0].shop_modified", c => Upload(c, Order with { ShopModified = DateTimeOffset.MinValue })),
        ["pay_date MaxValue"] = ("orders[0].pay.pay_date", c => Upload(c, Order with { Pay = Order.Pay! with { PayDate = DateTimeOffset.MaxValue } })),
        ["query modified_begin MinValue"] = ("modified_begin", c => c.Orders.ListAsync(new JushuitanOrderQuery { ModifiedBegin = DateTimeOffset.MinValue, ModifiedEnd = DateTimeOffset.MinValue.AddDays(1) })),
        ["query modified_end MaxValue"] = ("modified_end", c => c.Orders.ListAsync(new JushuitanOrderQuery { ModifiedBegin = DateTimeOffset.MaxValue.AddDays(-1), ModifiedEnd = DateTimeOffset.MaxValue })),
        ["carrier modified_begin MinValue"] = ("modified_begin", c => Drain(c.LogisticsCompanies.QueryAsync(DateTimeOffset.MinValue, DateTimeOffset.UnixEpoch.AddDays(400)))),
        ["carrier modified_end MaxValue"] = ("modified_end", c => Drain(c.LogisticsCompanies.QueryAsync(DateTimeOffset.UnixEpoch.AddDays(400), DateTimeOffset.MaxValue))),
    };

    private static readonly Dictionary<string, (string Field, Func<JushuitanClient, Task> Call)> Numbers = new()
    {
        ["freight decimal.MaxValue"] = ("orders[0].freight", c => Upload(c, Order with { Freight = decimal.MaxValue })),
        ["pay_amount decimal.MaxValue"] = ("orders[0].pay_amount", c => Upload(c, Order with { PayAmount = decimal.MaxValue })),
        ["discount decimal.MinValue"] = ("orders[0].discount", c => Upload(c, Order with { Discount = decimal.MinValue })),
        ["price decimal.MaxValue"] = ("orders[0].items[0].price", c => Upload(c, WithItem(Item with { Price = decimal.MaxValue }))),
        ["price with 28 decimals"] = ("orders[0].items[0].price", c => Upload(c, WithItem(Item with { Price = 0.0000000000000000000000000001m }))),
        ["base_price decimal.MaxValue"] = ("orders[0].items[0].base_price", c => Upload(c, WithItem(Item with { BasePrice = decimal.MaxValue }))),
        ["line amount decimal.MaxValue"] = ("orders[0].items[0].amount", c => Upload(c, WithItem(Item with { Amount = decimal.MaxValue }))),
        ["pay amount decimal.MaxValue"] = ("orders[0].pay.amount", c => Upload(c, Order with { Pay = Order.Pay! with { Amount = decimal.MaxValue } })),
        ["qty int.MaxValue"] = ("orders[0].items[0].qty", c => Upload(c, WithItem(Item with { Qty = int.MaxValue }))),
        ["qty int.MinValue"] = ("orders[0].items[0].qty", c => Upload(c, WithItem(Item with { Qty = int.MinValue }))),
        ["query o_id zero"] = ("o_ids[0]", c => c.Orders.ListAsync(new JushuitanOrderQuery { OIds = [0] })),
        ["shop id negative"] = ("shop_ids[0]", c => c.Shops.ListAsync(new JushuitanShopQuery { ShopIds = [-1] })),
    };

    private static readonly Dictionary<string, (string Field, Func<JushuitanClient, Task> Call)> Nulls = new()
    {
        ["null order in the batch"] = ("orders[0]", c => c.Orders.UploadAsync([null!])),
        ["null items"] = ("orders[0].items", c => Upload(c, Order with { Items = null! })),
        ["null item"] = ("orders[0].items[0]", c => Upload(c, Order with { Items = [null!] })),
        ["null query so_id"] = ("so_ids[0]", c => c.Orders.ListAsync(new JushuitanOrderQuery { SoIds = [null!] })),
        ["null cancel so_ids"] = ("so_ids", c => c.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = null! })),
        ["null cancel so_id"] = ("so_ids[0]", c => c.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = [null!] })),
        ["null shop nick"] = ("nicks[0]", c => c.Shops.ListAsync(new JushuitanShopQuery { Nicks = [null!] })),
    };

    private static readonly Dictionary<string, (string Field, Func<JushuitanClient, Task> Call)> Texts = new()
    {
        ["remark with NUL"] = ("orders[0].remark", c => Upload(c, Order with { Remark = "ok\u0000" })),
        ["buyer_message with BEL"] = ("orders[0].buyer_message", c => Upload(c, Order with { BuyerMessage = "hi\u0007" })),
        ["receiver_address with a lone surrogate"] = ("orders[0].receiver_address", c => Upload(c, Order with { ReceiverAddress = "路\uDC00" })),
        ["question_desc of 10,000 characters"] = ("orders[0].question_desc", c => Upload(c, Order with { QuestionDesc = Huge })),
        ["cancel remark with NUL"] = ("remark", c => c.Orders.CancelAsync(new JushuitanCancelRequest { ShopId = 1, SoIds = ["SO-1"], Remark = "x\u0000" })),
    };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));
    private readonly List<ServiceProvider> _providers = [];

    public static TheoryData<string> IdCases => HostileInput.Names(Ids);

    public static TheoryData<string> DateCases => HostileInput.Names(Dates);

    public static TheoryData<string> NumberCases => HostileInput.Names(Numbers);

    public static TheoryData<string> NullCases => HostileInput.Names(Nulls);

    public static TheoryData<string> TextCases => HostileInput.Names(Texts);

    [Theory]
    [MemberData(nameof(IdCases))]
    public Task A_control_character_or_an_overlong_id_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Ids[name]);

    [Theory]
    [MemberData(nameof(DateCases))]
    public Task A_date_the_wire_format_cannot_express_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Dates[name]);

    [Theory]
    [MemberData(nameof(NumberCases))]
    public Task An_unrepresentable_amount_or_quantity_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Numbers[name]);

    [Theory]
    [MemberData(nameof(NullCases))]
    public Task A_null_list_or_list_element_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Nulls[name]);

    [Theory]
    [MemberData(nameof(TextCases))]
    public Task A_control_character_or_an_overlong_value_in_free_text_is_refused_before_the_network(string name) => RefusedBeforeTheNetwork(Texts[name]);

    [Fact]
    public async Task A_null_request_is_an_argument_error_before_the_network()
    {
        using var server = new LoopbackStubServer();
        var client = Client(server);

        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Orders.UploadAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Orders.CancelAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Orders.ListAsync(null!));
        Assert.Empty(server.Requests);
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private async Task RefusedBeforeTheNetwork((string Field, Func<JushuitanClient, Task> Call) hostile)
    {
        foreach (var protocol in new[] { JushuitanProtocol.OpenApi, JushuitanProtocol.Legacy })
        {
            using var server = new LoopbackStubServer();
            await HostileInput.RefusedBeforeTheNetworkAsync(server, Client(server, protocol), hostile.Field, hostile.Call);
        }
    }

    private JushuitanClient Client(LoopbackStubServer server, JushuitanProtocol protocol = JushuitanProtocol.OpenApi)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk().UseTimeProvider(_time).AddJushuitan(o =>
        {
            o.Protocol = protocol;
            o.EndpointsOverride = server.JushuitanEndpoints();
            o.Legacy.PartnerId = "partner";
            o.Legacy.PartnerKey = "partner-key";
            o.Legacy.Token = "legacy-token";
            o.OpenApi.AppKey = "app-key";
            o.OpenApi.AppSecret = "app-secret";
            o.OpenApi.AccessToken = "access-token";
            o.OpenApi.RefreshToken = "refresh-token";
        });
        services.Configure<PlatformResilienceOptions>("Jushuitan", o => o.PermitsPerSecond = 0);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<JushuitanClient>();
    }

    private static Task<JushuitanUploadResult> Upload(JushuitanClient client, JushuitanOrderUpload order) => client.Orders.UploadAsync([order]);

    private static JushuitanOrderUpload WithItem(JushuitanUploadItem item) => Order with { Items = [item] };

    private static async Task Drain<T>(PlatformSdk.Paging.PlatformPageable<T> pageable)
    {
        await foreach (var _ in pageable)
        {
        }
    }
}
