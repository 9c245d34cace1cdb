using PlatformSdk.Errors;
using PlatformSdk.Testing.Top;
using PlatformSdk.TaobaoVoucher.Models;
using PlatformSdk.TaobaoVoucher.Models.Queries;
using PlatformSdk.TaobaoVoucher.Models.Redemption;
using PlatformSdk.TaobaoVoucher.Models.Sending;

namespace PlatformSdk.TaobaoVoucher.Tests.Integration;

public sealed class LifecycleIntegrationTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    [Rule("RTV-10", "RTV-12", "RTV-15")]
    public async Task RTV10_RTV12_RTV15_legacy_send_consume_partial_new_code_old_void_then_reverse_restores_units()
    {
        await using var h = TopVoucherHarness.Start();
        var notice = h.Issue(3100001);
        Assert.False(h.Order(3100001).Shipped);

        await h.Client.Legacy.SendAsync(new LegacySendCodesRequest { OrderId = 3100001, Token = notice.Token, Codes = [new("12345678", 3)] }, Ct);
        var afterSend = h.Order(3100001);
        Assert.True(afterSend.Shipped);                                   // RTV-10: sending is shipping
        Assert.Equal(FakeTopVoucherState.Available, afterSend.State);
        Assert.Equal("12345678", afterSend.LiveCode);

        var first = await h.Client.Legacy.ConsumeAsync(new LegacyConsumeRequest
        { OrderId = 3100001, VerifyCode = "12345678", ConsumeNum = 1, Token = notice.Token, MobileLastFour = TopVoucherHarness.LastFour, PosId = "till-1" }, Ct);
        var afterFirst = h.Order(3100001);
        Assert.Equal(1, afterFirst.Redeemed);
        Assert.Contains("12345678", afterFirst.VoidCodes);                 // RTV-12: old code void
        var secondCode = Assert.IsType<string>(afterFirst.LiveCode);
        Assert.NotEqual("12345678", secondCode);
        var codes = await h.Client.Legacy.GetCodesAsync(3100001, null, Ct);
        Assert.Equal(2, codes.Codes.Single(c => c.Code == secondCode).Num);
        Assert.Equal(first.SerialNum, afterFirst.Log.Single().SerialNum);
        Assert.Equal("till-1", afterFirst.Log.Single().PosId);           // RTV-15: POS id in the log

        var old = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Legacy.ConsumeAsync(new LegacyConsumeRequest
        { OrderId = 3100001, VerifyCode = "12345678", ConsumeNum = 1, Token = notice.Token, MobileLastFour = TopVoucherHarness.LastFour, PosId = "till-1" }, Ct));
        Assert.Equal(ErrorCategory.BusinessRule, old.Category);
        Assert.Contains("code-void", old.Error.SubCode, StringComparison.Ordinal);
        Assert.False(old.MayHaveBeenProcessed);
        Assert.Equal(1, h.Order(3100001).Redeemed);

        var second = await h.Client.Legacy.ConsumeAsync(new LegacyConsumeRequest
        { OrderId = 3100001, VerifyCode = secondCode, ConsumeNum = 1, Token = notice.Token, MobileLastFour = TopVoucherHarness.LastFour, PosId = "till-1" }, Ct);
        var afterSecond = h.Order(3100001);
        Assert.Equal(2, afterSecond.Redeemed);
        Assert.Contains(secondCode, afterSecond.VoidCodes);
        Assert.Equal(1, afterSecond.LeftUnits);

        var wrongNum = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Legacy.ReverseAsync(new LegacyReverseRequest
        { OrderId = 3100001, ReverseCode = secondCode, ReverseNum = 2, ConsumeSerialNum = second.SerialNum, Token = notice.Token, PosId = "till-1" }, Ct));
        Assert.Contains("reverse-num-mismatch", wrongNum.Error.SubCode, StringComparison.Ordinal);

        await h.Client.Legacy.ReverseAsync(new LegacyReverseRequest
        { OrderId = 3100001, ReverseCode = secondCode, ReverseNum = 1, ConsumeSerialNum = second.SerialNum, Token = notice.Token, PosId = "till-1" }, Ct);
        var afterReverse = h.Order(3100001);
        Assert.Equal(1, afterReverse.Redeemed);
        Assert.Equal(2, afterReverse.LeftUnits);
        Assert.Equal(FakeTopVoucherState.Available, afterReverse.State);
        Assert.NotNull(afterReverse.Log.Single(l => l.SerialNum == second.SerialNum).ReversedAt);
    }

    [Fact]
    [Rule("RTV-12", "RTV-15")]
    public async Task RTV12_RTV15_merchant_send_consume_with_isv_ma_list_then_reverse_and_consume_everything_is_Used()
    {
        await using var h = TopVoucherHarness.Start(VoucherApiFamily.Merchant);
        var notice = await h.IssueAndSendMerchantAsync(3200001, "22334455");
        Assert.True(h.Order(3200001).Shipped);

        var check = await h.Client.Merchant.AvailableAsync(new MerchantAvailableRequest { Code = "22334455", ConsumeNum = 1, OuterId = "3200001", Token = notice.Token, PosId = "pos-9" }, Ct);
        Assert.True(check.MayConsume);

        var first = await h.Client.Merchant.ConsumeAsync(new MerchantConsumeRequest
        { Code = "22334455", ConsumeNum = 1, OuterId = "3200001", Token = notice.Token, PosId = "pos-9", NewCodes = [new("66778899", 2)] }, Ct);
        var order = h.Order(3200001);
        Assert.Equal("66778899", order.LiveCode);
        Assert.Contains("22334455", order.VoidCodes);

        await h.Client.Merchant.ReverseAsync(new MerchantReverseRequest
        { Code = "22334455", OuterId = "3200001", ReverseNum = 1, SerialNum = first.SerialNum, Token = notice.Token, PosId = "pos-9" }, Ct);
        Assert.Equal(0, h.Order(3200001).Redeemed);
        Assert.Equal(3, h.Order(3200001).LeftUnits);

        var live = h.Order(3200001).LiveCode!;
        await h.Client.Merchant.ConsumeAsync(new MerchantConsumeRequest { Code = live, ConsumeNum = 3, OuterId = "3200001", Token = notice.Token, PosId = "pos-9" }, Ct);
        Assert.Equal(FakeTopVoucherState.Used, h.Order(3200001).State);
    }

    [Fact]
    [Rule("RTV-12")]
    public async Task RTV12_wrong_last_four_is_a_business_rule_error_and_nothing_is_redeemed()
    {
        await using var h = TopVoucherHarness.Start();
        var notice = await h.IssueAndSendLegacyAsync(3100002, "87654321");

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Legacy.ConsumeAsync(new LegacyConsumeRequest
        { OrderId = 3100002, VerifyCode = "87654321", ConsumeNum = 1, Token = notice.Token, MobileLastFour = "0000" }, Ct));

        Assert.Equal(ErrorCategory.BusinessRule, ex.Category);
        Assert.Contains("mobile-mismatch", ex.Error.SubCode, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.Remedy));
        Assert.Equal(0, h.Order(3100002).Redeemed);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData("12345")]          // 5 digits: too short
    [InlineData("123456789012")]   // 12 digits: too long
    [InlineData("12ab5678")]       // not digits
    public async Task RTV12_code_format_is_validated_before_sending_in_both_families(string code)
    {
        await using var h = TopVoucherHarness.Start();
        var notice = h.Issue(3100003);

        var legacy = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.Legacy.SendAsync(
            new LegacySendCodesRequest { OrderId = 3100003, Token = notice.Token, Codes = [new(code, 3)] }, Ct));
        var merchant = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.Merchant.SendAsync(
            new MerchantSendCodesRequest { OuterId = "3100003", Token = notice.Token, Codes = [new(code, 3)] }, Ct));

        Assert.Equal("RTV-12", legacy.RuleId);
        Assert.Equal("RTV-12", merchant.RuleId);
        Assert.Equal(0, h.Fake.Journal.Count);
        Assert.False(h.Order(3100003).Shipped);
    }

    [Fact]
    [Rule("RTV-12")]
    public async Task RTV12_mobile_last_four_format_is_validated_locally_journal_empty()
    {
        await using var h = TopVoucherHarness.Start();

        await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.Legacy.ConsumeAsync(new LegacyConsumeRequest
        { OrderId = 3100004, VerifyCode = "12345678", ConsumeNum = 1, Token = "tk", MobileLastFour = "56a8" }, Ct));

        Assert.Equal(0, h.Fake.Journal.Count);
    }

    [Fact]
    [Rule("RTV-10")]
    public async Task RTV10_legacy_resend_once_per_China_day_second_same_day_refused_next_day_accepted()
    {
        await using var h = TopVoucherHarness.Start();
        var notice = await h.IssueAndSendLegacyAsync(3100005, "55667788");
        var resend = new LegacySendCodesRequest { OrderId = 3100005, Token = notice.Token, Codes = [new("55667788", 3)] };

        await h.Client.Legacy.ResendAsync(resend, Ct);
        h.Time.Advance(TimeSpan.FromHours(3));
        var again = await Assert.ThrowsAsync<PlatformException>(() => h.Client.Legacy.ResendAsync(resend, Ct));
        Assert.Contains("resend-limit", again.Error.SubCode, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.BusinessRule, again.Category);

        h.Time.Advance(TimeSpan.FromDays(1));
        await h.Client.Legacy.ResendAsync(resend, Ct);
        Assert.Equal(2, h.Order(3100005).Resends.Count);
    }

    [Fact]
    [Rule("RTV-10")]
    public async Task RTV10_merchant_resend_once_per_China_day()
    {
        await using var h = TopVoucherHarness.Start(VoucherApiFamily.Merchant);
        var notice = await h.IssueAndSendMerchantAsync(3200005, "55667799");
        var resend = new MerchantSendCodesRequest { OuterId = "3200005", Token = notice.Token, Codes = [new("55667799", 3)] };

        await h.Client.Merchant.ResendAsync(resend, Ct);
        await Assert.ThrowsAsync<PlatformException>(() => h.Client.Merchant.ResendAsync(resend, Ct));
        h.Time.Advance(TimeSpan.FromDays(1));
        await h.Client.Merchant.ResendAsync(resend, Ct);

        Assert.Equal(2, h.Order(3200005).Resends.Count);
    }

    [Fact]
    [Rule("RTV-11")]
    public async Task RTV11_legacy_time_expand_forward_accepted_shorten_refused_locally()
    {
        await using var h = TopVoucherHarness.Start();
        await h.IssueAndSendLegacyAsync(3100006, "99887766");
        var before = h.Order(3100006).ValidUntil;

        await h.Client.Legacy.ExpandTimeAsync(new LegacyTimeExpandRequest { OrderId = 3100006, ExpandDays = 10 }, Ct);
        Assert.Equal(before.AddDays(10), h.Order(3100006).ValidUntil);

        var calls = h.Fake.Journal.Count;
        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.Legacy.ExpandTimeAsync(new LegacyTimeExpandRequest { OrderId = 3100006, ExpandDays = -3 }, Ct));
        Assert.Equal("RTV-11", ex.RuleId);
        Assert.Equal(calls, h.Fake.Journal.Count);
    }

    [Fact]
    [Rule("RTV-11")]
    public async Task RTV11_merchant_delay_forward_accepted_shorten_refused_locally()
    {
        await using var h = TopVoucherHarness.Start(VoucherApiFamily.Merchant);
        await h.IssueAndSendMerchantAsync(3200006, "99887755");
        var current = h.Order(3200006).ValidUntil;

        await h.Client.Merchant.DelayAsync(new MerchantDelayRequest { OuterId = "3200006", EndDate = current.AddDays(15), CurrentEndDate = current }, Ct);
        Assert.True(h.Order(3200006).ValidUntil >= current.AddDays(14));

        var calls = h.Fake.Journal.Count;
        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.Merchant.DelayAsync(
            new MerchantDelayRequest { OuterId = "3200006", EndDate = current.AddDays(-5), CurrentEndDate = current.AddDays(15) }, Ct));
        Assert.Equal("RTV-11", ex.RuleId);
        Assert.Equal(calls, h.Fake.Journal.Count);
    }
}
