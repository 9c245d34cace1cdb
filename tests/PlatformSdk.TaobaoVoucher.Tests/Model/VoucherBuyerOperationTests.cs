using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

public class VoucherBuyerOperationTests
{
    [Fact]
    [Rule("RTV-10")]
    public void RTV10_buyer_resend_twice_on_the_same_day_is_rejected()
    {
        var time = Voucher.Clock();
        var order = Voucher.Sent(time).Resend(VoucherActor.Buyer);
        time.Advance(TimeSpan.FromHours(13)); // 23:00 +08:00, same calendar day

        var ex = Assert.Throws<PlatformValidationException>(() => order.Resend(VoucherActor.Buyer));

        Assert.Equal("RTV-10", ex.RuleId);
        Assert.Contains("2025-03-02 00:00:00 +08:00", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 0, 0, 0, ChinaTime.Offset), order.NextBuyerResendAt());
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_buyer_resend_is_allowed_again_from_midnight_china_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 23, 30, 0, ChinaTime.Offset));
        var order = Voucher.Created(time).Send(Voucher.FirstCode).Resend(VoucherActor.Buyer);
        time.Advance(TimeSpan.FromMinutes(29));
        Assert.Throws<PlatformValidationException>(() => order.Resend(VoucherActor.Buyer));

        time.Advance(TimeSpan.FromMinutes(1)); // 00:00 +08:00: a new calendar day although only 30 minutes passed
        Assert.Null(order.NextBuyerResendAt());
        var again = order.Resend(VoucherActor.Buyer);

        Assert.Equal(2, again.History.Count(e => e.Kind == VoucherEventKind.CodeResent));
        Assert.Equal(order.LiveCode, again.History[^1].Code);
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_the_day_is_the_china_calendar_day_not_the_utc_day()
    {
        // 15:30 UTC and 16:30 UTC are on the same UTC day but on two China calendar days (23:30 and 00:30 +08:00).
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 15, 30, 0, TimeSpan.Zero));
        var order = Voucher.Created(time).Send(Voucher.FirstCode).Resend(VoucherActor.Buyer);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, order.Resend(VoucherActor.Buyer).History.Count(e => e.Kind == VoucherEventKind.CodeResent));
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_seller_resends_are_not_limited_and_do_not_use_the_buyers_resend()
    {
        var time = Voucher.Clock();
        var order = Voucher.Sent(time).Resend(VoucherActor.Seller).Resend(VoucherActor.Seller).Resend(VoucherActor.Buyer);
        Assert.Throws<PlatformValidationException>(() => order.Resend(VoucherActor.Buyer));
        Assert.Equal(3, order.History.Count(e => e.Kind == VoucherEventKind.CodeResent));
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_resend_after_a_partial_redemption_sends_the_new_code()
    {
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(1).Resend(VoucherActor.Buyer);
        Assert.Equal("200002", order.History[^1].Code!.Value.Value);
        Assert.Equal(2, order.History[^1].Count);
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_only_the_buyer_can_change_the_phone_number()
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.ChangeMobile(VoucherActor.Seller, "13900001111"));
        Assert.Equal(("actor", "RTV-10"), (ex.Field, ex.RuleId));

        var changed = order.ChangeMobile(VoucherActor.Buyer, "13900001111");

        Assert.Equal("1111", changed.Mobile.LastFour);
        Assert.Throws<PlatformValidationException>(() => changed.RedeemLive(1));
        Assert.Equal(1, changed.Redeem(Voucher.FirstCode, 1, "1111", Voucher.Account).RedeemedCount);
        Assert.Equal(VoucherEventKind.MobileChanged, changed.History[^1].Kind);
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_only_the_buyer_can_gift_the_voucher()
    {
        var order = Voucher.Sent(Voucher.Clock());
        Assert.Equal("actor", Assert.Throws<PlatformValidationException>(() => order.GiftTo(VoucherActor.Seller, "13900002222")).Field);

        var gifted = order.GiftTo(VoucherActor.Buyer, "13900002222");

        Assert.Equal("2222", gifted.Mobile.LastFour);
        Assert.Equal((VoucherEventKind.Gifted, VoucherActor.Buyer), (gifted.History[^1].Kind, gifted.History[^1].Actor!.Value));
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_changing_to_the_same_or_an_invalid_number_is_refused()
    {
        var order = Voucher.Sent(Voucher.Clock());
        Assert.Throws<PlatformValidationException>(() => order.ChangeMobile(VoucherActor.Buyer, Voucher.Mobile));
        Assert.Throws<PlatformValidationException>(() => order.ChangeMobile(VoucherActor.Buyer, "not-a-number"));
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_ToString_has_no_personal_data()
    {
        var order = Voucher.Sent(Voucher.Clock());
        Assert.DoesNotContain(Voucher.Mobile, order.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Voucher.FirstCode, order.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Voucher.Mobile, order.Mobile.ToString(), StringComparison.Ordinal);
    }
}
