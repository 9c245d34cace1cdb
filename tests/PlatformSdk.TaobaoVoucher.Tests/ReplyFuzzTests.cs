using System.Text.Json;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Protocol;
using PlatformSdk.TaobaoVoucher.Tests.Client;
using PlatformSdk.Testing;
using PlatformSdk.Top;

namespace PlatformSdk.TaobaoVoucher.Tests;

/// <summary>
/// Hostile replies become platform errors (never a raw exception): e-voucher calls over loopback answered with replies mutated
/// from valid ones, and the ret_code and wire readers called in-process. Fixed seeds; a failure prints the seed and input.
/// </summary>
public sealed class ReplyFuzzTests
{
    private const int Seed = 8_0404;
    private const string Token = "notice-token-1";

    private static string Wrap(string method, string inner) => $"{{\"{method.Replace("taobao.", string.Empty, StringComparison.Ordinal).Replace('.', '_')}_response\":{inner}}}";

    private sealed record Target(string Name, string ValidReply, Func<TaobaoVoucherClient, Task> Call);

    private static readonly Target[] Targets =
    [
        new("before consume", Wrap("taobao.vmarket.eticket.beforeconsume", "{\"ret_code\":1,\"valid_start\":\"2024-06-01 00:00:00\",\"valid_ends\":\"2024-12-31 23:59:59\",\"left_num\":3,\"code_left_num\":1,\"item_title\":\"票\",\"order_id\":5,\"left_amount\":\"30.00\",\"item_type\":1,\"request_id\":\"r1\"}"),
            c => c.Legacy.BeforeConsumeAsync(new LegacyBeforeConsumeRequest { OrderId = 5, VerifyCode = "12345678", Token = Token, PosId = "pos-1" })),
        new("consume", Wrap("taobao.vmarket.eticket.consume", "{\"ret_code\":1,\"left_num\":2,\"code_left_num\":0,\"item_title\":\"票\",\"sms_tpl\":\"s\",\"print_tpl\":\"p\",\"consume_secial_num\":\"S-1\"}"),
            c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token, PosId = "pos-1" })),
        new("codes", Wrap("taobao.vmarket.eticket.codes.get", "{\"eticket_codes\":{\"eticket_code\":[{\"order_id\":5,\"code\":\"12345678\",\"num\":1,\"status\":1,\"qrcode_url\":\"https://q/1\"}]},\"total_results\":1}"),
            c => c.Legacy.GetCodesAsync(5, null)),
        new("tasks", Wrap("taobao.vmarket.eticket.tasks.get", "{\"eticket_tasks\":{\"eticket_task\":[{\"order_id\":5},{\"order_id\":\"6\"}]},\"total_results\":2}"),
            c => c.Legacy.GetTasksAsync(new LegacyTasksRequest { Type = VoucherTaskType.NotifyFailed, PageNo = 1, PageSize = 20 })),
        new("reconcile", Wrap("taobao.vmarket.eticket.beforeconsume", "{\"ret_code\":1,\"left_num\":3,\"code_left_num\":1}"),
            c => c.Legacy.ReconcileConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token, PosId = "pos-1", SerialNum = "S-1" }, 4)),
        new("merchant available", Wrap("taobao.eticket.merchant.ma.available", "{\"ret_code\":\"SUCCESS\",\"ret_msg\":\"ok\",\"resp_body\":{\"attribute_map\":\"{\\\"k\\\":\\\"v\\\",\\\"n\\\":1}\"}}"),
            c => c.Merchant.AvailableAsync(new MerchantAvailableRequest { Code = "1234567", ConsumeNum = 1, OuterId = "o", Token = Token })),
        new("merchant consume", Wrap("taobao.eticket.merchant.ma.consume", "{\"ret_code\":\"1\",\"ret_msg\":\"ok\",\"resp_body\":{\"attribute_map\":{\"k\":\"v\"}}}"),
            c => c.Merchant.ConsumeAsync(new MerchantConsumeRequest { Code = "1234567", ConsumeNum = 1, OuterId = "o", Token = Token })),
        new("merchant delay", Wrap("taobao.eticket.merchant.ma.delay", "{\"is_success\":true,\"res_code\":\"200\",\"res_msg\":\"ok\"}"),
            c => c.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "o", EndDate = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), CurrentEndDate = new DateTimeOffset(2024, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)) })),
        new("error", "{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":\"isv.eticket-code-already-sent\",\"sub_msg\":\"x\",\"request_id\":\"e1\"}}",
            c => c.Legacy.ConsumeAsync(new LegacyConsumeRequest { OrderId = 5, VerifyCode = "12345678", ConsumeNum = 1, Token = Token, PosId = "pos-1" })),
    ];

    [Fact]
    public async Task Every_voucher_call_answered_with_a_hostile_reply_returns_or_throws_a_PlatformException()
    {
        using var stub = new LoopbackStubServer();
        using var host = new VoucherHost(stub);
        var runs = Targets.SelectMany((target, i) => ReplyFuzz.Cases(Seed + i, target.ValidReply, 170, i * 1000).Select(c => (Target: target, Case: c))).ToList();
        var byIndex = runs.ToDictionary(r => r.Case.Index);

        await ReplyFuzz.AssertOnlyPlatformErrorsAsync(Seed, runs.Select(r => r.Case with { Kind = r.Target.Name + ": " + r.Case.Kind }), async @case =>
        {
            var (target, fuzzed) = byIndex[@case.Index];
            stub.SetHandler(_ => new StubReply(fuzzed.Status, fuzzed.Body, "text/javascript;charset=UTF-8"));
            await target.Call(host.Client);
        });
    }

    [Fact]
    public void The_ret_code_and_wire_readers_turn_every_hostile_success_object_into_a_result_or_a_PlatformException()
    {
        var inner = new[]
        {
            "{\"ret_code\":1,\"valid_start\":\"2024-06-01 00:00:00\",\"left_num\":3,\"code_left_num\":1,\"item_title\":\"票\",\"order_id\":5,\"left_amount\":\"30.00\",\"consume_secial_num\":\"S-1\",\"img_filename\":\"a.png\"}",
            "{\"ret_code\":\"SUCCESS\",\"ret_msg\":\"ok\",\"resp_body\":{\"attribute_map\":\"{\\\"k\\\":\\\"v\\\"}\"},\"is_success\":true,\"res_code\":\"200\",\"res_msg\":\"ok\"}",
            "{\"eticket_codes\":{\"eticket_code\":[{\"order_id\":5,\"code\":\"12345678\",\"num\":1,\"status\":1,\"qrcode_url\":\"u\"}]},\"eticket_tasks\":{\"eticket_task\":[{\"order_id\":5}]}}",
        };
        var cases = inner.SelectMany((reply, i) => ReplyFuzz.Cases(Seed + 100 + i, reply, 400, i * 1000)).ToList();
        var operation = new TopOperation("taobao.vmarket.eticket.consume", Http.OperationIdempotency.NonIdempotentWrite);

        ReplyFuzz.AssertOnlyPlatformErrors(Seed + 100, cases, @case =>
        {
            if (!Http.PlatformResponseClassifier.TryParseJsonObject(@case.Body, out var document, out _))
            {
                return;
            }

            using (document)
            {
                var reply = new TopResult(document.RootElement, 1);
                Try(() => VoucherCaller.EnsureLegacySuccess(reply, operation));
                Try(() => VoucherCaller.EnsureMerchantSuccess(reply, operation));
                Try(() => VoucherCaller.RequireMerchantRetCode(reply, operation));
                Try(() =>
                {
                    var wire = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.MerchantReplyWire, operation.Method);
                    _ = VoucherCaller.Attributes(wire.RespBody?.AttributeMap);
                    _ = VoucherCaller.Raw(wire.ResCode);
                });
                Try(() =>
                {
                    var before = VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.LegacyBeforeConsumeWire, operation.Method);
                    _ = VoucherCaller.ChinaTime(before.ValidStart);
                    _ = VoucherCaller.Raw(before.LeftAmount);
                });
                Try(() => VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.LegacyConsumeWire, operation.Method));
                Try(() => VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.LegacyReverseWire, operation.Method));
                Try(() => VoucherCaller.Read(reply, TaobaoVoucherJsonContext.Default.ImageUploadWire, operation.Method));
                // The clients deserialize list entries themselves, outside any reader that could wrap a failure.
                foreach (var code in VoucherCaller.ReadList(reply.Result, "eticket_codes", "eticket_code"))
                {
                    _ = JsonSerializer.Deserialize(code, TaobaoVoucherJsonContext.Default.EticketCodeWire);
                }

                foreach (var task in VoucherCaller.ReadList(reply.Result, "eticket_tasks", "eticket_task"))
                {
                    _ = JsonSerializer.Deserialize(task, TaobaoVoucherJsonContext.Default.EticketTaskWire);
                }

                _ = reply.RequestId;
            }
        });
    }

    // Each reader is checked on its own, so one that throws a PlatformException does not hide the next one.
    private static void Try(Action read)
    {
        try
        {
            read();
        }
        catch (PlatformSdk.Errors.PlatformException)
        {
        }
    }
}
