using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

public class VoucherValidityAndReviewTests
{
    private static VoucherOrder SentAt(DateTimeOffset start, int quantity = 2, DateTimeOffset? validUntil = null)
    {
        var terms = Voucher.Terms(quantity);
        return VoucherOrder.Create(new VoucherOrderTerms
        {
            OrderId = terms.OrderId, Quantity = quantity, UnitPrice = 20m, Mobile = Voucher.Mobile,
            ValidUntil = validUntil ?? start.AddYears(1),
        }, new FakeTimeProvider(start), new ScriptedCodeGenerator()).Send(Voucher.FirstCode);
    }

    [Fact]
    [Rule("RTV-11")]
    public void RTV11_validity_can_be_extended()
    {
        var later = Voucher.ValidUntil.AddDays(30);
        var order = Voucher.Sent(Voucher.Clock()).ExtendValidity(later);

        Assert.Equal(later, order.ValidUntil);
        Assert.Equal(VoucherEventKind.ValidityExtended, order.History[^1].Kind);
        Assert.Equal(later, order.History[^1].ValidUntil);
        Assert.Equal(1, order.Redeem(Voucher.FirstCode, 1, Voucher.LastFour, Voucher.Account, at: Voucher.ValidUntil.AddDays(10)).RedeemedCount);
        Assert.Throws<PlatformValidationException>(() => order.Expire(Voucher.ValidUntil.AddDays(10)));
    }

    [Theory]
    [Rule("RTV-11")]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-86400)]
    public void RTV11_validity_cannot_be_shortened_or_kept(int seconds)
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.ExtendValidity(Voucher.ValidUntil.AddSeconds(seconds)));
        Assert.Equal(("validUntil", "RTV-11"), (ex.Field, ex.RuleId));
        Assert.Equal(Voucher.ValidUntil, order.ValidUntil);
    }

    [Fact]
    [Rule("RTV-05", "RTV-11")]
    public void RTV05_RTV11_an_order_past_its_end_cannot_be_extended_it_must_be_expired()
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.ExtendValidity(Voucher.ValidUntil.AddDays(5), Voucher.ValidUntil.AddDays(1)));
        Assert.Equal("RTV-05", ex.RuleId);
        Assert.True(order.IsPastValidity(Voucher.ValidUntil.AddDays(1)));
        Assert.False(order.IsPastValidity(Voucher.ValidUntil));
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_validity_must_start_before_it_ends()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherOrder.Create(new VoucherOrderTerms
        {
            OrderId = "1", Quantity = 1, UnitPrice = 1m, Mobile = Voucher.Mobile, ValidFrom = Voucher.ValidUntil, ValidUntil = Voucher.ValidUntil,
        }));
        Assert.Equal("validFrom", ex.Field);
    }

    [Fact]
    [Rule("RTV-13")]
    public void RTV13_no_review_before_a_unit_is_redeemed()
    {
        var order = Voucher.Sent(Voucher.Clock());
        Assert.False(order.CanReview());
        Assert.Null(order.ReviewClosesAt);
    }

    [Fact]
    [Rule("RTV-13")]
    public void RTV13_review_is_open_without_a_close_date_while_units_remain()
    {
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(1);
        Assert.True(order.CanReview(Voucher.T0.AddYears(2)));
        Assert.Null(order.ReviewClosesAt);
    }

    [Fact]
    [Rule("RTV-13")]
    public void RTV13_review_closes_three_calendar_months_after_everything_is_redeemed()
    {
        var redeemedAt = new DateTimeOffset(2025, 3, 15, 14, 0, 0, ChinaTime.Offset);
        var order = SentAt(redeemedAt.AddDays(-1)).Redeem(Voucher.FirstCode, 2, Voucher.LastFour, Voucher.Account, at: redeemedAt);

        var closes = new DateTimeOffset(2025, 6, 15, 14, 0, 0, ChinaTime.Offset);
        Assert.Equal(closes, order.ReviewClosesAt);
        Assert.True(order.CanReview(closes.AddTicks(-1)));
        Assert.False(order.CanReview(closes));
    }

    [Fact]
    [Rule("RTV-13")]
    public void RTV13_months_are_counted_on_the_china_calendar()
    {
        // 2025-01-31 17:00 UTC is 2025-02-01 01:00 +08:00: three months later is 1 May (+08:00), not 30 April (UTC calendar).
        var redeemedAt = new DateTimeOffset(2025, 1, 31, 17, 0, 0, TimeSpan.Zero);
        var order = SentAt(redeemedAt.AddHours(-1)).Redeem(Voucher.FirstCode, 2, Voucher.LastFour, Voucher.Account, at: redeemedAt);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 1, 0, 0, ChinaTime.Offset), order.ReviewClosesAt);
    }

    [Fact]
    [Rule("RTV-13")]
    public void RTV13_a_day_missing_in_the_target_month_clamps_to_its_last_day()
    {
        var redeemedAt = new DateTimeOffset(2025, 11, 30, 9, 0, 0, ChinaTime.Offset);
        var order = SentAt(redeemedAt.AddDays(-1)).Redeem(Voucher.FirstCode, 2, Voucher.LastFour, Voucher.Account, at: redeemedAt);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 0, 0, ChinaTime.Offset), order.ReviewClosesAt);
    }

    [Fact]
    [Rule("RTV-13")]
    public void RTV13_the_close_clock_also_starts_when_a_refund_ends_a_partially_redeemed_order()
    {
        var time = Voucher.Clock();
        var order = Voucher.Sent(time).RedeemLive(1);
        time.Advance(TimeSpan.FromDays(1));
        var refunded = order.Refund(VoucherRefundReason.UnexpiredAutomatic);

        Assert.Equal(time.GetUtcNow().AddMonths(3), refunded.ReviewClosesAt);
        Assert.Null(Voucher.Sent(Voucher.Clock()).Refund(VoucherRefundReason.UnexpiredAutomatic).ReviewClosesAt);
    }

    [Fact]
    [Rule("RTV-13")]
    public void RTV13_the_close_clock_also_starts_when_a_partially_redeemed_order_expires()
    {
        var expiredAt = Voucher.ValidUntil.AddSeconds(1);
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(1).Expire(expiredAt);
        Assert.Equal(expiredAt.AddMonths(3), order.ReviewClosesAt);
        Assert.False(Voucher.Sent(Voucher.Clock()).Expire(expiredAt).CanReview(expiredAt));
    }
}
