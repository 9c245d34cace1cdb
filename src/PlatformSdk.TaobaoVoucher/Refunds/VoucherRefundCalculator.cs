using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Money;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Refunds;

/// <summary>
/// The e-voucher refund formulas of rule RTV-14 (a)–(f) with the expiry refund option of RTV-08. Pure
/// functions: validate the inputs (throwing <see cref="PlatformValidationException"/> naming field, value and
/// rule), compute in <see cref="decimal"/>, round to the fen half away from zero and never return a negative
/// amount. See <c>docs/refunds-and-settlement.md</c> for every formula with a worked example.
/// </summary>
public static class VoucherRefundCalculator
{
    /// <summary>The platform name used in validation exceptions (the rules are Taobao's e-voucher rules, RTV-*).</summary>
    public const string Platform = "TaobaoVoucher";

    /// <summary>The code fee (码费) deducted from formula refunds and paid to the seller: 1.00 CNY (RTV-08, RTV-14 (a)/(f)).</summary>
    public const decimal CodeFee = 1.00m;

    /// <summary>How long the platform takes at most to process an unexpired automatic refund: 24 hours (RTV-14 (a)).</summary>
    public static readonly TimeSpan AutomaticProcessingWindow = TimeSpan.FromHours(24);

    /// <summary>How long the seller has to handle an unexpired manual refund before the system refunds: 5 days, counted as 5 × 24 hours (RTV-14 (b)).</summary>
    public static readonly TimeSpan SellerManualRefundWindow = TimeSpan.FromDays(5);

    internal const string ManualAmountAssumption =
        "The seed (RTV-14 (b)) does not say what amount the system refunds when the seller does not act within 5 days; the SDK assumes the unexpired automatic formula: unredeemed × unit price × ratio − 1.";

    internal const string ManualVoidAssumption =
        "The seed states that unused codes become void only for automatic refunds (a); the SDK assumes the refunded units' codes become void for manual refunds too.";

    /// <summary>RTV-14 (a): refund of an unexpired order in a category with automatic refund.</summary>
    /// <param name="order">The order.</param>
    /// <param name="redeemedCount">Units already redeemed (not refundable).</param>
    /// <param name="unredeemedCount">Units not yet redeemed that the refund covers (exclude units refunded earlier).</param>
    /// <param name="ratio">The refund ratio as a fraction in (0, 1].</param>
    /// <param name="requestedAt">When the buyer requested the refund.</param>
    /// <returns>The refund: <c>unredeemed × unit price × ratio − 1</c>, due within 24 h of the request; all unused codes become void.</returns>
    /// <exception cref="PlatformValidationException">A count, the ratio or the order is invalid.</exception>
    public static VoucherRefund UnexpiredAutomatic(VoucherOrderAmounts order, int redeemedCount, int unredeemedCount, decimal ratio, DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        ValidateCounts(order, redeemedCount, "unredeemedCount", unredeemedCount, "RTV-14(a)");
        ValidateRatio("ratio", ratio, "RTV-14(a)");
        var split = Split(unredeemedCount, order.UnitPrice, ratio, RemainingAfterRedeemed(order, redeemedCount));
        return FormulaRefund(VoucherRefundKind.UnexpiredAutomatic, "RTV-14(a)", "unredeemed × unit price × ratio − code fee", order, unredeemedCount, ratio, split) with
        {
            IsAutomatic = true,
            VoidsUnusedCodes = true,
            RequestedAt = requestedAt,
            DueBy = requestedAt + AutomaticProcessingWindow,
        };
    }

    /// <summary>RTV-14 (a) with the request time read from <paramref name="timeProvider"/>.</summary>
    /// <param name="order">The order.</param>
    /// <param name="redeemedCount">Units already redeemed.</param>
    /// <param name="unredeemedCount">Units not yet redeemed that the refund covers.</param>
    /// <param name="ratio">The refund ratio as a fraction in (0, 1].</param>
    /// <param name="timeProvider">The clock; the request time is its current time.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="PlatformValidationException">A count, the ratio or the order is invalid.</exception>
    public static VoucherRefund UnexpiredAutomatic(VoucherOrderAmounts order, int redeemedCount, int unredeemedCount, decimal ratio, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return UnexpiredAutomatic(order, redeemedCount, unredeemedCount, ratio, timeProvider.GetUtcNow());
    }

    /// <summary>
    /// RTV-14 (b): refund of an unexpired order in a category without automatic refund. The seller has 5 days
    /// (<see cref="VoucherRefund.DueBy"/>) to handle it; the amount is what the system refunds if the seller does not act.
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="redeemedCount">Units already redeemed.</param>
    /// <param name="unredeemedCount">Units not yet redeemed that the refund covers.</param>
    /// <param name="ratio">The refund ratio as a fraction in (0, 1].</param>
    /// <param name="requestedAt">When the buyer requested the refund.</param>
    /// <returns>
    /// The refund. The amount uses the (a) formula: the seller guide does not state the amount, so this is an SDK assumption,
    /// listed in <see cref="VoucherRefund.Assumptions"/>.
    /// </returns>
    /// <exception cref="PlatformValidationException">A count, the ratio or the order is invalid.</exception>
    public static VoucherRefund UnexpiredManual(VoucherOrderAmounts order, int redeemedCount, int unredeemedCount, decimal ratio, DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        ValidateCounts(order, redeemedCount, "unredeemedCount", unredeemedCount, "RTV-14(b)");
        ValidateRatio("ratio", ratio, "RTV-14(b)");
        var split = Split(unredeemedCount, order.UnitPrice, ratio, RemainingAfterRedeemed(order, redeemedCount));
        return FormulaRefund(VoucherRefundKind.UnexpiredManual, "RTV-14(b)", "unredeemed × unit price × ratio − code fee (SDK assumption)", order, unredeemedCount, ratio, split) with
        {
            // Automatic only in the sense that the system acts once the seller's 5 days have passed.
            IsAutomatic = false,
            VoidsUnusedCodes = true,
            RequestedAt = requestedAt,
            DueBy = requestedAt + SellerManualRefundWindow,
            Assumptions = [ManualAmountAssumption, ManualVoidAssumption],
        };
    }

    /// <summary>RTV-14 (b) with the request time read from <paramref name="timeProvider"/>.</summary>
    /// <param name="order">The order.</param>
    /// <param name="redeemedCount">Units already redeemed.</param>
    /// <param name="unredeemedCount">Units not yet redeemed that the refund covers.</param>
    /// <param name="ratio">The refund ratio as a fraction in (0, 1].</param>
    /// <param name="timeProvider">The clock; the request time is its current time.</param>
    /// <returns>The refund.</returns>
    /// <exception cref="PlatformValidationException">A count, the ratio or the order is invalid.</exception>
    public static VoucherRefund UnexpiredManual(VoucherOrderAmounts order, int redeemedCount, int unredeemedCount, decimal ratio, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return UnexpiredManual(order, redeemedCount, unredeemedCount, ratio, timeProvider.GetUtcNow());
    }

    /// <summary>RTV-14 (c): the buyer did not receive the code. Full refund of what the buyer paid; no code fee; the buyer cannot change the amount.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The refund of <see cref="VoucherOrderAmounts.AmountPaid"/>.</returns>
    public static VoucherRefund NotReceived(VoucherOrderAmounts order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new VoucherRefund
        {
            Kind = VoucherRefundKind.NotReceived,
            RuleId = "RTV-14(c)",
            Formula = "amount paid (full refund, no code fee)",
            GrossAmount = order.AmountPaid,
            Amount = order.AmountPaid,
            Source = RefundSource.PlatformHeldFunds,
            IsAutomatic = true,
        };
    }

    /// <summary>
    /// RTV-14 (d): received, no return: the amount negotiated with the seller. The amount may not exceed what
    /// the buyer paid minus the value of the units already redeemed (redeemed × unit price).
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="redeemedCount">Units already redeemed (consumed).</param>
    /// <param name="negotiatedAmount">The agreed amount in yuan: whole fen, at least 0.</param>
    /// <returns>The refund; <see cref="VoucherRefund.RetainedBySeller"/> is the rest of the unconsumed balance.</returns>
    /// <exception cref="PlatformValidationException">The count or the amount is invalid.</exception>
    public static VoucherRefund ReceivedNoReturn(VoucherOrderAmounts order, int redeemedCount, decimal negotiatedAmount)
    {
        ArgumentNullException.ThrowIfNull(order);
        ValidateCounts(order, redeemedCount, "unredeemedCount", 0, "RTV-14(d)");
        var guard = new ValidationGuard(Platform);
        guard.NonNegativeFen("negotiatedAmount", negotiatedAmount, "RTV-14(d)");
        var unconsumed = RemainingAfterRedeemed(order, redeemedCount);
        if (negotiatedAmount > unconsumed)
        {
            guard.Fail("negotiatedAmount", negotiatedAmount.ToString(CultureInfo.InvariantCulture), "RTV-14(d)",
                $"the negotiated refund must not exceed what the buyer paid minus the redeemed units: {Cny.Format(order.AmountPaid)} − {redeemedCount.ToString(CultureInfo.InvariantCulture)} × {Cny.Format(order.UnitPrice)} = {Cny.Format(unconsumed)}.");
        }

        return new VoucherRefund
        {
            Kind = VoucherRefundKind.ReceivedNoReturn,
            RuleId = "RTV-14(d)",
            Formula = "negotiated amount (0 ≤ amount ≤ amount paid − redeemed × unit price)",
            GrossAmount = negotiatedAmount,
            Amount = negotiatedAmount,
            RetainedBySeller = unconsumed - negotiatedAmount,
            Source = RefundSource.PlatformHeldFunds,
            Assumptions = ["No code fee is deducted from a negotiated amount: the seed lets the parties agree the amount itself."],
        };
    }

    /// <summary>
    /// RTV-14 (e): after-sale refund once the trade is completed. The buyer enters an amount and a reason; once
    /// the seller confirms, the money is taken from the seller's deposit because the order's money was already paid out.
    /// </summary>
    /// <param name="order">The order.</param>
    /// <param name="claimedAmount">The amount the buyer claims in yuan: whole fen, greater than 0, at most what the buyer paid.</param>
    /// <returns>The refund with <see cref="VoucherRefund.Source"/> = <see cref="RefundSource.SellerDeposit"/>.</returns>
    /// <exception cref="PlatformValidationException">The amount is invalid.</exception>
    public static VoucherRefund AfterSale(VoucherOrderAmounts order, decimal claimedAmount)
    {
        ArgumentNullException.ThrowIfNull(order);
        var guard = new ValidationGuard(Platform);
        guard.NonNegativeFen("claimedAmount", claimedAmount, "RTV-14(e)");
        if (claimedAmount == 0m)
        {
            guard.Fail("claimedAmount", "0", "RTV-14(e)", "an after-sale refund needs an amount greater than 0 (the buyer must enter one).");
        }

        if (claimedAmount > order.AmountPaid)
        {
            guard.Fail("claimedAmount", claimedAmount.ToString(CultureInfo.InvariantCulture), "RTV-14(e)",
                $"an after-sale refund cannot exceed what the buyer paid ({Cny.Format(order.AmountPaid)}).");
        }

        return new VoucherRefund
        {
            Kind = VoucherRefundKind.AfterSale,
            RuleId = "RTV-14(e)",
            Formula = "claimed amount, confirmed by the seller, from the seller's deposit",
            GrossAmount = claimedAmount,
            Amount = claimedAmount,
            Source = RefundSource.SellerDeposit,
        };
    }

    /// <summary>RTV-14 (f) with RTV-08: automatic refund of expired units when the item has the expiry refund option.</summary>
    /// <param name="order">The order.</param>
    /// <param name="redeemedCount">Units redeemed before expiry.</param>
    /// <param name="expiredCount">Units that expired unredeemed.</param>
    /// <param name="option">The item's expiry refund option (validated ratio).</param>
    /// <returns>The refund: <c>expired × unit price × ratio − 1</c>; the 1 CNY code fee and the non-refunded share go to the seller.</returns>
    /// <exception cref="PlatformValidationException">A count or the order is invalid.</exception>
    public static VoucherRefund ExpiredAutomatic(VoucherOrderAmounts order, int redeemedCount, int expiredCount, ExpiryRefundOption option)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(option);
        ValidateCounts(order, redeemedCount, "expiredCount", expiredCount, "RTV-14(f)");
        var split = Split(expiredCount, order.UnitPrice, option.Ratio, RemainingAfterRedeemed(order, redeemedCount));
        return ExpiredFromSplit(order, expiredCount, option, split);
    }

    internal static VoucherRefund ExpiredFromSplit(VoucherOrderAmounts order, int expiredCount, ExpiryRefundOption option, FormulaSplit split)
        => FormulaRefund(VoucherRefundKind.ExpiredAutomatic, "RTV-14(f)", "expired × unit price × ratio − code fee", order, expiredCount, option.Ratio, split) with
        {
            IsAutomatic = true,
        };

    internal static VoucherRefund UnexpiredFromSplit(VoucherOrderAmounts order, int units, decimal ratio, FormulaSplit split, DateTimeOffset requestedAt)
        => FormulaRefund(VoucherRefundKind.UnexpiredAutomatic, "RTV-14(a)", "unredeemed × unit price × ratio − code fee", order, units, ratio, split) with
        {
            IsAutomatic = true,
            VoidsUnusedCodes = true,
            RequestedAt = requestedAt,
            DueBy = requestedAt + AutomaticProcessingWindow,
        };

    /// <summary>
    /// Splits the money of <paramref name="units"/> units into buyer refund, code fee and retained share. The
    /// gross is rounded to the fen before the fee (whole fen) is subtracted, so refund + fee + retained equals
    /// the units' value exactly. <paramref name="available"/> caps the units' value when the buyer paid less
    /// than list.
    /// </summary>
    internal static FormulaSplit Split(int units, decimal unitPrice, decimal ratio, decimal available)
    {
        var listValue = Cny.RoundToFen(units * unitPrice);
        var value = Math.Min(listValue, Math.Max(available, 0m));
        var gross = Math.Min(Cny.RoundToFenNonNegative(listValue * ratio), value);
        var fee = Math.Min(CodeFee, gross);
        return new FormulaSplit(value, gross, fee, gross - fee, value - gross, value < listValue);
    }

    internal static decimal RemainingAfterRedeemed(VoucherOrderAmounts order, int redeemedCount)
        => Cny.SubtractNonNegative(order.AmountPaid, redeemedCount * order.UnitPrice);

    internal static void ValidateRatio(string field, decimal ratio, string ruleId)
    {
        if (ratio <= 0m || ratio > 1m)
        {
            new ValidationGuard(Platform).Fail(field, ratio.ToString(CultureInfo.InvariantCulture), ruleId,
                "the refund ratio is a fraction greater than 0 and at most 1 (100%), for example 0.8 for 80%.");
        }
    }

    internal static string FormatRatio(decimal ratio)
        => (ratio * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    private static void ValidateCounts(VoucherOrderAmounts order, int redeemedCount, string coveredField, int coveredCount, string ruleId)
    {
        var guard = new ValidationGuard(Platform);
        if (redeemedCount < 0)
        {
            guard.Fail("redeemedCount", redeemedCount.ToString(CultureInfo.InvariantCulture), ruleId, "a count cannot be negative.");
        }

        if (coveredCount < 0)
        {
            guard.Fail(coveredField, coveredCount.ToString(CultureInfo.InvariantCulture), ruleId, "a count cannot be negative.");
        }

        if ((long)redeemedCount + coveredCount > order.Quantity)
        {
            guard.Fail(coveredField, coveredCount.ToString(CultureInfo.InvariantCulture), ruleId,
                $"redeemed ({redeemedCount.ToString(CultureInfo.InvariantCulture)}) + {coveredField} ({coveredCount.ToString(CultureInfo.InvariantCulture)}) exceeds the order quantity ({order.Quantity.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    private static VoucherRefund FormulaRefund(VoucherRefundKind kind, string ruleId, string formula, VoucherOrderAmounts order, int units, decimal ratio, FormulaSplit split)
        => new()
        {
            Kind = kind,
            RuleId = ruleId,
            Formula = formula,
            UnitPrice = order.UnitPrice,
            Units = units,
            Ratio = ratio,
            GrossAmount = split.Gross,
            CodeFee = CodeFee,
            CodeFeeCharged = split.Fee,
            Amount = split.Refund,
            RetainedBySeller = split.Retained,
            CappedAtAmountPaid = split.Capped,
            Source = RefundSource.PlatformHeldFunds,
        };
}

/// <summary>The money of some units split by a refund formula; <c>Refund + Fee + Retained == Value</c>.</summary>
internal readonly record struct FormulaSplit(decimal Value, decimal Gross, decimal Fee, decimal Refund, decimal Retained, bool Capped);
