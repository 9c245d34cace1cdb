using System.Text.Json.Nodes;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Jushuitan;
using static PlatformSdk.Testing.Tests.JstTestClient;

namespace PlatformSdk.Testing.Tests;

public sealed class JushuitanOrderTests : IDisposable
{
    private const long Shop = FakeJushuitanSeed.OwnMallShopId;
    private readonly JstTestClient _client = new();

    private FakeJushuitanServer Fake => _client.Fake;

    public void Dispose() => _client.Dispose();

    private static int Code(JsonObject response) => response["code"]!.GetValue<int>();

    private Task<JsonObject> UploadLegacy(params string[] orders) => _client.LegacyAsync("jushuitan.orders.upload", OrderArray(orders));

    private Task<JsonObject> UploadOpen(params string[] orders) => _client.OpenAsync("/open/jushuitan/orders/upload", OrderArray(orders));

    [Fact]
    [Rule("RJST-14")]
    public async Task RJST14_reupload_of_the_same_shop_and_so_id_keeps_one_order_and_one_o_id()
    {
        var first = await UploadLegacy(Order(Shop, "SO-1"));
        var second = await UploadOpen(Order(Shop, "SO-1"));

        var firstOId = first["datas"]![0]!["o_id"]!.GetValue<long>();
        Assert.Equal(firstOId, second["data"]!["datas"]![0]!["o_id"]!.GetValue<long>());
        var order = Assert.Single(Fake.Orders);
        Assert.Equal(firstOId, order.OId);
        Assert.Equal(2, order.UploadCount);
    }

    [Fact]
    public async Task Open_upload_answers_per_order_results_in_data_datas()
    {
        var response = await UploadOpen(Order(Shop, "SO-A"), Order(Shop, ""));

        Assert.Equal(0, Code(response));
        var datas = response["data"]!["datas"]!.AsArray();
        Assert.True(datas[0]!["issuccess"]!.GetValue<bool>());
        Assert.Equal("SO-A", datas[0]!["so_id"]!.GetValue<string>());
        Assert.True(datas[0]!["o_id"]!.GetValue<long>() > 0);
        Assert.False(datas[1]!["issuccess"]!.GetValue<bool>());
        Assert.Equal("so_id不能为空", datas[1]!["msg"]!.GetValue<string>());
        Assert.Single(Fake.Orders);
    }

    [Fact]
    public async Task Legacy_upload_answers_flat_envelope_with_datas()
    {
        var response = await UploadLegacy(Order(Shop, "SO-L"));

        Assert.Equal(0, Code(response));
        Assert.True(response["issuccess"]!.GetValue<bool>());
        Assert.Equal("执行成功", response["msg"]!.GetValue<string>());
        Assert.Null(response["data"]);
        Assert.Single(response["datas"]!.AsArray());
    }

    [Fact]
    [Rule("RJST-17", "RJST-19")]
    public async Task RJST17_RJST19_unpaid_upload_is_WaitPay_then_upload_with_matching_pay_makes_it_WaitConfirm()
    {
        await UploadLegacy(Order(Shop, "SO-2", "WAIT_BUYER_PAY", 100m, paid: null));
        var unpaid = Fake.GetOrder(Shop, "SO-2")!;
        Assert.Equal("WaitPay", unpaid.Status);
        Assert.False(unpaid.Paid);

        await UploadLegacy(Order(Shop, "SO-2", "WAIT_SELLER_SEND_GOODS", 100m, paid: 100m));

        var paid = Fake.GetOrder(Shop, "SO-2")!;
        Assert.Equal(unpaid.OId, paid.OId);
        Assert.Equal("WaitConfirm", paid.Status);
        Assert.True(paid.Paid);
        Assert.Equal("WAIT_SELLER_SEND_GOODS", paid.ShopStatus);
        Assert.True(paid.Ts > unpaid.Ts);
    }

    [Theory]
    [Rule("RJST-15")]
    [InlineData(null)]
    [InlineData(90.0)]
    public async Task RJST15_paid_shop_status_without_matching_pay_node_stays_unpaid(double? payNodeAmount)
    {
        await UploadOpen(Order(Shop, "SO-3", "WAIT_SELLER_SEND_GOODS", 100m, paid: (decimal?)payNodeAmount));

        Assert.Equal("WaitPay", Fake.GetOrder(Shop, "SO-3")!.Status);
    }

    [Fact]
    [Rule("RJST-09")]
    public async Task RJST09_same_so_id_in_two_shops_is_two_orders_and_shipping_one_leaves_the_other()
    {
        await UploadLegacy(Order(Shop, "SO-9"), Order(FakeJushuitanSeed.SecondOwnMallShopId, "SO-9"));
        var a = Fake.GetOrder(Shop, "SO-9")!;
        var b = Fake.GetOrder(FakeJushuitanSeed.SecondOwnMallShopId, "SO-9")!;
        Assert.NotEqual(a.OId, b.OId);

        var shipped = await _client.LegacyAsync("ordersent.upload", $"[{{\"shop_id\":{Shop},\"o_id\":{a.OId},\"so_id\":\"SO-9\",\"lc_id\":\"SF\",\"lc_name\":\"顺丰速运\",\"l_id\":\"SF123\"}}]");

        Assert.Equal(0, Code(shipped));
        Assert.Equal(("Sent", "SF", "SF123"), (Fake.GetOrder(Shop, "SO-9")!.Status, Fake.GetOrder(Shop, "SO-9")!.LcId, Fake.GetOrder(Shop, "SO-9")!.LId));
        Assert.Equal("WaitConfirm", Fake.GetOrder(FakeJushuitanSeed.SecondOwnMallShopId, "SO-9")!.Status);
    }

    [Fact]
    public async Task Shipment_with_unknown_carrier_is_rejected()
    {
        await UploadLegacy(Order(Shop, "SO-S"));

        var response = await _client.OpenAsync("/open/order/sent/upload", $"[{{\"shop_id\":{Shop},\"so_id\":\"SO-S\",\"lc_id\":\"NOPE\",\"l_id\":\"X1\"}}]");

        Assert.Equal(140, Code(response));
        Assert.Equal("WaitConfirm", Fake.GetOrder(Shop, "SO-S")!.Status);
    }

    [Fact]
    [Rule("RJST-06")]
    public async Task RJST06_upload_to_a_shop_that_is_not_own_mall_is_rejected_with_the_exact_text()
    {
        var (_, body) = await _client.LegacyRawAsync("jushuitan.orders.upload", OrderArray(Order(FakeJushuitanSeed.TaobaoShopId, "SO-6")));

        Assert.Equal($"{{\"msg\":\"店铺编号[{FakeJushuitanSeed.TaobaoShopId}]的站点类型不是自有商城,无法上传\",\"code\":170,\"issuccess\":false}}", body);
        Assert.Empty(Fake.Orders);
    }

    [Fact]
    [Rule("RJST-07")]
    public async Task RJST07_upload_to_a_shop_of_another_company_returns_the_exact_json()
    {
        var (_, body) = await _client.LegacyRawAsync("jushuitan.orders.upload", OrderArray(Order(Shop, "SO-OK"), Order(FakeJushuitanSeed.OtherCompanyShopId, "SO-7")));

        Assert.Equal($"{{\"msg\":\"店铺编号[{FakeJushuitanSeed.OtherCompanyShopId}]对应公司与系统配置的不一致,请检查配置!\",\"code\":170,\"issuccess\":false}}", body);
        Assert.Empty(Fake.Orders); // the whole call is rejected, the valid order too
    }

    [Fact]
    [Rule("RJST-07")]
    public async Task RJST07_open_api_uses_the_open_envelope()
    {
        var response = await UploadOpen(Order(FakeJushuitanSeed.OtherCompanyShopId, "SO-7"));

        Assert.Equal(170, Code(response));
        Assert.Equal($"店铺编号[{FakeJushuitanSeed.OtherCompanyShopId}]对应公司与系统配置的不一致,请检查配置!", response["msg"]!.GetValue<string>());
        Assert.Null(response["data"]);
    }

    [Fact]
    public async Task Upload_to_unknown_shop_is_code_170_shop_does_not_exist()
    {
        var response = await UploadOpen(Order(999, "SO-X"));

        Assert.Equal(170, Code(response));
        Assert.Equal("店铺编号[999]不存在", response["msg"]!.GetValue<string>());
    }

    [Fact]
    [Rule("RJST-12")]
    public async Task RJST12_order_cancelled_in_the_erp_stays_cancelled_while_reupload_answers_success()
    {
        var first = await UploadLegacy(Order(Shop, "SO-12"));
        Fake.CancelInErp(Shop, "SO-12");

        var again = await UploadLegacy(Order(Shop, "SO-12"));

        Assert.Equal(0, Code(again));
        Assert.True(again["datas"]![0]!["issuccess"]!.GetValue<bool>());
        Assert.Equal(first["datas"]![0]!["o_id"]!.GetValue<long>(), again["datas"]![0]!["o_id"]!.GetValue<long>());
        Assert.Equal("Cancelled", Fake.GetOrder(Shop, "SO-12")!.Status);
    }

    [Fact]
    [Rule("RJST-08")]
    public async Task RJST08_legacy_cancel_by_so_id_cancels_every_sub_order_of_a_split_order()
    {
        await UploadLegacy(Order(Shop, "SO-8"));
        var oIds = Fake.MarkSplit(Shop, "SO-8", 3);
        var query = await _client.LegacyAsync("orders.single.query", "{\"so_ids\":[\"SO-8\"]}");
        Assert.Equal(oIds, query["orders"]!.AsArray().Select(o => o!["o_id"]!.GetValue<long>()));
        Assert.All(query["orders"]!.AsArray(), o => Assert.Equal("Split", o!["status"]!.GetValue<string>()));
        Assert.All(query["orders"]!.AsArray(), o => Assert.True(o!["is_split"]!.GetValue<bool>()));

        var cancel = await _client.LegacyAsync("jushuitan.orders.cancel", $"[{{\"shop_id\":{Shop},\"so_id\":\"SO-8\"}}]");

        Assert.Equal(0, Code(cancel));
        Assert.All(Fake.GetOrders(Shop, "SO-8"), o => Assert.Equal("Cancelled", o.Status));
        Assert.Equal(3, Fake.GetOrders(Shop, "SO-8").Count);
    }

    [Fact]
    [Rule("RJST-08")]
    public async Task RJST08_open_cancel_of_one_sub_order_o_id_cancels_all_sub_orders()
    {
        await UploadOpen(Order(Shop, "SO-8B"), Order(Shop, "SO-OTHER"));
        var oIds = Fake.MarkSplit(Shop, "SO-8B", 2);

        var cancel = await _client.OpenAsync("/open/jushuitan/orderbyoid/cancel", $"{{\"o_ids\":[{oIds[1]}],\"cancel_type\":\"其他\",\"remark\":\"test\"}}");

        Assert.Equal(0, Code(cancel));
        Assert.Equal("执行成功", cancel["data"]!.GetValue<string>());
        Assert.All(Fake.GetOrders(Shop, "SO-8B"), o => Assert.Equal("Cancelled", o.Status));
        Assert.Equal("WaitConfirm", Fake.GetOrder(Shop, "SO-OTHER")!.Status);
    }

    [Fact]
    public async Task Cancel_of_unknown_order_is_code_160_and_changes_nothing()
    {
        await UploadOpen(Order(Shop, "SO-C"));
        var oId = Fake.GetOrder(Shop, "SO-C")!.OId;

        var response = await _client.OpenAsync("/open/jushuitan/orderbyoid/cancel", $"{{\"o_ids\":[{oId},99999999]}}");

        Assert.Equal(160, Code(response));
        Assert.Equal("内部单号[99999999]不存在", response["msg"]!.GetValue<string>());
        Assert.Equal("WaitConfirm", Fake.GetOrder(Shop, "SO-C")!.Status);
    }

    [Fact]
    public async Task Cancel_of_a_shipped_order_is_refused()
    {
        await UploadLegacy(Order(Shop, "SO-SENT"));
        await _client.LegacyAsync("ordersent.upload", $"[{{\"shop_id\":{Shop},\"so_id\":\"SO-SENT\",\"lc_id\":\"ZTO\",\"l_id\":\"Z1\"}}]");

        var response = await _client.LegacyAsync("jushuitan.orders.cancel", $"[{{\"shop_id\":{Shop},\"so_id\":\"SO-SENT\"}}]");

        Assert.Equal(160, Code(response));
        Assert.Equal("Sent", Fake.GetOrder(Shop, "SO-SENT")!.Status);
    }

    [Fact]
    public async Task Open_cancel_accepts_at_most_50_o_ids()
    {
        var response = await _client.OpenAsync("/open/jushuitan/orderbyoid/cancel", "{\"o_ids\":[" + string.Join(",", Enumerable.Range(1, 51)) + "]}");

        Assert.Equal(140, Code(response));
    }

    [Fact]
    [Rule("RJST-10")]
    public async Task RJST10_question_orders_are_found_by_status_with_question_desc()
    {
        await UploadLegacy(Order(Shop, "SO-10"), Order(Shop, "SO-10B"));
        Fake.SetQuestion(Shop, "SO-10", "缺货");

        var response = await _client.OpenAsync("/open/orders/single/query", "{\"status\":\"Question\",\"so_ids\":[\"SO-10\",\"SO-10B\"]}");

        var order = Assert.Single(response["data"]!["orders"]!.AsArray())!;
        Assert.Equal("SO-10", order["so_id"]!.GetValue<string>());
        Assert.Equal("缺货", order["question_desc"]!.GetValue<string>());
    }

    [Fact]
    [Rule("RJST-10")]
    public async Task RJST10_upload_with_question_desc_marks_the_order_as_exception()
    {
        await UploadOpen(Order(Shop, "SO-Q", extra: ",\"question_desc\":\"地址待确认\""));

        var order = Fake.GetOrder(Shop, "SO-Q")!;
        Assert.Equal(("Question", "地址待确认"), (order.Status, order.QuestionDesc));
    }

    [Fact]
    [Rule("RJST-13")]
    public async Task RJST13_upload_to_a_disabled_shop_answers_success_but_stores_nothing()
    {
        Fake.DisableShop(Shop);

        var response = await UploadLegacy(Order(Shop, "SO-13"));

        Assert.Equal(0, Code(response));
        Assert.True(response["datas"]![0]!["issuccess"]!.GetValue<bool>());
        Assert.Null(Fake.GetOrder(Shop, "SO-13"));
    }

    [Fact]
    [Rule("RJST-13")]
    public async Task RJST13_download_all_orders_off_drops_unpaid_orders_only()
    {
        Fake.SetDownloadAllOrders(Shop, enabled: false);

        await UploadOpen(Order(Shop, "SO-UNPAID", "WAIT_BUYER_PAY", 50m, paid: null), Order(Shop, "SO-PAID"));

        Assert.Null(Fake.GetOrder(Shop, "SO-UNPAID"));
        Assert.NotNull(Fake.GetOrder(Shop, "SO-PAID"));
    }

    [Fact]
    public async Task Closed_trade_upload_cancels_the_order()
    {
        await UploadOpen(Order(Shop, "SO-CL"));
        await UploadOpen(Order(Shop, "SO-CL", "TRADE_CLOSED"));

        Assert.Equal("Cancelled", Fake.GetOrder(Shop, "SO-CL")!.Status);
    }

    [Fact]
    public async Task Upload_biz_as_object_instead_of_array_is_rejected()
    {
        var response = await _client.OpenAsync("/open/jushuitan/orders/upload", "{\"orders\":" + OrderArray(Order(Shop, "SO-O")) + "}");

        Assert.Equal(140, Code(response));
        Assert.Empty(Fake.Orders);
    }

    [Fact]
    public async Task Upload_pay_as_array_fails_that_order()
    {
        var order = Order(Shop, "SO-PA", paid: null, extra: ",\"pay\":[{\"amount\":100}]");

        var response = await UploadOpen(order);

        Assert.False(response["data"]!["datas"]![0]!["issuccess"]!.GetValue<bool>());
        Assert.Empty(Fake.Orders);
    }

    [Fact]
    public async Task Upload_of_more_than_50_orders_is_rejected()
    {
        var orders = Enumerable.Range(1, 51).Select(i => Order(Shop, $"SO-B{i}")).ToArray();

        var response = await UploadLegacy(orders);

        Assert.Equal(140, Code(response));
        Assert.Empty(Fake.Orders);
    }

    [Fact]
    [Rule("RJST-14")]
    public async Task RJST14_upload_processed_but_connection_dropped_then_retried_creates_no_duplicate()
    {
        Fake.Faults.For(JushuitanRoutes.OrdersUpload).Once(Fault.DropConnection(processRequest: true));

        await Assert.ThrowsAsync<HttpRequestException>(() => UploadOpen(Order(Shop, "SO-R")));
        var retry = await UploadOpen(Order(Shop, "SO-R"));

        Assert.Equal(0, Code(retry));
        var order = Assert.Single(Fake.Orders);
        Assert.Equal(retry["data"]!["datas"]![0]!["o_id"]!.GetValue<long>(), order.OId);
        Assert.Equal(2, Fake.CallsTo(JushuitanRoutes.OrdersUpload).Count);
    }

    [Theory]
    [InlineData(true, "{\"msg\":\"调用超过频率\",\"code\":200,\"issuccess\":false}")]
    [InlineData(false, "{\"code\":199,\"msg\":\"调用太频繁，请稍后再试\",\"data\":null}")]
    public async Task Throttle_fault_answers_in_the_platform_shape_and_stores_nothing(bool legacy, string expected)
    {
        Fake.Faults.For(JushuitanRoutes.OrdersUpload).Once(Fault.Throttle());

        var body = legacy
            ? (await _client.LegacyRawAsync("jushuitan.orders.upload", OrderArray(Order(Shop, "SO-T")))).Body
            : (await _client.PostFormAsync("/open/jushuitan/orders/upload", _client.OpenFields(OrderArray(Order(Shop, "SO-T"))))).Body;

        Assert.Equal(expected, body);
        Assert.Empty(Fake.Orders);
        Assert.Equal(0, Fake.GetCallCount(legacy ? Fake.PartnerId : Fake.AppKey));
    }

    [Fact]
    public async Task Open_api_throttle_code_200_is_configurable()
    {
        using var client = new JstTestClient(new FakeJushuitanOptions { OpenApiThrottleCode = 200 });
        client.Fake.Faults.ForAnyRoute().Once(Fault.Throttle());

        var response = await client.OpenAsync("/open/shops/query");

        Assert.Equal((200, "调用频次超过限制"), (Code(response), response["msg"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Reset_restores_seed_state_and_clears_journal_and_faults()
    {
        await UploadLegacy(Order(Shop, "SO-RESET"));
        Fake.DisableShop(Shop);
        Fake.Faults.ForAnyRoute().Always(Fault.ServerError());

        Fake.Reset();

        Assert.Empty(Fake.Orders);
        Assert.Equal(0, Fake.Journal.Count);
        Assert.True(Fake.Shops.Single(s => s.ShopId == Shop).Enabled);
        Assert.Equal(0, Code(await UploadLegacy(Order(Shop, "SO-RESET"))));
    }
}
