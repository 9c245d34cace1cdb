using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

public class VoucherReverseTests
{
    [Fact]
    public void Reverse_of_a_partial_redemption_returns_the_units_to_the_newest_code_without_a_new_code()
    {
        var time = Voucher.Clock();
        var order = Voucher.Sent(time, quantity: 5).RedeemLive(2);
        var newest = order.LiveCode;
        time.Advance(TimeSpan.FromMinutes(3));

        var reversed = order.Reverse("R0001", 2);

        Assert.Equal(VoucherOrderState.Issued, reversed.State);
        Assert.Equal(0, reversed.RedeemedCount);
        Assert.Equal(5, reversed.RemainingCount);
        Assert.Equal(newest, reversed.LiveCode);
        Assert.Equal(VoucherCodeStatus.Void, reversed.Codes[0].Status);
        Assert.Equal(2, reversed.Codes.Count);
        Assert.Equal(time.GetUtcNow(), reversed.Redemptions[0].ReversedAt);
        Assert.Equal(VoucherEventKind.Reversed, reversed.History[^1].Kind);

        var ex = Assert.Throws<PlatformValidationException>(() => reversed.Redeem(Voucher.FirstCode, 1, Voucher.LastFour, Voucher.Account));
        Assert.Equal("code", ex.Field);
    }

    [Fact]
    public void Reverse_of_a_full_redemption_makes_the_spent_code_live_again()
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 3).RedeemLive(1).RedeemLive(2);
        var spent = order.Codes[^1].Code;
        Assert.Equal(VoucherOrderState.FullyRedeemed, order.State);

        var reversed = order.Reverse("R0002", 2);

        Assert.Equal(VoucherOrderState.PartiallyRedeemed, reversed.State);
        Assert.Equal(spent, reversed.LiveCode);
        Assert.Equal(1, reversed.RedeemedCount);
        Assert.Equal(2, reversed.RemainingCount);
        Assert.Equal(VoucherReportState.Available, reversed.ReportState);
        Assert.Equal(3, reversed.RedeemLive(2).RedeemedCount);
    }

    [Fact]
    public void Reverse_of_an_earlier_redemption_keeps_the_newest_code()
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 6).RedeemLive(1).RedeemLive(2);
        var newest = order.LiveCode;

        var reversed = order.Reverse("R0001", 1);

        Assert.Equal(newest, reversed.LiveCode);
        Assert.Equal(2, reversed.RedeemedCount);
        Assert.Equal(4, reversed.RemainingCount);
        Assert.Equal(VoucherOrderState.PartiallyRedeemed, reversed.State);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Reverse_count_must_equal_the_consumed_count(int reverseCount)
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 5).RedeemLive(2);
        var ex = Assert.Throws<PlatformValidationException>(() => order.Reverse("R0001", reverseCount));
        Assert.Equal("reverseCount", ex.Field);
        Assert.Contains("consume_num", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reverse_twice_is_refused()
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 5).RedeemLive(1).RedeemLive(1).Reverse("R0002", 1);
        var ex = Assert.Throws<PlatformValidationException>(() => order.Reverse("R0002", 1));
        Assert.Contains("already reversed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reverse_of_an_unknown_serial_is_refused()
    {
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(1);
        var ex = Assert.Throws<PlatformValidationException>(() => order.Reverse("NOPE", 1));
        Assert.Equal("serialNumber", ex.Field);
    }

    [Fact]
    public void Reverse_of_a_POS_redemption_requires_the_same_POS_id()
    {
        var order = Voucher.Sent(Voucher.Clock()).RedeemLive(1, posId: "POS-1");
        Assert.Equal("posId", Assert.Throws<PlatformValidationException>(() => order.Reverse("R0001", 1)).Field);
        Assert.Equal("posId", Assert.Throws<PlatformValidationException>(() => order.Reverse("R0001", 1, "POS-2")).Field);
        Assert.Equal("POS-1", order.Reverse("R0001", 1, "POS-1").History[^1].PosId);
    }

    [Fact]
    [Rule("RTV-13")]
    public void RTV13_reversing_the_last_redemption_reopens_the_review_window_and_clears_its_close_date()
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 2).RedeemLive(1).RedeemLive(1);
        Assert.NotNull(order.ReviewClosesAt);

        var reversed = order.Reverse("R0002", 1);

        Assert.Null(reversed.ReviewClosesAt);
        Assert.True(reversed.CanReview(Voucher.T0.AddYears(1)));
    }
}
