using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Settlement;

namespace PlatformSdk.TaobaoVoucher;

/// <summary>
/// Builds the e-voucher results whose constructors are internal, for tests that mock <see cref="TaobaoVoucherClient"/> and
/// <see cref="VoucherMoney"/> (the Azure SDK's <c>ModelFactory</c> pattern). Values are taken as given: nothing is computed or checked.
/// </summary>
public static class TaobaoVoucherModelFactory
{
    /// <summary>Builds a refund computation.</summary>
    /// <param name="kind">Which refund case applied.</param>
    /// <param name="amount">What the buyer gets.</param>
    /// <param name="ruleId">The rule, for example <c>RTV-14(a)</c>.</param>
    /// <param name="formula">The formula in words.</param>
    /// <param name="unitPrice">The unit price used (formula cases).</param>
    /// <param name="units">The units covered (formula cases).</param>
    /// <param name="ratio">The ratio used (formula cases).</param>
    /// <param name="grossAmount">The amount before the code fee; defaults to <paramref name="amount"/> + <paramref name="codeFeeCharged"/>.</param>
    /// <param name="codeFee">The code fee the rule deducts.</param>
    /// <param name="codeFeeCharged">The code fee actually charged.</param>
    /// <param name="retainedBySeller">The share of the covered money that goes to the seller.</param>
    /// <param name="source">Where the refund is paid from.</param>
    /// <param name="isAutomatic">Whether the platform processes it without the seller.</param>
    /// <param name="voidsUnusedCodes">Whether the unused codes become void.</param>
    /// <param name="requestedAt">When it was requested.</param>
    /// <param name="dueBy">The processing deadline.</param>
    /// <param name="cappedAtAmountPaid">Whether the amount was capped at what the buyer paid.</param>
    /// <param name="assumptions">The SDK assumptions that applied.</param>
    /// <returns>The refund.</returns>
    public static VoucherRefund VoucherRefund(VoucherRefundKind kind, decimal amount, string ruleId = "", string formula = "", decimal? unitPrice = null,
        int? units = null, decimal? ratio = null, decimal? grossAmount = null, decimal codeFee = 0m, decimal codeFeeCharged = 0m, decimal retainedBySeller = 0m,
        RefundSource source = default, bool isAutomatic = false, bool voidsUnusedCodes = false, DateTimeOffset? requestedAt = null, DateTimeOffset? dueBy = null,
        bool cappedAtAmountPaid = false, IReadOnlyList<string>? assumptions = null)
        => new()
        {
            Kind = kind,
            RuleId = ruleId,
            Formula = formula,
            UnitPrice = unitPrice,
            Units = units,
            Ratio = ratio,
            GrossAmount = grossAmount ?? amount + codeFeeCharged,
            CodeFee = codeFee,
            CodeFeeCharged = codeFeeCharged,
            Amount = amount,
            RetainedBySeller = retainedBySeller,
            Source = source,
            IsAutomatic = isAutomatic,
            VoidsUnusedCodes = voidsUnusedCodes,
            RequestedAt = requestedAt,
            DueBy = dueBy,
            CappedAtAmountPaid = cappedAtAmountPaid,
            Assumptions = assumptions ?? [],
        };

    /// <summary>Builds one money movement of a settlement schedule.</summary>
    /// <param name="at">When the money moves.</param>
    /// <param name="kind">Why.</param>
    /// <param name="recipient">Who receives it.</param>
    /// <param name="amount">How much.</param>
    /// <param name="units">The units it concerns.</param>
    /// <param name="ruleId">The rule.</param>
    /// <param name="description">The explanation.</param>
    /// <param name="fundedFrom">Where a buyer refund is paid from.</param>
    /// <param name="refund">The refund computation behind a buyer refund.</param>
    /// <returns>The entry.</returns>
    public static SettlementEntry SettlementEntry(DateTimeOffset at, SettlementEntryKind kind, SettlementParty recipient, decimal amount, int units = 0,
        string ruleId = "", string description = "", RefundSource fundedFrom = default, VoucherRefund? refund = null)
        => new(at, kind, recipient, amount, units, ruleId, description, fundedFrom, refund);

    /// <summary>Builds a settlement schedule; the totals are those of <paramref name="entries"/>.</summary>
    /// <param name="request">The order, send time, terms and expiry the schedule is for.</param>
    /// <param name="entries">The money movements, in time order.</param>
    /// <param name="tPlusNDueAt">In T+N mode, the T+N payout time.</param>
    /// <param name="heldByPlatform">Money still held by the platform.</param>
    /// <param name="redeemedUnits">Units redeemed.</param>
    /// <param name="refundedUnits">Units refunded.</param>
    /// <param name="expiredUnits">Units expired.</param>
    /// <param name="outstandingUnits">Units neither redeemed, refunded nor expired.</param>
    /// <returns>The schedule.</returns>
    public static VoucherSettlementSchedule VoucherSettlementSchedule(VoucherSettlementRequest request, IEnumerable<SettlementEntry> entries,
        DateTimeOffset? tPlusNDueAt = null, decimal heldByPlatform = 0m, int redeemedUnits = 0, int refundedUnits = 0, int expiredUnits = 0, int outstandingUnits = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(entries);
        return new(request, tPlusNDueAt, entries.ToArray(), heldByPlatform, redeemedUnits, refundedUnits, expiredUnits, outstandingUnits);
    }
}
