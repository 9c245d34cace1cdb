using System.Globalization;
using System.Text.Json.Nodes;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Faults;
using static PlatformSdk.Testing.Tests.Alibaba1688.Ali1688TestClient;

namespace PlatformSdk.Testing.Tests.Alibaba1688;

public sealed class Fake1688LogisticsTests
{
    private const string Logistics = "com.alibaba.logistics";
    private const string Send = "alibaba.logistics.OpDeliverySendOrder.offline";
    private const long FirstSubItem = 3712001234567891001;
    private const long SecondSubItem = 3712001234567891002;

    private static Dictionary<string, string> Ship(long orderId, string cpCode = "SF", string mailNo = "SF100200300", params (long SubItem, int Amount)[] entries)
    {
        var goods = new JsonObject { ["sourceId"] = orderId };
        if (entries.Length > 0)
        {
            goods["sendGoodEntries"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject { ["sourceEntryId"] = e.SubItem, ["amount"] = e.Amount }).ToArray());
        }

        return new()
        {
            ["sendGoods"] = new JsonArray(goods).ToJsonString(),
            ["extBody"] = new JsonObject { ["cpCode"] = cpCode, ["logisticsCpName"] = "顺丰速运", ["mailNo"] = mailNo }.ToJsonString(),
            ["gmtSend"] = "20240501110000000+0800",
        };
    }

    private static async Task<(Ali1688TestClient Client, string Token)> StartAsync()
    {
        var client = new Ali1688TestClient();
        return (client, await client.TokenAsync());
    }

    [Fact]
    public async Task Carrier_list_returns_id_company_name_and_company_no()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var body = await client.OkAsync(Logistics, "alibaba.logistics.OpQueryLogisticCompanyList.offline", token);

        Assert.True(body["success"]!.GetValue<bool>());
        var carriers = body["result"]!.AsArray();
        Assert.Equal(Fake1688Seed.CarrierCodes, carriers.Select(c => S(c, "companyNo")));
        Assert.Equal("顺丰速运", S(carriers[0], "companyName"));
        Assert.True(carriers[0]!["id"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Whole_order_shipment_sets_waitbuyerreceive_and_records_the_ship_time()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var body = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));
        var view = await client.OkAsync("com.alibaba.trade", "alibaba.trade.get.sellerView", token, new() { ["orderId"] = Fake1688Seed.PaidOrderId.ToString(CultureInfo.InvariantCulture) });

        Assert.True(body["success"]!.GetValue<bool>());
        Assert.Equal(Fake1688Seed.PaidOrderId, Assert.Single(body["result"]!["sendSuccessList"]!.AsArray())!["sourceId"]!.GetValue<long>());
        Assert.Empty(body["result"]!["sendFailList"]!.AsArray());
        var order = client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!;
        Assert.Equal("waitbuyerreceive", order.Status);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 11, 0, 0, TimeSpan.FromHours(8)), order.AllDeliveredAt);
        Assert.Equal("SF100200300", Assert.Single(order.Shipments).MailNo);
        Assert.Equal("waitbuyerreceive", S(view["result"]!["baseInfo"], "status"));
        Assert.Equal("20240501110000000+0800", S(view["result"]!["baseInfo"], "allDeliveredTime"));
        var item = Assert.Single(view["result"]!["nativeLogistics"]!["logisticsItems"]!.AsArray());
        Assert.Equal("SF", S(item, "logisticsCompanyNo"));
        Assert.Equal($"{FirstSubItem},{SecondSubItem}", S(item, "subItemIds"));
    }

    [Fact]
    public async Task Shipping_by_sub_order_keeps_waitsellersend_until_every_sub_order_is_shipped()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId, entries: (FirstSubItem, 2)));
        var afterFirst = client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!;
        await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId, mailNo: "SF999", entries: (SecondSubItem, 3)));

        Assert.Equal("waitsellersend", afterFirst.Status);
        Assert.Equal(new[] { 2, 1 }, afterFirst.Items.Select(i => i.LogisticsStatus));
        Assert.Equal("waitbuyerreceive", client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
        Assert.Equal(2, client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Shipments.Count);
    }

    [Theory]
    [Rule("RLOG-05", "RLOG-12")]
    [InlineData("XYZ")] // not in the shop's carrier list
    [InlineData("")]
    public async Task RLOG05_RLOG12_unknown_or_missing_carrier_code(string cpCode)
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var body = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId, cpCode));

        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("cpCode and cpId can't be all null", S(body, "errorMessage"));
        Assert.Equal("waitsellersend", client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
    }

    [Fact]
    [Rule("RLOG-05")]
    public async Task RLOG05_missing_extBody_is_the_same_error()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var fields = Ship(Fake1688Seed.PaidOrderId);
        fields.Remove("extBody");

        var body = await client.OkAsync(Logistics, Send, token, fields);

        Assert.Equal("cpCode and cpId can't be all null", S(body, "errorMessage"));
    }

    [Fact]
    [Rule("RLOG-13")]
    public async Task RLOG13_already_shipped_order()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var body = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.ShippedOrderId));

        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("发货失败,订单状态为[等待买家收货]", S(body, "errorMessage"));
        Assert.Equal("发货失败,订单状态为[等待买家收货]", S(body["result"]!["sendFailList"]![0], "errorMessage"));
        Assert.Single(client.Fake.GetOrder(Fake1688Seed.ShippedOrderId)!.Shipments);
    }

    [Fact]
    [Rule("RLOG-13")]
    public async Task RLOG13_shipping_twice_fails_the_second_time()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));
        var again = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));

        Assert.Equal("发货失败,订单状态为[等待买家收货]", S(again, "errorMessage"));
    }

    [Fact]
    [Rule("RLOG-32")]
    public async Task RLOG32_unknown_order()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var body = await client.OkAsync(Logistics, Send, token, Ship(1234567890123456789));

        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("发货失败,订单不存在或者不属于当前发货人", S(body, "errorMessage"));
    }

    [Fact]
    [Rule("RLOG-32")]
    public async Task RLOG32_order_of_another_seller_is_not_found()
    {
        using var client = new Ali1688TestClient();
        var otherToken = await client.TokenAsync(Fake1688Seed.NoMarketShopMemberId);

        var body = await client.OkAsync(Logistics, Send, otherToken, Ship(Fake1688Seed.PaidOrderId));

        Assert.Equal("发货失败,订单不存在或者不属于当前发货人", S(body, "errorMessage"));
    }

    [Fact]
    [Rule("RLOG-52")]
    public async Task RLOG52_splitting_one_sub_orders_quantity_fails_to_convert_map_to_pojo()
    {
        var (client, token) = await StartAsync();
        using var _ = client;

        var body = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId, entries: (FirstSubItem, 1))); // quantity is 2

        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("failed to convert map to pojo", S(body, "errorMessage"));
        Assert.Empty(client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Shipments);
    }

    [Fact]
    [Rule("RLOG-52")]
    public async Task RLOG52_send_goods_that_is_not_an_array_of_orders_cannot_be_mapped()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        var fields = Ship(Fake1688Seed.PaidOrderId);
        fields["sendGoods"] = "{\"sourceId\":1}";

        var body = await client.OkAsync(Logistics, Send, token, fields);

        Assert.Equal("failed to convert map to pojo", S(body, "errorMessage"));
    }

    [Fact]
    [Rule("RLOG-40")]
    public async Task RLOG40_platform_timeout_hook_fails_the_next_call_only()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        client.Fake.FailNextSendGoods();

        var failed = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));
        var stateAfterFailure = client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status;
        var retried = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));

        Assert.False(failed["success"]!.GetValue<bool>());
        Assert.Equal("003002", S(failed, "errorCode"));
        Assert.Equal("底层服务调用失败", S(failed, "errorMessage"));
        Assert.Contains("HSFTimeOutException", S(failed, "extErrorMessage"), StringComparison.Ordinal);
        Assert.Equal("waitsellersend", stateAfterFailure);
        Assert.True(retried["success"]!.GetValue<bool>());
    }

    [Fact]
    [Rule("RLOG-13", "RLOG-40")]
    public async Task RLOG40_timeout_after_processing_leaves_the_order_shipped_so_a_blind_retry_sees_RLOG13()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        client.Fake.FailNextSendGoods(processRequest: true);

        var failed = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));
        var retried = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));

        Assert.Equal("003002", S(failed, "errorCode"));
        Assert.Equal("发货失败,订单状态为[等待买家收货]", S(retried, "errorMessage"));
    }

    [Fact]
    public async Task Waybill_number_is_usable_at_most_15_times()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        for (var i = 0; i < 15; i++)
        {
            var orderId = 4000000000000000000 + i;
            client.Fake.AddOrder(new Fake1688Order
            {
                OrderId = orderId,
                SellerMemberId = Fake1688Seed.MainShopMemberId,
                Status = "waitsellersend",
                CreatedAt = Start,
                Items = [new Fake1688OrderItem { SubItemId = orderId + 1, OfferId = Fake1688Seed.SimpleOfferId, Quantity = 1, Price = 25m }],
            });
            Assert.True((await client.OkAsync(Logistics, Send, token, Ship(orderId, mailNo: "SHARED")))["success"]!.GetValue<bool>());
        }

        var sixteenth = await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId, mailNo: "SHARED"));

        Assert.False(sixteenth["success"]!.GetValue<bool>());
        Assert.Equal("INVALID_PARAM", S(sixteenth, "errorCode"));
    }

    [Fact]
    public async Task Html_error_page_fault_comes_from_the_base_server()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        client.Fake.Faults.For(Fake1688Routes.SendGoods).Once(Fault.HtmlErrorPage(502));

        using var content = new FormUrlEncodedContent(client.Signed(Logistics, Send, Ship(Fake1688Seed.PaidOrderId), token));
        using var response = await client.Http.PostAsync(new Uri(client.Fake.BaseUri, "openapi/" + UrlPath(Logistics, Send, client.AppKey)), content);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Contains("<html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("waitsellersend", client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
    }

    [Fact]
    public async Task Reset_restores_the_seed_and_forgets_tokens()
    {
        var (client, token) = await StartAsync();
        using var _ = client;
        await client.OkAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));

        client.Fake.Reset();
        var (status, _) = await client.CallAsync(Logistics, Send, token, Ship(Fake1688Seed.PaidOrderId));

        Assert.Equal(401, status);
        Assert.Equal("waitsellersend", client.Fake.GetOrder(Fake1688Seed.PaidOrderId)!.Status);
        Assert.Equal(401, Assert.Single(client.Fake.Journal.Entries).ResponseStatus); // only the call made after Reset
        Assert.Equal(3, client.Fake.Shops.Count);
    }
}
