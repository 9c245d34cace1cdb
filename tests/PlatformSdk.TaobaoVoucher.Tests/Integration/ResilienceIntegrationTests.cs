using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Top;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.TaobaoVoucher.Tests.Integration;

public sealed class ResilienceIntegrationTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    [Rule("RTV-12")]
    public async Task RTV12_consume_502_after_processing_is_not_retried_and_reconcile_reports_already_applied_without_a_second_consume()
    {
        await using var h = TopVoucherHarness.Start();
        var notice = await h.IssueAndSendLegacyAsync(3300001, "31313131");
        var request = new LegacyConsumeRequest { OrderId = 3300001, VerifyCode = "31313131", ConsumeNum = 1, Token = notice.Token, MobileLastFour = TopVoucherHarness.LastFour, PosId = "till-7" };
        h.Fake.Faults.For(FakeTopMethods.VmarketConsume).Once(Fault.ServerError(502, processRequest: true));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Legacy.ConsumeAsync(request, Ct));
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(h.Fake.CallsTo(FakeTopMethods.VmarketConsume));
        Assert.Equal(1, h.Order(3300001).Redeemed);

        var reconciliation = await h.Client.Legacy.ReconcileConsumeAsync(request, leftBeforeConsume: 3, Ct);

        Assert.Equal(ConsumeReconciliationOutcome.AlreadyApplied, reconciliation.Outcome);
        Assert.Equal(request.SerialNum, reconciliation.SerialNum);
        Assert.Single(h.Fake.CallsTo(FakeTopMethods.VmarketConsume));
        Assert.Equal(1, h.Order(3300001).Redeemed);
    }

    [Fact]
    [Rule("RTV-12")]
    public async Task RTV12_consume_502_before_processing_reconcile_resends_once_with_the_same_serial_num()
    {
        await using var h = TopVoucherHarness.Start();
        var notice = await h.IssueAndSendLegacyAsync(3300002, "32323232");
        var request = new LegacyConsumeRequest { OrderId = 3300002, VerifyCode = "32323232", ConsumeNum = 1, Token = notice.Token, MobileLastFour = TopVoucherHarness.LastFour, PosId = "till-7" };
        h.Fake.Faults.For(FakeTopMethods.VmarketConsume).Once(Fault.ServerError(502, processRequest: false));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Legacy.ConsumeAsync(request, Ct));
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(0, h.Order(3300002).Redeemed);

        var reconciliation = await h.Client.Legacy.ReconcileConsumeAsync(request, leftBeforeConsume: 3, Ct);

        Assert.Equal(ConsumeReconciliationOutcome.Resent, reconciliation.Outcome);
        var consumes = h.Fake.CallsTo(FakeTopMethods.VmarketConsume);
        Assert.Equal(2, consumes.Count);
        Assert.Equal(request.SerialNum, consumes[0].Form["serial_num"]);
        Assert.Equal(consumes[0].Form["serial_num"], consumes[1].Form["serial_num"]);
        Assert.Equal(1, h.Order(3300002).Redeemed);
        Assert.Equal(request.SerialNum, h.Order(3300002).Log.Single().SerialNum);
    }

    [Fact]
    public async Task Throttle_code_7_with_ban_seconds_on_a_read_is_retried()
    {
        await using var h = TopVoucherHarness.Start();
        await h.IssueAndSendLegacyAsync(3300003, "33333333");
        h.Fake.Faults.For(FakeTopMethods.VmarketCodesGet).Once(Fault.Throttle());

        var pending = h.Client.Legacy.GetCodesAsync(3300003, null, Ct);
        // The retry waits out "This ban will last for 1 more seconds" on the injected clock: move it until the retry is sent.
        while (!pending.IsCompleted)
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(200));
            await Task.WhenAny(pending, Task.Delay(5));
        }

        var codes = await pending;
        Assert.Equal("33333333", Assert.Single(codes.Codes).Code);
        var calls = h.Fake.CallsTo(FakeTopMethods.VmarketCodesGet);
        Assert.Equal(2, calls.Count);
        Assert.Contains("accesscontrol.limited-by-app-access-count", calls[0].ResponseBody, StringComparison.Ordinal);
        Assert.True(calls[1].Timestamp - calls[0].Timestamp >= TimeSpan.FromSeconds(1), "the retry honoured the ban seconds");
    }

    [Fact]
    public async Task Invalid_session_code_27_is_an_Authentication_error_that_says_to_reauthorize()
    {
        await using var h = TopVoucherHarness.Start();
        h.Fake.RevokeSession(TopVoucherHarness.Seller);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Legacy.GetCodesAsync(3300004, null, Ct));

        Assert.Equal(ErrorCategory.Authentication, ex.Category);
        Assert.Contains("authoriz", ex.Remedy ?? ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(FakeTopSeed.MainSeller.Session, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Md5_default_signature_is_accepted_by_the_fake_for_every_legacy_call()
    {
        await using var h = TopVoucherHarness.Start();
        await RunLegacyCallsAsync(h);

        Assert.All(h.Fake.Journal.Entries, e => Assert.Equal("md5", e.Form["sign_method"]));
        Assert.All(h.Fake.Journal.Entries, e => Assert.DoesNotContain("error_response", e.ResponseBody ?? string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TopSignMethod.Hmac, "hmac")]
    [InlineData(TopSignMethod.HmacSha256, "hmac-sha256")]
    public async Task Other_sign_methods_are_accepted_by_the_fake_for_every_legacy_call(TopSignMethod method, string wire)
    {
        await using var h = TopVoucherHarness.Start(signMethod: method);
        await RunLegacyCallsAsync(h);

        Assert.All(h.Fake.Journal.Entries, e => Assert.Equal(wire, e.Form["sign_method"]));
        Assert.All(h.Fake.Journal.Entries, e => Assert.DoesNotContain("error_response", e.ResponseBody ?? string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TopSignMethod.Md5)]
    [InlineData(TopSignMethod.Hmac)]
    [InlineData(TopSignMethod.HmacSha256)]
    public async Task Every_sign_method_is_accepted_for_every_merchant_call(TopSignMethod method)
    {
        await using var h = TopVoucherHarness.Start(VoucherApiFamily.Merchant, method);
        var notice = await h.IssueAndSendMerchantAsync(3400001, "41414141");
        await h.Client.Merchant.ResendAsync(new() { OuterId = "3400001", Token = notice.Token, Codes = [new("41414141", 3)] }, Ct);
        await h.Client.Merchant.AvailableAsync(new() { Code = "41414141", ConsumeNum = 1, OuterId = "3400001", Token = notice.Token }, Ct);
        var consumed = await h.Client.Merchant.ConsumeAsync(new() { Code = "41414141", ConsumeNum = 1, OuterId = "3400001", Token = notice.Token, NewCodes = [new("42424242", 2)] }, Ct);
        await h.Client.Merchant.ReverseAsync(new() { Code = "41414141", OuterId = "3400001", ReverseNum = 1, SerialNum = consumed.SerialNum, Token = notice.Token }, Ct);
        var until = h.Order(3400001).ValidUntil;
        await h.Client.Merchant.DelayAsync(new() { OuterId = "3400001", EndDate = until.AddDays(3), CurrentEndDate = until }, Ct);
        var failing = h.Issue(3400002);
        await h.Client.Merchant.FailSendAsync(new() { OuterId = "3400002", SubErrorCode = "1", SubErrorMessage = "no stock", Token = failing.Token }, Ct);

        Assert.Equal(7, h.Fake.Journal.Count);
        Assert.All(h.Fake.Journal.Entries, e => Assert.DoesNotContain("error_response", e.ResponseBody ?? string.Empty, StringComparison.Ordinal));
    }

    private static async Task RunLegacyCallsAsync(TopVoucherHarness h)
    {
        var notice = await h.IssueAndSendLegacyAsync(3500001, "51515151");
        await h.Client.Legacy.ResendAsync(new() { OrderId = 3500001, Token = notice.Token, Codes = [new("51515151", 3)] }, Ct);
        await h.Client.Legacy.BeforeConsumeAsync(new() { OrderId = 3500001, VerifyCode = "51515151", Token = notice.Token, MobileLastFour = TopVoucherHarness.LastFour }, Ct);
        var consumed = await h.Client.Legacy.ConsumeAsync(new() { OrderId = 3500001, VerifyCode = "51515151", ConsumeNum = 1, Token = notice.Token, MobileLastFour = TopVoucherHarness.LastFour }, Ct);
        await h.Client.Legacy.ReverseAsync(new() { OrderId = 3500001, ReverseCode = "51515151", ReverseNum = 1, ConsumeSerialNum = consumed.SerialNum, Token = notice.Token }, Ct);
        await h.Client.Legacy.GetCodesAsync(3500001, null, Ct);
        await h.Client.Legacy.GetTasksAsync(new LegacyTasksRequest { Type = VoucherTaskType.NotifyFailed }, Ct);
        await h.Client.Legacy.ExpandTimeAsync(new LegacyTimeExpandRequest { OrderId = 3500001, ExpandDays = 1 }, Ct);
        var failing = h.Issue(3500002);
        await h.Client.Legacy.FailSendAsync(new() { OrderId = 3500002, ErrorCode = 1, ErrorMessage = "no stock", Token = failing.Token }, Ct);
        Assert.Equal(9, h.Fake.Journal.Count);
    }
}
