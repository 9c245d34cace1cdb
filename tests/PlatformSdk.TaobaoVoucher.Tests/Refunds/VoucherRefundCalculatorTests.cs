using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Refunds;

namespace PlatformSdk.TaobaoVoucher.Tests.Refunds;

/// <summary>Example tests for the e-voucher refund formulas, one or more per rule (RTV-14 (a)–(f), RTV-08).</summary>
public class VoucherRefundCalculatorTests
{
    private static readonly DateTimeOffset RequestedAt = new(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly VoucherOrderAmounts ThreeAtFifty = new(50.00m, 3);

    [Fact]
    [Rule("RTV-14")]
    public void RTV14a_unexpired_automatic_is_unredeemed_times_price_times_ratio_minus_code_fee_due_in_24h_and_voids_codes()
    {
        var refund = VoucherRefundCalculator.UnexpiredAutomatic(ThreeAtFifty, redeemedCount: 1, unredeemedCount: 2, ratio: 0.8m, RequestedAt);

        Assert.Equal(VoucherRefundKind.UnexpiredAutomatic, refund.Kind);
        Assert.Equal("RTV-14(a)", refund.RuleId);
        Assert.Equal(2, refund.Units);
        Assert.Equal(50.00m, refund.UnitPrice);
        Assert.Equal(0.8m, refund.Ratio);
        Assert.Equal(80.00m, refund.GrossAmount);
        Assert.Equal(1.00m, refund.CodeFeeCharged);
        Assert.Equal(79.00m, refund.Amount);
        Assert.Equal(20.00m, refund.RetainedBySeller);
        Assert.Equal(21.00m, refund.SellerReceives);
        Assert.True(refund.IsAutomatic);
        Assert.True(refund.VoidsUnusedCodes);
        Assert.Equal(RefundSource.PlatformHeldFunds, refund.Source);
        Assert.Equal(RequestedAt, refund.RequestedAt);
        Assert.Equal(new DateTimeOffset(2024, 6, 2, 10, 0, 0, TimeSpan.FromHours(8)), refund.DueBy);
        Assert.Empty(refund.Assumptions);
        Assert.Equal(
            "RTV-14(a) unexpired automatic refund: 2 × 50.00 × 80% = 80.00 − code fee 1.00 = 79.00 to the buyer; the seller receives 1.00 code fee + 20.00 not refunded; processed automatically by 2024-06-02 10:00 +08:00; all unused codes become void.",
            refund.Explain());
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14a_request_time_can_come_from_a_TimeProvider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 2, 0, 0, TimeSpan.Zero));
        var refund = VoucherRefundCalculator.UnexpiredAutomatic(ThreeAtFifty, 0, 3, 1m, clock);

        Assert.Equal(clock.GetUtcNow(), refund.RequestedAt);
        Assert.Equal(clock.GetUtcNow().AddHours(24), refund.DueBy);
        Assert.Equal(149.00m, refund.Amount);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14a_code_fee_larger_than_the_gross_yields_zero_and_charges_only_the_gross()
    {
        var refund = VoucherRefundCalculator.UnexpiredAutomatic(new VoucherOrderAmounts(0.50m, 1), 0, 1, 1m, RequestedAt);

        Assert.Equal(0.50m, refund.GrossAmount);
        Assert.Equal(0.50m, refund.CodeFeeCharged);
        Assert.Equal(0m, refund.Amount);
        Assert.Contains("fee 1.00 limited to the amount", refund.Explain(), StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RTV-14")]
    [InlineData("10.05", "0.5", "5.03", "4.03")] // 5.025 rounds away from zero; banker's rounding would give 5.02
    [InlineData("33.33", "0.15", "5.00", "4.00")] // 4.9995
    [InlineData("19.99", "0.333", "6.66", "5.66")] // 6.65667
    public void RTV14a_gross_is_rounded_to_the_fen_half_away_from_zero_before_the_fee(string price, string ratio, string gross, string amount)
    {
        var refund = VoucherRefundCalculator.UnexpiredAutomatic(new VoucherOrderAmounts(D(price), 1), 0, 1, D(ratio), RequestedAt);

        Assert.Equal(D(gross), refund.GrossAmount);
        Assert.Equal(D(amount), refund.Amount);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14b_unexpired_manual_gives_the_seller_five_days_and_marks_the_amount_as_an_sdk_assumption()
    {
        var refund = VoucherRefundCalculator.UnexpiredManual(ThreeAtFifty, 1, 2, 0.8m, RequestedAt);

        Assert.Equal(VoucherRefundKind.UnexpiredManual, refund.Kind);
        Assert.Equal("RTV-14(b)", refund.RuleId);
        Assert.Equal(new DateTimeOffset(2024, 6, 6, 10, 0, 0, TimeSpan.FromHours(8)), refund.DueBy);
        Assert.Equal(79.00m, refund.Amount);
        Assert.False(refund.IsAutomatic);
        Assert.Equal(2, refund.Assumptions.Count);
        Assert.Contains("does not say what amount", refund.Assumptions[0], StringComparison.Ordinal);
        Assert.Contains("the seller must act by 2024-06-06 10:00 +08:00, after which the system refunds", refund.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14b_deadline_can_come_from_a_TimeProvider()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 2, 27, 0, 0, 0, TimeSpan.Zero));
        var refund = VoucherRefundCalculator.UnexpiredManual(ThreeAtFifty, 0, 1, 1m, clock);

        Assert.Equal(new DateTimeOffset(2024, 3, 3, 0, 0, 0, TimeSpan.Zero), refund.DueBy); // 2024 is a leap year
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14c_not_received_refunds_everything_paid_without_code_fee()
    {
        var refund = VoucherRefundCalculator.NotReceived(new VoucherOrderAmounts(50.00m, 3, amountPaid: 120.00m));

        Assert.Equal("RTV-14(c)", refund.RuleId);
        Assert.Equal(120.00m, refund.Amount);
        Assert.Equal(0m, refund.CodeFee);
        Assert.Equal(0m, refund.CodeFeeCharged);
        Assert.Null(refund.DueBy);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14d_received_no_return_accepts_a_negotiated_amount_up_to_the_unconsumed_balance()
    {
        var refund = VoucherRefundCalculator.ReceivedNoReturn(ThreeAtFifty, redeemedCount: 1, negotiatedAmount: 60.00m);

        Assert.Equal("RTV-14(d)", refund.RuleId);
        Assert.Equal(60.00m, refund.Amount);
        Assert.Equal(40.00m, refund.RetainedBySeller);
        Assert.Equal(0m, refund.CodeFeeCharged);
        Assert.Equal(100.00m, VoucherRefundCalculator.ReceivedNoReturn(ThreeAtFifty, 1, 100.00m).Amount);
        Assert.Equal(0m, VoucherRefundCalculator.ReceivedNoReturn(ThreeAtFifty, 3, 0m).Amount);
    }

    [Theory]
    [Rule("RTV-14")]
    [InlineData("100.01", "must not exceed what the buyer paid minus the redeemed units: 150.00 − 1 × 50.00 = 100.00")]
    [InlineData("-0.01", "must not be negative")]
    [InlineData("10.001", "at most two decimal places")]
    public void RTV14d_negotiated_amount_outside_the_bounds_is_rejected(string amount, string problem)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherRefundCalculator.ReceivedNoReturn(ThreeAtFifty, 1, D(amount)));

        Assert.Equal("negotiatedAmount", ex.Field);
        Assert.Equal(amount, ex.Value);
        Assert.Equal("RTV-14(d)", ex.RuleId);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14e_after_sale_is_taken_from_the_sellers_deposit()
    {
        var refund = VoucherRefundCalculator.AfterSale(ThreeAtFifty, 30.00m);

        Assert.Equal("RTV-14(e)", refund.RuleId);
        Assert.Equal(RefundSource.SellerDeposit, refund.Source);
        Assert.Equal(30.00m, refund.Amount);
        Assert.Equal(0m, refund.CodeFeeCharged);
        Assert.EndsWith("30.00 to the buyer; paid from the seller's deposit.", refund.Explain(), StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RTV-14")]
    [InlineData("0")]
    [InlineData("150.01")]
    [InlineData("-1")]
    public void RTV14e_after_sale_amount_must_be_positive_and_at_most_what_was_paid(string amount)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherRefundCalculator.AfterSale(ThreeAtFifty, D(amount)));

        Assert.Equal("claimedAmount", ex.Field);
        Assert.Equal("RTV-14(e)", ex.RuleId);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14f_expired_automatic_is_expired_times_price_times_ratio_minus_code_fee_and_the_rest_stays_with_the_seller()
    {
        var refund = VoucherRefundCalculator.ExpiredAutomatic(ThreeAtFifty, redeemedCount: 2, expiredCount: 1, new ExpiryRefundOption(0.8m));

        Assert.Equal("RTV-14(f)", refund.RuleId);
        Assert.Equal(40.00m, refund.GrossAmount);
        Assert.Equal(1.00m, refund.CodeFeeCharged);
        Assert.Equal(39.00m, refund.Amount);
        Assert.Equal(10.00m, refund.RetainedBySeller);
        Assert.Equal(11.00m, refund.SellerReceives);
        Assert.True(refund.IsAutomatic);
        Assert.Equal(
            "RTV-14(f) expired automatic refund: 1 × 50.00 × 80% = 40.00 − code fee 1.00 = 39.00 to the buyer; the seller receives 1.00 code fee + 10.00 not refunded.",
            refund.Explain());
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14f_a_discounted_order_never_refunds_more_than_is_left_of_the_payment()
    {
        var order = new VoucherOrderAmounts(50.00m, 3, amountPaid: 120.00m);
        var refund = VoucherRefundCalculator.ExpiredAutomatic(order, 2, 1, new ExpiryRefundOption(1m));

        Assert.True(refund.CappedAtAmountPaid);
        Assert.Equal(20.00m, refund.GrossAmount);
        Assert.Equal(19.00m, refund.Amount);
        Assert.Contains("capped at what the buyer paid", refund.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RTV-08")]
    public void RTV08_ratio_of_exactly_100_percent_is_accepted()
        => Assert.Equal(49.00m, VoucherRefundCalculator.ExpiredAutomatic(ThreeAtFifty, 2, 1, new ExpiryRefundOption(1.00m)).Amount);

    [Fact]
    [Rule("RTV-08")]
    public void RTV08_ratio_above_100_percent_is_rejected_naming_field_value_and_rule()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => new ExpiryRefundOption(1.0001m));

        Assert.Equal("expiryRefund.ratio", ex.Field);
        Assert.Equal("1.0001", ex.Value);
        Assert.Equal("RTV-08", ex.RuleId);
        Assert.Contains("must not exceed 100%", ex.Message, StringComparison.Ordinal);
        Assert.Equal("TaobaoVoucher", ex.Error.Platform);
    }

    [Fact]
    [Rule("RTV-08")]
    public void RTV08_ratio_below_the_category_minimum_is_rejected_and_equal_is_accepted()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => new ExpiryRefundOption(0.69m, categoryMinimumRatio: 0.7m));

        Assert.Equal("expiryRefund.ratio", ex.Field);
        Assert.Equal("0.69", ex.Value);
        Assert.Equal("RTV-08", ex.RuleId);
        Assert.Contains("minimum expiry refund ratio of 70%", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0.7m, new ExpiryRefundOption(0.7m, 0.7m).Ratio);
    }

    [Theory]
    [Rule("RTV-08")]
    [InlineData("0", null, "expiryRefund.ratio")]
    [InlineData("-0.1", null, "expiryRefund.ratio")]
    [InlineData("0.8", "0", "expiryRefund.categoryMinimumRatio")]
    [InlineData("0.8", "1.2", "expiryRefund.categoryMinimumRatio")]
    public void RTV08_non_positive_ratio_or_invalid_category_minimum_is_rejected(string ratio, string? minimum, string field)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => new ExpiryRefundOption(D(ratio), minimum is null ? null : D(minimum)));

        Assert.Equal(field, ex.Field);
        Assert.Equal("RTV-08", ex.RuleId);
    }

    [Theory]
    [Rule("RTV-14")]
    [InlineData(-1, 1, "redeemedCount")]
    [InlineData(0, -1, "unredeemedCount")]
    [InlineData(2, 2, "unredeemedCount")] // 2 + 2 > 3
    public void RTV14a_counts_are_validated(int redeemed, int unredeemed, string field)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherRefundCalculator.UnexpiredAutomatic(ThreeAtFifty, redeemed, unredeemed, 1m, RequestedAt));

        Assert.Equal(field, ex.Field);
        Assert.Equal("RTV-14(a)", ex.RuleId);
    }

    [Theory]
    [Rule("RTV-14")]
    [InlineData("0")]
    [InlineData("1.01")]
    [InlineData("-0.5")]
    public void RTV14a_ratio_outside_zero_to_one_is_rejected(string ratio)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherRefundCalculator.UnexpiredAutomatic(ThreeAtFifty, 0, 1, D(ratio), RequestedAt));

        Assert.Equal("ratio", ex.Field);
        Assert.Equal(ratio, ex.Value);
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14f_expired_plus_redeemed_cannot_exceed_the_quantity()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherRefundCalculator.ExpiredAutomatic(ThreeAtFifty, 3, 1, new ExpiryRefundOption(0.5m)));

        Assert.Equal("expiredCount", ex.Field);
        Assert.Contains("exceeds the order quantity (3)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RTV-14")]
    [InlineData("12.345", 1, null, "unitPrice")]
    [InlineData("-1", 1, null, "unitPrice")]
    [InlineData("10", 0, null, "quantity")]
    [InlineData("10", 2, "20.01", "amountPaid")]
    [InlineData("10", 2, "19.999", "amountPaid")]
    public void RTV14_order_inputs_are_validated(string price, int quantity, string? paid, string field)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => new VoucherOrderAmounts(D(price), quantity, paid is null ? null : D(paid)));

        Assert.Equal(field, ex.Field);
    }

    private static decimal D(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
