using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

public class VoucherRedemptionTests
{
    [Fact]
    [Rule("RTV-12")]
    public void RTV12_partial_redemption_issues_a_new_code_for_the_remainder_and_voids_the_old_one()
    {
        var time = Voucher.Clock();
        var order = Voucher.Sent(time, quantity: 5);
        time.Advance(TimeSpan.FromHours(2));

        var after = order.Redeem(Voucher.FirstCode, 2, Voucher.LastFour, Voucher.Account, posId: "POS-7", serialNumber: "S_1");

        Assert.Equal(VoucherOrderState.PartiallyRedeemed, after.State);
        Assert.Equal("200002", after.LiveCode!.Value.Value);
        Assert.Equal(3, after.RemainingCount);
        Assert.Equal(2, after.Codes.Count);
        Assert.Equal(new VoucherCodeRecord(VoucherCode.Parse(Voucher.FirstCode), Voucher.T0, 5, VoucherCodeStatus.Void, time.GetUtcNow()), after.Codes[0]);
        Assert.Equal(new VoucherCodeRecord(VoucherCode.Parse("200002"), time.GetUtcNow(), 3, VoucherCodeStatus.Live, null), after.Codes[1]);

        var log = Assert.Single(after.Redemptions);
        Assert.Equal(new VoucherRedemption("S_1", VoucherCode.Parse(Voucher.FirstCode), 2, time.GetUtcNow(), Voucher.Account, "POS-7", VoucherCode.Parse("200002"), null), log);
        var e = after.History[^1];
        Assert.Equal(VoucherEventKind.Redeemed, e.Kind);
        Assert.Equal((2, "POS-7", Voucher.Account, "S_1"), (e.Count, e.PosId, e.RedeemingAccount, e.SerialNumber));
        Assert.Equal("200002", e.NewCode!.Value.Value);
    }

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_the_old_code_is_rejected_after_a_partial_redemption()
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 5).RedeemLive(2);

        var ex = Assert.Throws<PlatformValidationException>(() => order.Redeem(Voucher.FirstCode, 1, Voucher.LastFour, Voucher.Account));

        Assert.Equal("code", ex.Field);
        Assert.Equal("RTV-12", ex.RuleId);
        Assert.Contains("void", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, order.RedeemedCount);
    }

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_a_code_of_another_order_is_rejected()
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.Redeem("987654", 1, Voucher.LastFour, Voucher.Account));
        Assert.Contains("does not belong", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData("1234")]
    [InlineData("0000")]
    [InlineData("567")]
    [InlineData("56789")]
    [InlineData("56a8")]
    [InlineData("")]
    public void RTV12_wrong_last_four_digits_of_the_phone_are_rejected_and_never_echoed(string lastFour)
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.Redeem(Voucher.FirstCode, 1, lastFour, Voucher.Account));
        Assert.Equal("mobileLastFour", ex.Field);
        Assert.Equal("RTV-12", ex.RuleId);
        Assert.Null(ex.Value);
        Assert.DoesNotContain(Voucher.LastFour, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RTV-12")]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void RTV12_count_must_be_between_one_and_the_remaining_units(int count)
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 3);
        var ex = Assert.Throws<PlatformValidationException>(() => order.Redeem(Voucher.FirstCode, count, Voucher.LastFour, Voucher.Account));
        Assert.Equal("count", ex.Field);
    }

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_one_code_many_uses_all_units_at_once()
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 10).RedeemLive(10);
        Assert.Equal(VoucherOrderState.FullyRedeemed, order.State);
        Assert.Single(order.Codes);
    }

    [Fact]
    [Rule("RTV-15")]
    public void RTV15_redeeming_account_is_required_for_the_log()
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.Redeem(Voucher.FirstCode, 1, Voucher.LastFour, " "));
        Assert.Equal("redeemingAccount", ex.Field);
        Assert.Equal("RTV-15", ex.RuleId);
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_redemption_after_the_end_of_validity_is_refused()
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(
            () => order.Redeem(Voucher.FirstCode, 1, Voucher.LastFour, Voucher.Account, at: Voucher.ValidUntil.AddSeconds(1)));
        Assert.Equal("RTV-05", ex.RuleId);
        Assert.Contains("expire", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_redemption_at_the_last_instant_of_validity_is_allowed()
    {
        var order = Voucher.Sent(Voucher.Clock()).Redeem(Voucher.FirstCode, 1, Voucher.LastFour, Voucher.Account, at: Voucher.ValidUntil);
        Assert.Equal(1, order.RedeemedCount);
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_redemption_before_the_start_of_validity_is_refused()
    {
        var terms = Voucher.Terms();
        var from = Voucher.T0.AddDays(7);
        var order = VoucherOrder.Create(new VoucherOrderTerms
        {
            OrderId = terms.OrderId, Quantity = 3, UnitPrice = 10m, Mobile = Voucher.Mobile, ValidFrom = from, ValidUntil = Voucher.ValidUntil,
        }, Voucher.Clock()).Send(Voucher.FirstCode);

        var ex = Assert.Throws<PlatformValidationException>(() => order.RedeemLive(1));
        Assert.Equal("RTV-05", ex.RuleId);
        Assert.Equal(1, order.Redeem(Voucher.FirstCode, 1, Voucher.LastFour, Voucher.Account, at: from).RedeemedCount);
    }

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_a_new_code_never_repeats_an_earlier_code_of_the_order()
    {
        var codes = new ScriptedCodeGenerator(Voucher.FirstCode, "200002", Voucher.FirstCode, "200002", "300003");
        var order = Voucher.Sent(Voucher.Clock(), quantity: 5, codes: codes).RedeemLive(1);
        Assert.Equal("200002", order.LiveCode!.Value.Value);

        order = order.RedeemLive(1);

        Assert.Equal("300003", order.LiveCode!.Value.Value);
        Assert.Equal(3, order.Codes.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_a_generator_that_only_repeats_codes_fails_loudly()
    {
        var stuck = new ScriptedCodeGenerator(Enumerable.Repeat(Voucher.FirstCode, 40).ToArray());
        var order = Voucher.Sent(Voucher.Clock(), codes: stuck);
        var ex = Assert.Throws<InvalidOperationException>(() => order.RedeemLive(1));
        Assert.Contains("never reused", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, order.RedeemedCount);
    }

    [Fact]
    public void Serial_numbers_are_generated_when_omitted_and_must_be_unique()
    {
        var order = Voucher.Sent(Voucher.Clock(), quantity: 5).RedeemLive(1).RedeemLive(1, serial: "R0003").RedeemLive(1);
        Assert.Equal(["R0001", "R0003", "R0004"], order.Redemptions.Select(r => r.SerialNumber));

        var ex = Assert.Throws<PlatformValidationException>(() => order.RedeemLive(1, serial: "R0001"));
        Assert.Equal("serialNumber", ex.Field);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("dash-ed")]
    [InlineData("")]
    public void Serial_numbers_follow_the_eticket_format(string serial)
    {
        var order = Voucher.Sent(Voucher.Clock());
        var ex = Assert.Throws<PlatformValidationException>(() => order.RedeemLive(1, serial: serial));
        Assert.Equal("serialNumber", ex.Field);
    }

    [Fact]
    public void Serial_numbers_longer_than_100_characters_are_refused()
    {
        var order = Voucher.Sent(Voucher.Clock());
        Assert.Throws<PlatformValidationException>(() => order.RedeemLive(1, serial: new string('a', 101)));
        Assert.Single(order.RedeemLive(1, serial: new string('a', 100)).Redemptions);
    }
}
