using System.Globalization;
using System.Text.Json.Nodes;
using PlatformSdk.Testing.Alibaba1688;
using static PlatformSdk.Testing.Tests.Alibaba1688.Ali1688TestClient;

namespace PlatformSdk.Testing.Tests.Alibaba1688;

public sealed class Fake1688PreOrderTests
{
    private const string Trade = "com.alibaba.trade";
    private const string Address = "{\"fullName\":\"李四\",\"mobile\":\"13900000000\",\"provinceText\":\"广东省\",\"cityText\":\"广州市\",\"areaText\":\"天河区\",\"address\":\"体育西路1号\"}";

    private static string Line(long offerId, int quantity, string? specId = null) => specId is null
        ? new JsonObject { ["offerId"] = offerId, ["quantity"] = quantity }.ToJsonString()
        : new JsonObject { ["offerId"] = offerId, ["specId"] = specId, ["quantity"] = quantity }.ToJsonString();

    private static Dictionary<string, string> Create(IEnumerable<string> lines, string? outOrderId = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["flow"] = "general",
            ["addressParam"] = Address,
            ["cargoParamList"] = "[" + string.Join(",", lines) + "]",
        };
        if (outOrderId is not null)
        {
            fields["outOrderId"] = outOrderId;
        }

        return fields;
    }

    private static async Task<(Ali1688TestClient Client, string Token)> StartAsync(string shop = Fake1688Seed.MainShopMemberId)
    {
        var client = new Ali1688TestClient();
        return (client, await client.TokenAsync(shop));
    }

    private static long OrderId(JsonObject created) => long.Parse(S(created["result"], "orderId"), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Pre_order_for_a_simple_offer_returns_order_id_and_amounts_in_fen()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 2)], "SO-1"));

        Assert.True(created["success"]!.GetValue<bool>());
        Assert.Equal(6000, created["result"]!["totalSuccessAmount"]!.GetValue<long>()); // 2 × 25.00 + 10.00 freight
        Assert.Equal(1000, created["result"]!["postFee"]!.GetValue<long>());
        Assert.Empty(created["result"]!["failedOfferList"]!.AsArray());
        var order = client.Fake.GetOrder(OrderId(created))!;
        Assert.Equal("waitbuyerpay", order.Status);
        Assert.Equal("SO-1", order.OutOrderId);
        Assert.Equal("其他", order.MarketName);
        Assert.Equal("体育西路1号", order.Receiver!.Address);
    }

    [Fact]
    public async Task Seller_view_shows_the_pre_order_with_sub_items_and_pre_order_info()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var redM = client.Fake.GetOffer(Fake1688Seed.SkuOfferId)!.Skus[0];
        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1), Line(Fake1688Seed.SkuOfferId, 3, redM.SpecId)]));

        var view = await client.OkAsync(Trade, "alibaba.trade.get.sellerView", token, new() { ["orderId"] = S(created["result"], "orderId"), ["webSite"] = "1688" });

        Assert.Equal("true", view["success"]!.GetValue<string>());
        var baseInfo = view["result"]!["baseInfo"]!;
        Assert.Equal("waitbuyerpay", S(baseInfo, "status"));
        Assert.Equal(S(created["result"], "orderId"), S(baseInfo, "idOfStr"));
        Assert.Equal(154.7m, baseInfo["totalAmount"]!.GetValue<decimal>()); // yuan: 25 + 3 × 39.9 + 10
        Assert.Equal(10m, baseInfo["shippingFee"]!.GetValue<decimal>());
        Assert.NotNull(baseInfo["preOrderId"]);
        Assert.Equal("其他", S(view["result"]!["orderBizInfo"]!["preOrderInfo"], "marketName"));
        var items = view["result"]!["productItems"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.True(item!["subItemID"]!.GetValue<long>() > 0));
        Assert.Equal("TS-RED-M", S(items[1], "cargoNumber"));
        Assert.Equal(redM.SpecId, S(items[1], "specId"));
        Assert.Matches("^[0-9]{17}\\+0800$", S(baseInfo, "createTime"));
    }

    [Fact]
    [Rule("R1688-19")]
    public async Task R168819_more_than_50_lines_fails_with_max_item_count_is_50()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var fiftyOne = Enumerable.Range(1, 51).Select(i => Line(549605720000 + Math.Min(i, 43), 1));

        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create(fiftyOne));

        Assert.False(created["success"]!.GetValue<bool>());
        Assert.Equal("max item count is 50", S(created, "message"));
        Assert.Equal(2, client.Fake.Orders.Count); // the two seeded orders, nothing new
    }

    [Fact]
    [Rule("R1688-19")]
    public async Task R168819_exactly_50_lines_are_accepted()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var fifty = Enumerable.Range(1, 50).Select(i => Line(549605720000 + 1 + (i % 43), 1));

        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create(fifty));

        Assert.True(created["success"]!.GetValue<bool>());
        Assert.Equal(50, client.Fake.GetOrder(OrderId(created))!.Items.Count);
    }

    [Fact]
    [Rule("R1688-04")]
    public async Task R168804_shop_without_market_cannot_create_pre_orders()
    {
        var (client, token) = await StartAsync(Fake1688Seed.NoMarketShopMemberId);
        using var _ = client;

        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1)]));

        Assert.False(created["success"]!.GetValue<bool>());
        Assert.Equal("当前店铺没有设置对应市场", S(created, "message"));
    }

    [Fact]
    [Rule("R1688-04")]
    public async Task R168804_binding_market_other_allows_pre_orders()
    {
        var (client, token) = await StartAsync(Fake1688Seed.NoMarketShopMemberId);
        using var _ = client;
        client.Fake.SetMarket(Fake1688Seed.NoMarketShopLoginId, "其他");
        client.Fake.AddOffer(new Fake1688Offer { OfferId = 600000000001, MemberId = Fake1688Seed.NoMarketShopMemberId, Subject = "样品", Price = 5m });

        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(600000000001, 1)]));

        Assert.True(created["success"]!.GetValue<bool>());
    }

    [Fact]
    [Rule("R1688-08")]
    public async Task R168808_skus_added_to_a_simple_offer_make_lines_without_spec_fail_with_null_no_exist()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var before = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1), Line(Fake1688Seed.SimpleOfferId, 2)]));
        client.Fake.AddSkusToOffer(Fake1688Seed.SimpleOfferId, new Fake1688Sku { SpecId = new string('a', 32), SkuId = 1, Price = 25m, CargoNumber = "HX-1001-W" });

        var after = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1)]));

        Assert.True(before["success"]!.GetValue<bool>()); // several ERP SKUs may share the simple offer
        Assert.False(after["success"]!.GetValue<bool>());
        Assert.Equal("549605719581 : null no exist!", S(after, "message"));
        Assert.Equal("549605719581 : null no exist!", S(after["result"]!["failedOfferList"]![0], "errorMessage"));
    }

    [Fact]
    [Rule("R1688-12")]
    public async Task R168812_deleted_offer_is_not_tradable_online()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        client.Fake.DeleteOffer(Fake1688Seed.SimpleOfferId);

        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1)]));

        Assert.False(created["success"]!.GetValue<bool>());
        Assert.Equal("商品【549605719581】不支持在线交易", S(created, "message"));
    }

    [Fact]
    public async Task Failed_lines_are_listed_while_the_rest_is_ordered()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        client.Fake.DeleteOffer(Fake1688Seed.SimpleOfferId);

        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1), Line(549605720001, 2)]));

        Assert.True(created["success"]!.GetValue<bool>());
        var failed = Assert.Single(created["result"]!["failedOfferList"]!.AsArray());
        Assert.Equal("549605719581", S(failed, "offerId"));
        Assert.Single(client.Fake.GetOrder(OrderId(created))!.Items);
    }

    [Fact]
    public async Task Same_outOrderId_returns_the_first_order_instead_of_a_duplicate()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var first = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1)], "SO-42"));
        var second = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1)], "SO-42"));

        Assert.Equal(S(first["result"], "orderId"), S(second["result"], "orderId"));
        Assert.Single(client.Fake.Orders, order => order.OutOrderId == "SO-42");
    }

    [Fact]
    [Rule("R1688-16")]
    public async Task R168816_pay_url_is_single_use_first_scan_opens_later_scans_are_locked()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 2)]));

        var link = await client.OkAsync(Trade, "alibaba.alipay.url.get", token, new() { ["orderIdList"] = $"[{S(created["result"], "orderId")}]" });
        var payUrl = S(link, "payUrl");
        using var first = await client.Http.GetAsync(new Uri(payUrl));
        using var second = await client.Http.GetAsync(new Uri(payUrl));

        Assert.True(link["success"]!.GetValue<bool>());
        Assert.StartsWith(client.Fake.Url + "/pay/", payUrl, StringComparison.Ordinal);
        Assert.Equal(200, (int)first.StatusCode);
        Assert.Contains("60.00", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(409, (int)second.StatusCode);
        Assert.Equal(Fake1688ScanResult.Locked, client.Fake.ScanPayUrl(payUrl));
        Assert.Equal(Fake1688ScanResult.NotFound, client.Fake.ScanPayUrl(client.Fake.Url + "/pay/unknown"));
    }

    [Fact]
    [Rule("R1688-16")]
    public async Task R168816_ScanPayUrl_hook_locks_like_a_get()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1)]));
        var payUrl = S(await client.OkAsync(Trade, "alibaba.alipay.url.get", token, new() { ["orderIdList"] = $"[{S(created["result"], "orderId")}]" }), "payUrl");

        Assert.Equal(Fake1688ScanResult.Opened, client.Fake.ScanPayUrl(payUrl));
        using var page = await client.Http.GetAsync(new Uri(payUrl));
        Assert.Equal(409, (int)page.StatusCode);
    }

    [Fact]
    [Rule("R1688-17")]
    public async Task R168817_paid_pre_order_becomes_a_formal_order_waiting_for_shipment()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1)], "SO-77"));
        var orderId = OrderId(created);

        client.Time.Advance(TimeSpan.FromMinutes(3));
        client.Fake.PayOrder(orderId, new Fake1688Receiver { FullName = "王五", Mobile = "13700000000", Address = "买家填写的地址" });
        var view = await client.OkAsync(Trade, "alibaba.trade.get.sellerView", token, new() { ["orderId"] = orderId.ToString(CultureInfo.InvariantCulture) });
        var list = await client.OkAsync(Trade, "alibaba.trade.getSellerOrderList", token, new() { ["outOrderId"] = "SO-77", ["page"] = "1" });
        var linkAfterPay = await client.OkAsync(Trade, "alibaba.alipay.url.get", token, new() { ["orderIdList"] = $"[{orderId}]" });

        Assert.Equal("waitsellersend", S(view["result"]!["baseInfo"], "status"));
        Assert.Equal("20240501100300000+0800", S(view["result"]!["baseInfo"], "payTime"));
        Assert.Equal("买家填写的地址", S(view["result"]!["nativeLogistics"], "address"));
        Assert.Equal(1, list["totalRecord"]!.GetValue<int>());
        Assert.Equal(orderId, list["result"]![0]!["baseInfo"]!["id"]!.GetValue<long>());
        Assert.False(linkAfterPay["success"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(S(linkAfterPay, "erroMsg")));
        Assert.Equal(orderId.ToString(CultureInfo.InvariantCulture), linkAfterPay["payFailureOrderList"]![0]!.GetValue<string>());
        Assert.Throws<InvalidOperationException>(() => client.Fake.PayOrder(orderId));
    }

    [Fact]
    public async Task Pay_url_request_with_more_than_100_orders_is_rejected()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var link = await client.OkAsync(Trade, "alibaba.alipay.url.get", token, new() { ["orderIdList"] = "[" + string.Join(",", Enumerable.Range(1, 101)) + "]" });

        Assert.False(link["success"]!.GetValue<bool>());
        Assert.Contains("100", S(link, "erroMsg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_order_in_seller_view_answers_success_false_as_a_string()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var view = await client.OkAsync(Trade, "alibaba.trade.get.sellerView", token, new() { ["orderId"] = "123" });

        Assert.Equal("false", view["success"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(S(view, "errorMessage")));
    }

    [Fact]
    public async Task Unpaid_pre_order_can_be_cancelled_paid_order_cannot()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var created = await client.OkAsync(Trade, "alibaba.trade.fastCreateOrder", token, Create([Line(Fake1688Seed.SimpleOfferId, 1)]));

        var cancel = await client.OkAsync(Trade, "alibaba.trade.cancel", token, new() { ["tradeID"] = S(created["result"], "orderId"), ["cancelReason"] = "other", ["webSite"] = "1688" });
        var paid = await client.OkAsync(Trade, "alibaba.trade.cancel", token, new() { ["tradeID"] = Fake1688Seed.PaidOrderId.ToString(CultureInfo.InvariantCulture), ["cancelReason"] = "other" });

        Assert.True(cancel["success"]!.GetValue<bool>());
        Assert.Equal("cancel", client.Fake.GetOrder(OrderId(created))!.Status);
        Assert.False(paid["success"]!.GetValue<bool>());
        Assert.Contains("等待卖家发货", S(paid, "errorMessage"), StringComparison.Ordinal);
    }
}
