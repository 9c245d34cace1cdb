using PlatformSdk.Errors;
using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Settlement;
using Xunit.Abstractions;

namespace PlatformSdk.TaobaoVoucher.Tests.Settlement;

/// <summary>Example tests for the voucher settlement schedule (RTV-02, RTV-03, RTV-08, RTV-14).</summary>
public class VoucherSettlementCalculatorTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Sent = new(2024, 6, 1, 10, 0, 0, Cst);
    private static readonly DateTimeOffset Expires = new(2024, 6, 30, 0, 0, 0, Cst);
    private static readonly VoucherOrderAmounts ThreeAtFifty = new(50.00m, 3);

    [Fact]
    [Rule("RTV-02", "RTV-08", "RTV-14")]
    public void RTV08_RTV14f_sample_three_units_redeem_one_redeem_one_expire_with_80_percent_option()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.RedeemThenPay(new ExpiryRefundOption(0.8m)),
            Redemptions = [new(Sent.AddDays(1), 1), new(Sent.AddDays(5), 1)],
            ExpiresAt = Expires,
        });
        output.WriteLine(schedule.Describe());

        Assert.Collection(schedule.Entries,
            e => AssertEntry(e, Sent.AddDays(1), SettlementEntryKind.RedemptionPayout, SettlementParty.Seller, 50.00m, "RTV-02"),
            e => AssertEntry(e, Sent.AddDays(5), SettlementEntryKind.RedemptionPayout, SettlementParty.Seller, 50.00m, "RTV-02"),
            e => AssertEntry(e, Expires, SettlementEntryKind.BuyerRefund, SettlementParty.Buyer, 39.00m, "RTV-14(f)"),
            e => AssertEntry(e, Expires, SettlementEntryKind.CodeFee, SettlementParty.Seller, 1.00m, "RTV-08"),
            e => AssertEntry(e, Expires, SettlementEntryKind.RetainedShare, SettlementParty.Seller, 10.00m, "RTV-08"));
        Assert.Equal(111.00m, schedule.PaidToSeller);
        Assert.Equal(111.00m, schedule.SellerNet);
        Assert.Equal(39.00m, schedule.RefundedToBuyer);
        Assert.Equal(0m, schedule.HeldByPlatform);
        Assert.Equal((2, 0, 1, 0), (schedule.RedeemedUnits, schedule.RefundedUnits, schedule.ExpiredUnits, schedule.OutstandingUnits));
        Assert.Single(schedule.Refunds);
        Assert.Equal(
            """
            E-voucher order 3 × 50.00, paid 150.00; sent 2024-06-01 10:00 +08:00; redeem-then-pay (RTV-02); expiry refund option 80% (RTV-08)
              2024-06-02 10:00 +08:00  seller      50.00  redemption of 1 unit: 1 × 50.00 (RTV-02)
              2024-06-06 10:00 +08:00  seller      50.00  redemption of 1 unit: 1 × 50.00 (RTV-02)
              2024-06-30 00:00 +08:00  buyer       39.00  expiry refund of 1 unit: 1 × 50.00 × 80% = 40.00 − code fee 1.00 (RTV-14(f))
              2024-06-30 00:00 +08:00  seller       1.00  code fee deducted from the refund (RTV-08)
              2024-06-30 00:00 +08:00  seller      10.00  share not refunded: 1 × 50.00 − 40.00 (RTV-08)
            Seller 111.00 (paid 111.00 − deposit 0.00) + buyer refunded 39.00 + held 0.00 = 150.00; units: 2 redeemed, 0 refunded, 1 expired, 0 outstanding
            """.ReplaceLineEndings("\n"),
            schedule.Describe());
    }

    [Fact]
    [Rule("RTV-02", "RTV-08")]
    public void RTV08_redeem_then_pay_without_the_option_pays_unredeemed_money_to_the_seller_on_expiry()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Redemptions = [new(Sent.AddHours(2), 1)],
            ExpiresAt = Expires,
        });

        Assert.Collection(schedule.Entries,
            e => AssertEntry(e, Sent.AddHours(2), SettlementEntryKind.RedemptionPayout, SettlementParty.Seller, 50.00m, "RTV-02"),
            e => AssertEntry(e, Expires, SettlementEntryKind.ExpiryPayout, SettlementParty.Seller, 100.00m, "RTV-08"));
        Assert.Equal(150.00m, schedule.SellerNet);
        Assert.Equal(0m, schedule.RefundedToBuyer);
        Assert.Empty(schedule.Refunds);
    }

    [Fact]
    [Rule("RTV-02")]
    public void RTV02_redeem_then_pay_without_expiry_keeps_unredeemed_money_held_by_the_platform()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Redemptions = [new(Sent.AddHours(2), 2)],
        });

        Assert.Equal(100.00m, schedule.PaidToSeller);
        Assert.Equal(50.00m, schedule.HeldByPlatform);
        Assert.Equal(1, schedule.OutstandingUnits);
        Assert.Null(schedule.TPlusNDueAt);
    }

    [Theory]
    [Rule("RTV-03")]
    [InlineData("2024-06-01T10:00:00+08:00", 3, "2024-06-04T00:00:00+08:00")]
    [InlineData("2024-06-01T23:59:59+08:00", 3, "2024-06-04T00:00:00+08:00")]
    [InlineData("2024-06-01T16:30:00+00:00", 3, "2024-06-05T00:00:00+08:00")] // already 2 June 00:30 in China
    [InlineData("2024-02-28T12:00:00+08:00", 2, "2024-03-01T00:00:00+08:00")] // leap day counts as a calendar day
    [InlineData("2024-06-01T00:00:00+08:00", 1, "2024-06-02T00:00:00+08:00")]
    public void RTV03_T_plus_N_is_due_at_midnight_china_time_N_calendar_days_after_the_send_date(string sent, int days, string due)
        => Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            VoucherSettlementCalculator.ComputeTPlusNDueAt(DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    [Rule("RTV-03")]
    public void RTV03_T_plus_3_without_redemption_pays_everything_on_the_T_plus_3_date()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.TPlusN(),
        });

        var due = new DateTimeOffset(2024, 6, 4, 0, 0, 0, Cst);
        Assert.Equal(due, schedule.TPlusNDueAt);
        Assert.Collection(schedule.Entries, e => AssertEntry(e, due, SettlementEntryKind.TPlusNPayout, SettlementParty.Seller, 150.00m, "RTV-03"));
        Assert.Equal(0m, schedule.HeldByPlatform);
        Assert.Equal(3, schedule.OutstandingUnits); // paid out, but still redeemable
    }

    [Fact]
    [Rule("RTV-03")]
    public void RTV03_early_redemption_pays_the_whole_order_early_per_the_seed()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.TPlusN(),
            Redemptions = [new(Sent.AddHours(5), 1), new(Sent.AddDays(10), 2)],
        });

        Assert.Collection(schedule.Entries,
            e => AssertEntry(e, Sent.AddHours(5), SettlementEntryKind.EarlyRedemptionPayout, SettlementParty.Seller, 150.00m, "RTV-03"));
    }

    [Fact]
    [Rule("RTV-03")]
    public void RTV03_early_redemption_can_release_only_the_redeemed_units()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.TPlusN(3, earlyPayout: TPlusNEarlyPayout.RedeemedUnitsOnly),
            Redemptions = [new(Sent.AddHours(5), 1), new(Sent.AddDays(10), 2)],
        });

        var due = new DateTimeOffset(2024, 6, 4, 0, 0, 0, Cst);
        Assert.Collection(schedule.Entries,
            e => AssertEntry(e, Sent.AddHours(5), SettlementEntryKind.EarlyRedemptionPayout, SettlementParty.Seller, 50.00m, "RTV-03"),
            e => AssertEntry(e, due, SettlementEntryKind.TPlusNPayout, SettlementParty.Seller, 100.00m, "RTV-03"));
    }

    [Fact]
    [Rule("RTV-03")]
    public void RTV03_a_redemption_exactly_at_the_due_time_is_not_early()
    {
        var due = new DateTimeOffset(2024, 6, 4, 0, 0, 0, Cst);
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.TPlusN(),
            Redemptions = [new(due, 3)],
        });

        Assert.Collection(schedule.Entries, e => AssertEntry(e, due, SettlementEntryKind.TPlusNPayout, SettlementParty.Seller, 150.00m, "RTV-03"));
    }

    [Fact]
    [Rule("RTV-08", "RTV-14")]
    public void RTV08_T_plus_N_expiry_refund_after_the_payout_is_taken_from_the_sellers_deposit()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.TPlusN(3, new ExpiryRefundOption(0.8m)),
            Redemptions = [new(Sent.AddDays(4), 2)],
            ExpiresAt = Expires,
        });

        var refund = schedule.Entries[^1];
        AssertEntry(refund, Expires, SettlementEntryKind.BuyerRefund, SettlementParty.Buyer, 39.00m, "RTV-14(f)");
        Assert.Equal(RefundSource.SellerDeposit, refund.FundedFrom);
        Assert.Equal(RefundSource.SellerDeposit, refund.Refund!.Source);
        Assert.Equal(150.00m, schedule.PaidToSeller);
        Assert.Equal(39.00m, schedule.DeductedFromSellerDeposit);
        Assert.Equal(111.00m, schedule.SellerNet);
    }

    [Fact]
    [Rule("RTV-03", "RTV-08", "RTV-14")]
    public void RTV08_T_plus_N_expiry_before_the_due_date_refunds_from_held_funds_then_pays_the_rest()
    {
        var expires = new DateTimeOffset(2024, 6, 2, 12, 0, 0, Cst);
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.TPlusN(3, new ExpiryRefundOption(0.5m), TPlusNEarlyPayout.RedeemedUnitsOnly),
            Redemptions = [new(Sent.AddHours(1), 1)],
            ExpiresAt = expires,
        });

        Assert.Collection(schedule.Entries,
            e => AssertEntry(e, Sent.AddHours(1), SettlementEntryKind.EarlyRedemptionPayout, SettlementParty.Seller, 50.00m, "RTV-03"),
            e => AssertEntry(e, expires, SettlementEntryKind.BuyerRefund, SettlementParty.Buyer, 49.00m, "RTV-14(f)"),
            e => AssertEntry(e, expires, SettlementEntryKind.CodeFee, SettlementParty.Seller, 1.00m, "RTV-08"),
            e => AssertEntry(e, expires, SettlementEntryKind.RetainedShare, SettlementParty.Seller, 50.00m, "RTV-08"));
        Assert.Equal(0m, schedule.DeductedFromSellerDeposit);
        Assert.Equal(0m, schedule.HeldByPlatform);
    }

    [Fact]
    [Rule("RTV-02", "RTV-08", "RTV-14")]
    public void RTV14a_unexpired_refund_in_redeem_then_pay_refunds_the_buyer_and_pays_the_code_fee()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.RedeemThenPay(new ExpiryRefundOption(0.8m)),
            Redemptions = [new(Sent.AddHours(1), 1)],
            Refunds = [new(Sent.AddDays(2), 2, 1m)],
            ExpiresAt = Expires,
        });

        Assert.Collection(schedule.Entries,
            e => AssertEntry(e, Sent.AddHours(1), SettlementEntryKind.RedemptionPayout, SettlementParty.Seller, 50.00m, "RTV-02"),
            e => AssertEntry(e, Sent.AddDays(2), SettlementEntryKind.BuyerRefund, SettlementParty.Buyer, 99.00m, "RTV-14(a)"),
            e => AssertEntry(e, Sent.AddDays(2), SettlementEntryKind.CodeFee, SettlementParty.Seller, 1.00m, "RTV-08"));
        Assert.Equal(Sent.AddDays(3), schedule.Refunds[0].DueBy);
        Assert.Equal(0, schedule.ExpiredUnits); // nothing left to expire
    }

    [Fact]
    [Rule("RTV-14")]
    public void RTV14_discounted_order_never_pays_out_more_than_the_buyer_paid()
    {
        var schedule = VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = new VoucherOrderAmounts(50.00m, 3, amountPaid: 120.00m),
            SentAt = Sent,
            Redemptions = [new(Sent.AddHours(1), 1), new(Sent.AddHours(2), 1), new(Sent.AddHours(3), 1)],
        });

        Assert.Equal([50.00m, 50.00m, 20.00m], schedule.Entries.Select(e => e.Amount));
        Assert.Equal(120.00m, schedule.SellerNet);
    }

    [Fact]
    [Rule("RTV-10")]
    public void RTV10_redemption_before_the_code_was_sent_is_rejected()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Redemptions = [new(Sent.AddMinutes(-1), 1)],
        }));

        Assert.Equal("redemptions[0].at", ex.Field);
        Assert.Equal("RTV-10", ex.RuleId);
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_redemption_at_the_end_of_validity_is_rejected()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Redemptions = [new(Sent.AddHours(1), 1), new(Expires, 1)],
            ExpiresAt = Expires,
        }));

        Assert.Equal("redemptions[1].at", ex.Field);
        Assert.Equal("RTV-05", ex.RuleId);
    }

    [Fact]
    [Rule("RTV-12")]
    public void RTV12_redeeming_more_units_than_are_left_is_rejected_naming_the_event()
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Redemptions = [new(Sent.AddHours(3), 2), new(Sent.AddHours(1), 1)],
            Refunds = [new(Sent.AddHours(2), 1, 1m)],
        }));

        Assert.Equal("redemptions[0].count", ex.Field);
        Assert.Equal("2", ex.Value);
        Assert.Contains("only 1 of 3 units are left", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Rule("RTV-03")]
    [InlineData(0)]
    [InlineData(91)]
    public void RTV03_payout_days_outside_1_to_90_are_rejected(int days)
    {
        var ex = Assert.Throws<PlatformValidationException>(() => VoucherSettlementCalculator.Compute(new VoucherSettlementRequest
        {
            Order = ThreeAtFifty,
            SentAt = Sent,
            Terms = VoucherSettlementTerms.TPlusN(days),
        }));

        Assert.Equal("terms.payoutDays", ex.Field);
    }

    [Fact]
    [Rule("RTV-05")]
    public void RTV05_expiry_not_after_sending_and_bad_event_inputs_are_rejected()
    {
        Assert.Equal("expiresAt", Assert.Throws<PlatformValidationException>(() => VoucherSettlementCalculator.Compute(
            new VoucherSettlementRequest { Order = ThreeAtFifty, SentAt = Sent, ExpiresAt = Sent })).Field);
        Assert.Equal("redemptions[0].count", Assert.Throws<PlatformValidationException>(() => VoucherSettlementCalculator.Compute(
            new VoucherSettlementRequest { Order = ThreeAtFifty, SentAt = Sent, Redemptions = [new(Sent, 0)] })).Field);
        Assert.Equal("refunds[0].ratio", Assert.Throws<PlatformValidationException>(() => VoucherSettlementCalculator.Compute(
            new VoucherSettlementRequest { Order = ThreeAtFifty, SentAt = Sent, Refunds = [new(Sent, 1, 1.5m)] })).Field);
    }

    private static void AssertEntry(SettlementEntry entry, DateTimeOffset at, SettlementEntryKind kind, SettlementParty recipient, decimal amount, string ruleId)
    {
        Assert.Equal(at, entry.At);
        Assert.Equal(kind, entry.Kind);
        Assert.Equal(recipient, entry.Recipient);
        Assert.Equal(amount, entry.Amount);
        Assert.Equal(ruleId, entry.RuleId);
    }
}
