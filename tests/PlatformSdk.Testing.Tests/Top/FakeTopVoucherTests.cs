using System.Text.Json.Nodes;
using PlatformSdk.Testing.Top;

namespace PlatformSdk.Testing.Tests.Top;

public sealed class FakeTopVoucherTests : IDisposable
{
    private const long Order = 3100001;
    private const string Mobile = "13800005678";
    private readonly TopTestClient _c = new();

    public void Dispose() => _c.Dispose();

    private FakeTopNotice Notice(long orderId = Order, int units = 3, int validDays = 30) =>
        _c.Fake.IssueNotice(orderId, FakeTopSeed.MainSeller.Nick, units, Mobile, TopTestClient.Start.AddDays(validDays));

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<JsonObject> LegacySendAsync(FakeTopNotice n, string codes) =>
        _c.CallAsync(FakeTopMethods.VmarketSend, new() { ["order_id"] = Id(n.OrderId), ["verify_codes"] = codes, ["token"] = n.Token });

    private Task<JsonObject> LegacyConsumeAsync(FakeTopNotice n, string code, int num, string? serial = null, string? mobile = "5678", string? posId = "POS-1", string? newCode = null)
    {
        var p = new Dictionary<string, string> { ["order_id"] = Id(n.OrderId), ["verify_code"] = code, ["consume_num"] = Id(num), ["token"] = n.Token };
        if (serial is not null) { p["serial_num"] = serial; }
        if (mobile is not null) { p["mobile"] = mobile; }
        if (posId is not null) { p["posid"] = posId; }
        if (newCode is not null) { p["new_code"] = newCode; }
        return _c.CallAsync(FakeTopMethods.VmarketConsume, p);
    }

    private static JsonObject Ok(JsonObject body, string method)
    {
        var name = method["taobao.".Length..].Replace('.', '_') + "_response";
        Assert.True(body.ContainsKey(name), body.ToJsonString());
        return body[name]!.AsObject();
    }

    private static void AssertBusiness(JsonObject body, string subCode)
    {
        var error = TopTestClient.ErrorOf(body);
        Assert.Equal(15, (int)error["code"]!);
        Assert.Equal(subCode, (string?)error["sub_code"]);
    }

    [Fact]
    [Rule("RTV-10", "RTV-12", "RTV-15")]
    public async Task RTV10_RTV12_RTV15_legacy_send_consume_1_of_3_new_code_old_void_reverse_then_expire()
    {
        var n = Notice();
        Assert.Equal(FakeTopVoucherState.AwaitingCode, _c.Fake.GetOrder(Order)!.State);

        Assert.Equal(1, (int)Ok(await LegacySendAsync(n, "12345678:3"), FakeTopMethods.VmarketSend)["ret_code"]!);
        var shipped = _c.Fake.GetOrder(Order)!;
        Assert.True(shipped.Shipped);
        Assert.Equal("12345678", shipped.LiveCode);
        Assert.Equal(FakeTopVoucherState.Available, shipped.State);
        Assert.Equal(FakeTopNoticeStatus.Done, _c.Fake.Notices.Single().Status);

        var before = Ok(await _c.CallAsync(FakeTopMethods.VmarketBeforeConsume, new() { ["order_id"] = Id(Order), ["verify_code"] = "12345678", ["token"] = n.Token, ["mobile"] = "5678" }), FakeTopMethods.VmarketBeforeConsume);
        Assert.Equal(3, (int)before["left_num"]!);
        Assert.Equal("2024-05-31 10:00:00", (string?)before["valid_ends"]);

        var first = Ok(await LegacyConsumeAsync(n, "12345678", 1, serial: "S1"), FakeTopMethods.VmarketConsume);
        Assert.Equal(1, (int)first["ret_code"]!);
        Assert.Equal(2, (int)first["left_num"]!);
        Assert.Equal("S1", (string?)first["consume_secial_num"]);
        var afterFirst = _c.Fake.GetOrder(Order)!;
        Assert.Equal(["12345678"], afterFirst.VoidCodes);
        var newCode = afterFirst.LiveCode!;
        Assert.NotEqual("12345678", newCode);
        Assert.Matches("^[0-9]{6,11}$", newCode);

        // The new code is what codes.get shows as usable (status 1) with the remaining 2 units.
        var codes = Ok(await _c.CallAsync(FakeTopMethods.VmarketCodesGet, new() { ["order_id"] = Id(Order) }), FakeTopMethods.VmarketCodesGet);
        var live = codes["eticket_codes"]!["eticket_code"]!.AsArray().Single(c => (int)c!["status"]! == 1)!;
        Assert.Equal(newCode, (string?)live["code"]);
        Assert.Equal(2, (int)live["num"]!);

        AssertBusiness(await LegacyConsumeAsync(n, "12345678", 1, serial: "S2"), "isv.eticket-code-void");

        var second = Ok(await LegacyConsumeAsync(n, newCode, 1, serial: "S2", posId: "POS-2", newCode: "55556666"), FakeTopMethods.VmarketConsume);
        Assert.Equal(1, (int)second["left_num"]!);
        Assert.Equal("55556666", _c.Fake.GetOrder(Order)!.LiveCode);

        var reversed = Ok(await _c.CallAsync(FakeTopMethods.VmarketReverse, new() { ["order_id"] = Id(Order), ["reverse_code"] = newCode, ["reverse_num"] = "1", ["consume_secial_num"] = "S2", ["token"] = n.Token, ["posid"] = "POS-2" }), FakeTopMethods.VmarketReverse);
        Assert.Equal(2, (int)reversed["left_num"]!);
        var afterReverse = _c.Fake.GetOrder(Order)!;
        Assert.Equal(1, afterReverse.Redeemed);
        Assert.Equal("55556666", afterReverse.LiveCode);
        Assert.Equal(2, afterReverse.Codes.Single(c => c.Code == "55556666").LeftUnits);
        Assert.Equal(["POS-1", "POS-2"], afterReverse.Log.Select(l => l.PosId));
        Assert.NotNull(afterReverse.Log[1].ReversedAt);
        Assert.All(afterReverse.Log, l => Assert.Equal(FakeTopSeed.MainSeller.Nick, l.Account));

        _c.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        AssertBusiness(await LegacyConsumeAsync(n, "55556666", 1, serial: "S3"), "isv.eticket-code-expired");
        Assert.Equal(FakeTopVoucherState.Unavailable, _c.Fake.GetOrder(Order)!.State);
    }

    [Fact]
    [Rule("RTV-15")]
    public async Task RTV15_consuming_everything_makes_the_order_Used_and_refund_makes_it_Unavailable()
    {
        var n = Notice(units: 2);
        await LegacySendAsync(n, "1234567:2");
        Ok(await LegacyConsumeAsync(n, "1234567", 2, serial: "ALL"), FakeTopMethods.VmarketConsume);
        var used = _c.Fake.GetOrder(Order)!;
        Assert.Equal(FakeTopVoucherState.Used, used.State);
        Assert.Null(used.LiveCode);
        AssertBusiness(await LegacyConsumeAsync(n, "1234567", 1, serial: "MORE"), "isv.eticket-code-used");

        var other = Notice(orderId: Order + 1);
        await LegacySendAsync(other, "7654321:3");
        _c.Fake.RefundOrder(Order + 1);
        Assert.Equal(FakeTopVoucherState.Unavailable, _c.Fake.GetOrder(Order + 1)!.State);
        AssertBusiness(await LegacyConsumeAsync(other, "7654321", 1, serial: "R"), "isv.eticket-order-refunded");
    }

    [Fact]
    public async Task Duplicate_serial_returns_the_first_answer_without_consuming_again()
    {
        var n = Notice();
        await LegacySendAsync(n, "12345678:3");
        var first = Ok(await LegacyConsumeAsync(n, "12345678", 1, serial: "DUP"), FakeTopMethods.VmarketConsume);
        var again = Ok(await LegacyConsumeAsync(n, "12345678", 1, serial: "DUP"), FakeTopMethods.VmarketConsume);
        Assert.Equal((int)first["left_num"]!, (int)again["left_num"]!);
        Assert.Equal(1, _c.Fake.GetOrder(Order)!.Redeemed);
        Assert.Single(_c.Fake.GetOrder(Order)!.Log);
        AssertBusiness(await LegacyConsumeAsync(n, "12345678", 2, serial: "DUP"), "isv.eticket-serial-duplicate");
    }

    [Fact]
    public async Task Reverse_needs_the_consumed_count_the_consumed_code_and_the_pos_id_and_only_once()
    {
        var n = Notice();
        await LegacySendAsync(n, "12345678:3");
        await LegacyConsumeAsync(n, "12345678", 2, serial: "R1", posId: "P9");
        Dictionary<string, string> Reverse(string num, string? pos = "P9", string code = "12345678") => new()
        {
            ["order_id"] = Id(Order), ["reverse_code"] = code, ["reverse_num"] = num, ["consume_secial_num"] = "R1", ["token"] = n.Token,
            ["posid"] = pos ?? string.Empty,
        };

        AssertBusiness(await _c.CallAsync(FakeTopMethods.VmarketReverse, Reverse("1")), "isv.eticket-reverse-num-mismatch");
        AssertBusiness(await _c.CallAsync(FakeTopMethods.VmarketReverse, Reverse("2", code: "99999999")), "isv.eticket-reverse-code-mismatch");
        Assert.Equal(40, (int)TopTestClient.ErrorOf(await _c.CallAsync(FakeTopMethods.VmarketReverse, Reverse("2", pos: null)))["code"]!);
        AssertBusiness(await _c.CallAsync(FakeTopMethods.VmarketReverse, Reverse("2", pos: "P8")), "isv.eticket-posid-mismatch");
        Assert.Equal(3, (int)Ok(await _c.CallAsync(FakeTopMethods.VmarketReverse, Reverse("2")), FakeTopMethods.VmarketReverse)["left_num"]!);
        AssertBusiness(await _c.CallAsync(FakeTopMethods.VmarketReverse, Reverse("2")), "isv.eticket-already-reversed");
    }

    [Fact]
    [Rule("RTV-10")]
    public async Task RTV10_resend_once_per_calendar_day_in_GMT_plus_8()
    {
        var n = Notice();
        await LegacySendAsync(n, "12345678:3");
        var resendNotice = _c.Fake.RequestResend(Order);
        Dictionary<string, string> Resend(string codes) => new() { ["order_id"] = Id(Order), ["verify_codes"] = codes, ["token"] = resendNotice.Token };

        Assert.Equal(41, (int)TopTestClient.ErrorOf(await _c.CallAsync(FakeTopMethods.VmarketResend, Resend("87654321:3")))["code"]!);
        Ok(await _c.CallAsync(FakeTopMethods.VmarketResend, Resend("12345678:3")), FakeTopMethods.VmarketResend);
        Assert.Equal(FakeTopNoticeStatus.Done, _c.Fake.Notices.Single(x => x.Token == resendNotice.Token).Status);

        // Start is 10:00 in +08:00; 13:59 later is 23:59 the same day there.
        _c.Time.Advance(TimeSpan.FromHours(13) + TimeSpan.FromMinutes(59));
        var limited = TopTestClient.ErrorOf(await _c.CallAsync(FakeTopMethods.VmarketResend, Resend("12345678:3")));
        Assert.Equal("isv.eticket-resend-limit", (string?)limited["sub_code"]);
        Assert.Contains("RTV-10", (string?)limited["sub_msg"], StringComparison.Ordinal);
        Assert.Contains("2024-05-02 00:00:00", (string?)limited["sub_msg"], StringComparison.Ordinal);

        _c.Time.Advance(TimeSpan.FromMinutes(1));
        Ok(await _c.CallAsync(FakeTopMethods.VmarketResend, Resend("12345678:3")), FakeTopMethods.VmarketResend);
        Assert.Equal(2, _c.Fake.GetOrder(Order)!.Resends.Count);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData("12345:3")]
    [InlineData("123456789012:3")]
    [InlineData("12ab5678:3")]
    public async Task RTV12_codes_must_be_6_to_11_digits(string codes)
    {
        var n = Notice();
        var error = TopTestClient.ErrorOf(await LegacySendAsync(n, codes));
        Assert.Equal(41, (int)error["code"]!);
        Assert.Equal("isv.invalid-parameter", (string?)error["sub_code"]);
        Assert.Contains("RTV-12", (string?)error["sub_msg"], StringComparison.Ordinal);
        Assert.False(_c.Fake.GetOrder(Order)!.Shipped);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData("123456:3")]
    [InlineData("12345678901:3")]
    public async Task RTV12_six_and_eleven_digit_codes_are_accepted(string codes) =>
        Ok(await LegacySendAsync(Notice(), codes), FakeTopMethods.VmarketSend);

    [Fact]
    [Rule("RTV-12")]
    public async Task RTV12_one_code_must_stand_for_all_units()
    {
        var n = Notice();
        Assert.Equal(41, (int)TopTestClient.ErrorOf(await LegacySendAsync(n, "12345678:2"))["code"]!);
        Assert.Equal(41, (int)TopTestClient.ErrorOf(await LegacySendAsync(n, "12345678:1,87654321:2"))["code"]!);
    }

    [Fact]
    public async Task Wrong_token_and_another_sellers_order_are_refused()
    {
        var n = Notice();
        AssertBusiness(await _c.CallAsync(FakeTopMethods.VmarketSend, new() { ["order_id"] = Id(Order), ["verify_codes"] = "12345678:3", ["token"] = "nope" }), "isv.eticket-token-invalid");
        _c.Session = FakeTopSeed.OtherSeller.Session;
        AssertBusiness(await LegacySendAsync(n, "12345678:3"), "isv.eticket-order-not-exist");
    }

    [Fact]
    [Rule("RTV-12")]
    public async Task RTV12_mobile_last_4_mismatch_is_refused()
    {
        var n = Notice();
        await LegacySendAsync(n, "12345678:3");
        AssertBusiness(await LegacyConsumeAsync(n, "12345678", 1, serial: "M1", mobile: "1234"), "isv.eticket-mobile-mismatch");
        AssertBusiness(await _c.CallAsync(FakeTopMethods.VmarketBeforeConsume, new() { ["order_id"] = Id(Order), ["verify_code"] = "12345678", ["token"] = n.Token, ["mobile"] = "0000" }), "isv.eticket-mobile-mismatch");
        Assert.Equal(0, _c.Fake.GetOrder(Order)!.Redeemed);
    }

    [Fact]
    public async Task Consume_more_than_left_is_refused()
    {
        var n = Notice();
        await LegacySendAsync(n, "12345678:3");
        AssertBusiness(await LegacyConsumeAsync(n, "12345678", 4, serial: "X"), "isv.eticket-consume-num-exceeded");
    }

    [Fact]
    [Rule("RTV-11")]
    public async Task RTV11_validity_extends_forward_only_in_both_families()
    {
        Notice();
        AssertBusiness(await _c.CallAsync(FakeTopMethods.VmarketTimeExpand, new() { ["order_id"] = Id(Order), ["expand_days"] = "0" }), "isv.eticket-validity-shorten");
        Ok(await _c.CallAsync(FakeTopMethods.VmarketTimeExpand, new() { ["order_id"] = Id(Order), ["expand_days"] = "5" }), FakeTopMethods.VmarketTimeExpand);
        Assert.Equal(TopTestClient.Start.AddDays(35), _c.Fake.GetOrder(Order)!.ValidUntil);

        AssertBusiness(await _c.CallAsync(FakeTopMethods.MerchantDelay, new() { ["outer_id"] = Id(Order), ["biz_type"] = "1", ["end_date"] = "2024-06-01 00:00:00" }), "isv.eticket-validity-shorten");
        var delay = Ok(await _c.CallAsync(FakeTopMethods.MerchantDelay, new() { ["outer_id"] = Id(Order), ["biz_type"] = "1", ["end_date"] = "2024-07-01" }), FakeTopMethods.MerchantDelay);
        Assert.True((bool)delay["is_success"]!);
        Assert.Equal(new DateTimeOffset(2024, 7, 1, 23, 59, 59, TimeSpan.FromHours(8)), _c.Fake.GetOrder(Order)!.ValidUntil);
    }

    [Fact]
    public async Task Tasks_get_pages_pending_notices_and_lists_failsend_as_type_2()
    {
        for (var i = 0; i < 5; i++)
        {
            Notice(orderId: Order + i);
        }

        _c.Fake.IssueNotice(Order + 100, FakeTopSeed.OtherSeller.Nick, 1, Mobile, TopTestClient.Start.AddDays(1));
        var page2 = Ok(await _c.CallAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1", ["page_no"] = "2", ["page_size"] = "2" }), FakeTopMethods.VmarketTasksGet);
        Assert.Equal(5, (int)page2["total_results"]!);
        Assert.Equal([Order + 2, Order + 3], page2["eticket_tasks"]!["eticket_task"]!.AsArray().Select(t => (long)t!["order_id"]!));

        var beyond = Ok(await _c.CallAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1", ["page_no"] = "4", ["page_size"] = "2" }), FakeTopMethods.VmarketTasksGet);
        Assert.Null(beyond["eticket_tasks"]);

        var failed = _c.Fake.Notices[1];
        Ok(await _c.CallAsync(FakeTopMethods.VmarketFailSend, new() { ["order_id"] = Id(failed.OrderId), ["error_code"] = "501", ["error_msg"] = "库存不足", ["token"] = failed.Token }), FakeTopMethods.VmarketFailSend);
        var type2 = Ok(await _c.CallAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "2" }), FakeTopMethods.VmarketTasksGet);
        Assert.Equal(1, (int)type2["total_results"]!);
        Assert.Equal(failed.OrderId, (long)type2["eticket_tasks"]!["eticket_task"]![0]!["order_id"]!);
        Assert.Equal("库存不足", _c.Fake.Notices[1].FailMessage);
        Assert.Equal(4, (int)Ok(await _c.CallAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" }), FakeTopMethods.VmarketTasksGet)["total_results"]!);

        Assert.Equal(41, (int)TopTestClient.ErrorOf(await _c.CallAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "3" }))["code"]!);
    }

    [Fact]
    [Rule("RTV-12")]
    public async Task RTV12_merchant_family_send_available_consume_with_isv_ma_list_reverse()
    {
        var n = Notice();
        var send = Ok(await _c.CallAsync(FakeTopMethods.MerchantSend, new() { ["outer_id"] = Id(Order), ["token"] = n.Token, ["isv_ma_list"] = """[{"code":"20240501","num":3,"qr_image":""}]""" }), FakeTopMethods.MerchantSend);
        Assert.Equal("1", (string?)send["ret_code"]);
        Assert.True(_c.Fake.GetOrder(Order)!.Shipped);

        Dictionary<string, string> Consume(string code, string serial, string? next) => new()
        {
            ["outer_id"] = Id(Order), ["code"] = code, ["consume_num"] = "1", ["token"] = n.Token, ["serial_num"] = serial, ["pos_id"] = "POS-M",
            ["isv_ma_list"] = next ?? string.Empty,
        };

        var available = Ok(await _c.CallAsync(FakeTopMethods.MerchantAvailable, new() { ["outer_id"] = Id(Order), ["code"] = "20240501", ["consume_num"] = "3", ["token"] = n.Token }), FakeTopMethods.MerchantAvailable);
        Assert.Equal("3", (string?)JsonNode.Parse((string)available["resp_body"]!["attribute_map"]!)!["left_num"]);

        Assert.Equal(40, (int)TopTestClient.ErrorOf(await _c.CallAsync(FakeTopMethods.MerchantConsume, new() { ["outer_id"] = Id(Order), ["code"] = "20240501", ["consume_num"] = "1", ["token"] = n.Token }))["code"]!);
        Assert.Equal(41, (int)TopTestClient.ErrorOf(await _c.CallAsync(FakeTopMethods.MerchantConsume, Consume("20240501", "M1", """[{"code":"20240502","num":1}]""")))["code"]!);

        var consumed = Ok(await _c.CallAsync(FakeTopMethods.MerchantConsume, Consume("20240501", "M1", """[{"code":"20240502","num":2}]""")), FakeTopMethods.MerchantConsume);
        Assert.Equal("1", (string?)consumed["ret_code"]);
        var order = _c.Fake.GetOrder(Order)!;
        Assert.Equal("20240502", order.LiveCode);
        Assert.Equal(["20240501"], order.VoidCodes);
        AssertBusiness(await _c.CallAsync(FakeTopMethods.MerchantConsume, Consume("20240501", "M2", null)), "isv.eticket-code-void");

        Ok(await _c.CallAsync(FakeTopMethods.MerchantReverse, new() { ["outer_id"] = Id(Order), ["code"] = "20240501", ["reverse_num"] = "1", ["serial_num"] = "M1", ["token"] = n.Token, ["pos_id"] = "POS-M" }), FakeTopMethods.MerchantReverse);
        Assert.Equal(3, _c.Fake.GetOrder(Order)!.LeftUnits);
    }

    [Fact]
    public async Task Legacy_send_then_merchant_consume_share_one_state_and_merchant_failsend_marks_failed()
    {
        var n = Notice();
        await LegacySendAsync(n, "12345678:3");
        Ok(await _c.CallAsync(FakeTopMethods.MerchantConsume, new() { ["outer_id"] = Id(Order), ["code"] = "12345678", ["consume_num"] = "3", ["token"] = n.Token, ["serial_num"] = "X1" }), FakeTopMethods.MerchantConsume);
        Assert.Equal(FakeTopVoucherState.Used, _c.Fake.GetOrder(Order)!.State);

        var other = Notice(orderId: Order + 1);
        Ok(await _c.CallAsync(FakeTopMethods.MerchantFailSend, new() { ["outer_id"] = Id(Order + 1), ["sub_err_code"] = "E1", ["sub_err_msg"] = "no stock", ["token"] = other.Token }), FakeTopMethods.MerchantFailSend);
        Assert.Equal(FakeTopNoticeStatus.Failed, _c.Fake.Notices.Single(x => x.Token == other.Token).Status);
        AssertBusiness(await _c.CallAsync(FakeTopMethods.MerchantFailSend, new() { ["outer_id"] = Id(Order), ["sub_err_code"] = "E1", ["sub_err_msg"] = "x", ["token"] = n.Token }), "isv.eticket-notice-answered");
    }

    [Fact]
    public async Task Reset_clears_orders_notices_and_sessions()
    {
        Notice();
        _c.Fake.RenewSession(FakeTopSeed.MainSeller.Nick, "other-session");
        _c.Fake.Reset();
        Assert.Empty(_c.Fake.Orders);
        Assert.Empty(_c.Fake.Notices);
        Assert.Equal(FakeTopSeed.MainSeller.Session, _c.Fake.Sellers[0].Session);
        await _c.OkAsync(FakeTopMethods.VmarketTasksGet, new() { ["type"] = "1" });
    }
}
