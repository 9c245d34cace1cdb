using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Errors;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Models.Sending;
using PlatformSdk.Testing;

namespace PlatformSdk.TaobaoVoucher.Tests.Client;

public sealed class RetCodeAndIdempotencyTests
{
    private const string Token = "notice-token";

    [Fact]
    public async Task Legacy_ret_code_0_is_a_business_rule_failure_not_retried_and_not_ambiguous()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":0,"request_id":"rq"}"""));
        using var host = new VoucherHost(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => host.Client.Legacy.SendAsync(
            new LegacySendCodesRequest { OrderId = 1, Token = Token, Codes = [new("1234567", 1)] }, CancellationToken.None));

        Assert.Equal(TaobaoVoucherErrorCatalogue.LegacyRetCodeFailure, ex.ErrorCode);
        Assert.Equal(ErrorCategory.BusinessRule, ex.Category);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal("rq", ex.Error.RequestId);
        Assert.Single(stub.Forms());
    }

    [Fact]
    public async Task Legacy_beforeconsume_ret_code_0_reports_may_not_consume()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":"0","left_num":0}"""));
        using var host = new VoucherHost(stub);
        var check = await host.Client.Legacy.BeforeConsumeAsync(new LegacyBeforeConsumeRequest { OrderId = 1, VerifyCode = "1234567", Token = Token, PosId = "p" }, CancellationToken.None);
        Assert.False(check.MayConsume);
    }

    [Fact]
    public async Task Merchant_ret_code_failure_carries_ret_msg_and_the_code_as_sub_code()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":"CODE_USED","ret_msg":"码已使用"}"""));
        using var host = new VoucherHost(stub);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => host.Client.Merchant.ConsumeAsync(
            new MerchantConsumeRequest { Code = "1234567", ConsumeNum = 1, OuterId = "o", Token = Token }, CancellationToken.None));

        Assert.Equal(TaobaoVoucherErrorCatalogue.MerchantRetCodeFailure, ex.ErrorCode);
        Assert.Equal("CODE_USED", ex.Error.SubCode);
        Assert.Contains("码已使用", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.BusinessRule, ex.Category);
    }

    [Fact]
    public async Task Merchant_available_failure_is_reported_not_thrown()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":"NOT_AVAILABLE","ret_msg":"expired"}"""));
        using var host = new VoucherHost(stub);
        var check = await host.Client.Merchant.AvailableAsync(new MerchantAvailableRequest { Code = "1234567", ConsumeNum = 1, OuterId = "o", Token = Token }, CancellationToken.None);
        Assert.False(check.MayConsume);
        Assert.Equal("expired", check.Message);
    }

    [Fact]
    public async Task Merchant_delay_is_success_false_throws()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"is_success":false,"res_code":"E9","res_msg":"no"}"""));
        using var host = new VoucherHost(stub);
        var ex = await Assert.ThrowsAsync<PlatformException>(() => host.Client.Merchant.DelayAsync(new MerchantDelayRequest
        {
            OuterId = "o", EndDate = DateTimeOffset.UnixEpoch.AddDays(2), CurrentEndDate = DateTimeOffset.UnixEpoch,
        }, CancellationToken.None));
        Assert.Equal(TaobaoVoucherErrorCatalogue.DelayFailure, ex.ErrorCode);
    }

    [Fact]
    public async Task Eticket_business_sub_code_is_classified_business_rule_through_the_TOP_pipeline()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.ByForm(_ => (200, """{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isv.eticket-code-used","sub_msg":"码已全部核销"}}""")));
        using var host = new VoucherHost(stub);
        var ex = await Assert.ThrowsAsync<PlatformException>(() => host.Client.Legacy.ConsumeAsync(
            new LegacyConsumeRequest { OrderId = 1, VerifyCode = "1234567", ConsumeNum = 1, Token = Token }, CancellationToken.None));
        Assert.Equal(ErrorCategory.BusinessRule, ex.Category);
        Assert.Single(stub.Forms());
    }

    [Fact]
    public async Task Consume_5xx_is_not_retried_and_reconcile_resends_with_the_same_serial_when_units_are_still_there()
    {
        var consumes = 0;
        using var stub = new LoopbackStubServer(VoucherReplies.ByForm(f => f["method"] switch
        {
            "taobao.vmarket.eticket.consume" when Interlocked.Increment(ref consumes) == 1 => (502, "<html>bad gateway</html>"),
            "taobao.vmarket.eticket.consume" => VoucherReplies.Ok(f["method"], """{"ret_code":1,"left_num":1}"""),
            _ => VoucherReplies.Ok(f["method"], """{"ret_code":1,"left_num":3}"""),
        }));
        using var host = new VoucherHost(stub);
        var request = new LegacyConsumeRequest { OrderId = 1, VerifyCode = "1234567", ConsumeNum = 2, Token = Token, PosId = "p" };

        var ex = await Assert.ThrowsAsync<PlatformException>(() => host.Client.Legacy.ConsumeAsync(request, CancellationToken.None));
        Assert.Single(stub.CallsTo("taobao.vmarket.eticket.consume"));
        Assert.True(ex.MayHaveBeenProcessed);

        var reconciled = await host.Client.Legacy.ReconcileConsumeAsync(request, leftBeforeConsume: 3, CancellationToken.None);

        Assert.Equal(ConsumeReconciliationOutcome.Resent, reconciled.Outcome);
        var sent = stub.CallsTo("taobao.vmarket.eticket.consume");
        Assert.Equal(2, sent.Length);
        Assert.Equal(sent[0]["serial_num"], sent[1]["serial_num"]);
        Assert.Equal(request.SerialNum, reconciled.Result!.SerialNum);
    }

    [Fact]
    public async Task Reconcile_does_not_resend_when_left_num_shows_the_redemption_was_applied()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1,"left_num":1}"""));
        using var host = new VoucherHost(stub);
        var request = new LegacyConsumeRequest { OrderId = 1, VerifyCode = "1234567", ConsumeNum = 2, Token = Token, PosId = "p" };

        var reconciled = await host.Client.Legacy.ReconcileConsumeAsync(request, leftBeforeConsume: 3, CancellationToken.None);

        Assert.Equal(ConsumeReconciliationOutcome.AlreadyApplied, reconciled.Outcome);
        Assert.Empty(stub.CallsTo("taobao.vmarket.eticket.consume"));
    }

    [Fact]
    public async Task Reconcile_is_inconclusive_and_sends_nothing_when_the_count_moved_otherwise()
    {
        using var stub = new LoopbackStubServer(VoucherReplies.Success("""{"ret_code":1,"left_num":2}"""));
        using var host = new VoucherHost(stub);
        var request = new LegacyConsumeRequest { OrderId = 1, VerifyCode = "1234567", ConsumeNum = 2, Token = Token, PosId = "p" };
        var reconciled = await host.Client.Legacy.ReconcileConsumeAsync(request, leftBeforeConsume: 3, CancellationToken.None);
        Assert.Equal(ConsumeReconciliationOutcome.Inconclusive, reconciled.Outcome);
        Assert.Empty(stub.CallsTo("taobao.vmarket.eticket.consume"));
    }

    [Fact]
    public async Task Codes_get_read_is_retried_on_5xx()
    {
        var calls = 0;
        using var stub = new LoopbackStubServer(VoucherReplies.ByForm(f => Interlocked.Increment(ref calls) == 1 ? (503, "") : VoucherReplies.Ok(f["method"], """{"eticket_codes":[],"total_results":0}""")));
        using var host = new VoucherHost(stub);
        await host.Client.Legacy.GetCodesAsync(1, null, CancellationToken.None);
        Assert.Equal(2, stub.Forms().Count);
    }
}
