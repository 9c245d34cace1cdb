using System.Text.Json;
using System.Text.RegularExpressions;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.Testing;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

public sealed class RequestBuildingTests
{
    private const string Token = "notice-token-77";

    [Fact]
    [Rule("RTV-10")]
    public async Task Legacy_send_RTV10_sends_verify_codes_as_code_colon_count_with_token_and_codemerchant_id()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1,"request_id":"r1"}"""));
        using var host = new VoucherHost(stub);

        var result = await host.Client.Legacy.SendAsync(new LegacySendCodesRequest
        {
            OrderId = 3100000001, Token = Token, Codes = [new("1234567", 2), new("76543210", 1)],
        }, CancellationToken.None);

        var form = Assert.Single(stub.Forms());
        Assert.Equal("taobao.vmarket.eticket.send", form["method"]);
        Assert.Equal("3100000001", form["order_id"]);
        Assert.Equal("1234567:2,76543210:1", form["verify_codes"]);
        Assert.Equal(Token, form["token"]);
        Assert.Equal("9001", form["codemerchant_id"]);
        Assert.Equal("6100-session", form["session"]);
        Assert.False(form.ContainsKey("qr_images"));
        Assert.Equal("1", result.RetCode);
        Assert.Equal("r1", result.RequestId);
    }

    [Fact]
    [Rule("RTV-12")]
    public async Task Legacy_consume_RTV12_sends_one_code_units_mobile_and_a_generated_serial_num()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1,"left_num":1,"code_left_num":0,"item_title":"Bread","print_tpl":"p"}"""));
        using var host = new VoucherHost(stub);
        var request = new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 2, Token = Token, PosId = "pos-1", MobileLastFour = "1234", NewCode = "87654321" };

        var result = await host.Client.Legacy.ConsumeAsync(request, CancellationToken.None);

        var form = Assert.Single(stub.Forms());
        Assert.Equal("taobao.vmarket.eticket.consume", form["method"]);
        Assert.Equal("12345678", form["verify_code"]);
        Assert.Equal("2", form["consume_num"]);
        Assert.Equal("pos-1", form["posid"]);
        Assert.Equal("1234", form["mobile"]);
        Assert.Equal("87654321", form["new_code"]);
        Assert.Matches(new Regex("^[A-Za-z0-9_]{1,100}$"), form["serial_num"]);
        Assert.Equal(request.SerialNum, form["serial_num"]);
        Assert.Equal(request.SerialNum, result.SerialNum);
        Assert.Equal(1, result.LeftNum);
        Assert.Equal(0, result.CodeLeftNum);
        Assert.Equal("p", result.PrintTemplate);
    }

    [Fact]
    public async Task Legacy_reverse_sends_reverse_code_num_and_the_consume_serial_as_consume_secial_num()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1,"left_num":3}"""));
        using var host = new VoucherHost(stub);

        var result = await host.Client.Legacy.ReverseAsync(new LegacyReverseRequest
        {
            OrderId = 5, ReverseCode = "12345678", ReverseNum = 2, ConsumeSerialNum = "psv_1", Token = Token, PosId = "pos-1",
        }, CancellationToken.None);

        var form = Assert.Single(stub.Forms());
        Assert.Equal("taobao.vmarket.eticket.reverse", form["method"]);
        Assert.Equal("12345678", form["reverse_code"]);
        Assert.Equal("2", form["reverse_num"]);
        Assert.Equal("psv_1", form["consume_secial_num"]);
        Assert.Equal(3, result.LeftNum);
    }

    [Fact]
    public async Task Legacy_beforeconsume_reads_validity_in_GMT8_and_left_counts()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.ByForm(f => VoucherReplies.Ok(f["method"],
            """{"ret_code":1,"valid_start":"2024-06-01 00:00:00","valid_ends":"2024-06-30 23:59:59","left_num":3,"code_left_num":3,"item_title":"T","order_id":5,"left_amount":"150.00"}""")));
        using var host = new VoucherHost(stub);

        var check = await host.Client.Legacy.BeforeConsumeAsync(new LegacyBeforeConsumeRequest { OrderId = 5, VerifyCode = "123456", Token = Token, PosId = "pos" }, CancellationToken.None);

        Assert.True(check.MayConsume);
        Assert.Equal(new DateTimeOffset(2024, 6, 30, 23, 59, 59, TimeSpan.FromHours(8)), check.ValidUntil);
        Assert.Equal(3, check.LeftNum);
        Assert.Equal("150.00", check.LeftAmount);
        Assert.Equal("taobao.vmarket.eticket.beforeconsume", Assert.Single(stub.Forms())["method"]);
    }

    [Fact]
    public async Task Legacy_failsend_time_expand_and_manage_notify_use_the_researched_names()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1}"""));
        using var host = new VoucherHost(stub);

        await host.Client.Legacy.FailSendAsync(new LegacyFailSendRequest { OrderId = 5, ErrorCode = 3, ErrorMessage = "no stock", Token = Token }, CancellationToken.None);
        await host.Client.Legacy.ExpandTimeAsync(new LegacyTimeExpandRequest { OrderId = 5, ExpandDays = 7 }, CancellationToken.None);
        await host.Client.Legacy.ManageNotifyAsync(5, VoucherNotifyMethod.Resend, null, CancellationToken.None);

        var forms = stub.Forms().ToArray();
        Assert.Equal(("taobao.vmarket.eticket.failsend", "3", "no stock"), (forms[0]["method"], forms[0]["error_code"], forms[0]["error_msg"]));
        Assert.Equal(("taobao.vmarket.eticket.time.expand", "7"), (forms[1]["method"], forms[1]["expand_days"]));
        Assert.Equal(("taobao.vmarket.eticket.manage.notify", "resend", "9001"), (forms[2]["method"], forms[2]["notify_method"], forms[2]["codemerchant_id"]));
    }

    [Fact]
    public async Task Legacy_codes_get_reads_wrapped_and_bare_lists_and_masks_codes_in_ToString()
    {
        var calls = 0;
        using var stub = new LoopbackStubServer(VoucherReplies.ByForm(f => VoucherReplies.Ok(f["method"], Interlocked.Increment(ref calls) == 1
            ? """{"eticket_codes":{"eticket_code":[{"order_id":5,"code":"12345678","num":2,"status":1}]},"total_results":1}"""
            : """{"eticket_codes":[{"order_id":5,"code":"87654321","num":1}],"total_results":"1"}""")));
        using var host = new VoucherHost(stub);

        var wrapped = await host.Client.Legacy.GetCodesAsync(5, null, CancellationToken.None);
        var bare = await host.Client.Legacy.GetCodesAsync(5, null, CancellationToken.None);

        Assert.Equal("12345678", Assert.Single(wrapped.Codes).Code);
        Assert.Equal(2, wrapped.Codes[0].Num);
        Assert.Equal("87654321", Assert.Single(bare.Codes).Code);
        Assert.Equal(1, bare.TotalResults);
        Assert.DoesNotContain("12345678", wrapped.Codes[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merchant_send_encodes_isv_ma_list_as_json_with_code_num_qr_image()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":"1","ret_msg":"success","resp_body":{"attribute_map":"{\"k\":\"v\"}"}}"""));
        using var host = new VoucherHost(stub);

        var result = await host.Client.Merchant.SendAsync(new MerchantSendCodesRequest
        {
            OuterId = "TB-5", Token = Token, Codes = [new("1234567", 2, "qr.png")],
        }, CancellationToken.None);

        var form = Assert.Single(stub.Forms());
        Assert.Equal("taobao.eticket.merchant.ma.send", form["method"]);
        Assert.Equal("TB-5", form["outer_id"]);
        Assert.Equal("1", form["biz_type"]);
        using var list = JsonDocument.Parse(form["isv_ma_list"]);
        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("1234567", item.GetProperty("code").GetString());
        Assert.Equal(2, item.GetProperty("num").GetInt32());
        Assert.Equal("qr.png", item.GetProperty("qr_image").GetString());
        Assert.Equal("v", result.Attributes["k"]);
        Assert.False(form.ContainsKey("codemerchant_id"));
    }

    [Fact]
    public async Task Merchant_available_consume_reverse_failsend_use_the_researched_names()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":"1","ret_msg":"ok"}"""));
        using var host = new VoucherHost(stub);
        var consume = new MerchantConsumeRequest { Code = "1234567", ConsumeNum = 1, OuterId = "TB-5", Token = Token, PosId = "pos" };

        var check = await host.Client.Merchant.AvailableAsync(new MerchantAvailableRequest { Code = "1234567", ConsumeNum = 1, OuterId = "TB-5", Token = Token }, CancellationToken.None);
        await host.Client.Merchant.ConsumeAsync(consume, CancellationToken.None);
        await host.Client.Merchant.ReverseAsync(new MerchantReverseRequest { Code = "1234567", OuterId = "TB-5", ReverseNum = 1, SerialNum = consume.SerialNum, Token = Token, PosId = "pos" }, CancellationToken.None);
        await host.Client.Merchant.FailSendAsync(new MerchantFailSendRequest { OuterId = "TB-5", SubErrorCode = "E1", SubErrorMessage = "sold out", Token = Token }, CancellationToken.None);

        Assert.True(check.MayConsume);
        var forms = stub.Forms().ToArray();
        Assert.Equal(["taobao.eticket.merchant.ma.available", "taobao.eticket.merchant.ma.consume", "taobao.eticket.merchant.ma.reverse", "taobao.eticket.merchant.ma.failsend"], forms.Select(f => f["method"]).ToArray());
        Assert.Equal(("1", "TB-5", consume.SerialNum, "pos"), (forms[1]["consume_num"], forms[1]["outer_id"], forms[1]["serial_num"], forms[1]["pos_id"]));
        Assert.Equal((consume.SerialNum, "1"), (forms[2]["serial_num"], forms[2]["reverse_num"]));
        Assert.Equal(("E1", "sold out"), (forms[3]["sub_err_code"], forms[3]["sub_err_msg"]));
    }

    [Fact]
    [Rule("RTV-11")]
    public async Task Merchant_delay_RTV11_sends_absolute_end_date_in_GMT8_and_reuses_request_id()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"is_success":true,"res_code":"0","res_msg":"ok"}"""));
        using var host = new VoucherHost(stub);
        var request = new MerchantDelayRequest
        {
            OuterId = "TB-5", EndDate = new DateTimeOffset(2024, 7, 31, 16, 0, 0, TimeSpan.Zero), CurrentEndDate = new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.FromHours(8)),
        };

        await host.Client.Merchant.DelayAsync(request, CancellationToken.None);
        await host.Client.Merchant.DelayAsync(request, CancellationToken.None);

        var forms = stub.Forms().ToArray();
        Assert.Equal("taobao.eticket.merchant.ma.delay", forms[0]["method"]);
        Assert.Equal("2024-08-01 00:00:00", forms[0]["end_date"]);
        Assert.Equal("1", forms[0]["biz_type"]);
        Assert.Equal(forms[0]["request_id"], forms[1]["request_id"]);
    }

    [Fact]
    public async Task Legacy_tasks_get_sends_type_page_no_page_size()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"eticket_tasks":{"eticket_task":[{"order_id":11},{"order_id":12}]},"total_results":5}"""));
        using var host = new VoucherHost(stub);

        var page = await host.Client.Legacy.GetTasksAsync(new LegacyTasksRequest { Type = VoucherTaskType.CallbackFailed, PageNo = 2, PageSize = 2 }, CancellationToken.None);

        var form = Assert.Single(stub.Forms());
        Assert.Equal(("taobao.vmarket.eticket.tasks.get", "2", "2", "2"), (form["method"], form["type"], form["page_no"], form["page_size"]));
        Assert.Equal([11L, 12L], page.OrderIds);
        Assert.True(page.HasMore);
    }
}
