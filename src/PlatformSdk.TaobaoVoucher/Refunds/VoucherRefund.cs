using System.Globalization;
using System.Text;
using PlatformSdk.Money;

namespace PlatformSdk.TaobaoVoucher.Refunds;

/// <summary>
/// The outcome of one e-voucher refund computation: which rule and formula applied, the inputs, the amount the
/// buyer gets, the code fee and the share the seller keeps, the timing and the source of funds. Everything an
/// ERP needs to show the buyer why the refund is what it is; <see cref="Explain"/> renders it as one sentence.
/// </summary>
public sealed record VoucherRefund
{
    internal VoucherRefund()
    {
    }

    /// <summary>Which refund case applied.</summary>
    public VoucherRefundKind Kind { get; internal init; }

    /// <summary>The rule, for example <c>RTV-14(a)</c>.</summary>
    public string RuleId { get; internal init; } = string.Empty;

    /// <summary>The formula in words, for example <c>unredeemed × unit price × ratio − code fee</c>.</summary>
    public string Formula { get; internal init; } = string.Empty;

    /// <summary>The unit price used, for the formula cases; <see langword="null"/> otherwise.</summary>
    public decimal? UnitPrice { get; internal init; }

    /// <summary>The units the refund covers (unredeemed or expired count), for the formula cases; <see langword="null"/> otherwise.</summary>
    public int? Units { get; internal init; }

    /// <summary>The refund ratio used (fraction), for the formula cases; <see langword="null"/> otherwise.</summary>
    public decimal? Ratio { get; internal init; }

    /// <summary>
    /// The amount before the code fee: <c>units × unit price × ratio</c> rounded to the fen for the formula cases,
    /// the full, negotiated or claimed amount otherwise.
    /// </summary>
    public decimal GrossAmount { get; internal init; }

    /// <summary>The code fee the rule deducts (1.00 CNY for the formula cases, 0 otherwise).</summary>
    public decimal CodeFee { get; internal init; }

    /// <summary>The code fee actually charged: <c>min(<see cref="CodeFee"/>, <see cref="GrossAmount"/>)</c>. It goes to the seller (RTV-08).</summary>
    public decimal CodeFeeCharged { get; internal init; }

    /// <summary>What the buyer gets: <see cref="GrossAmount"/> − <see cref="CodeFeeCharged"/>; never negative, whole fen.</summary>
    public decimal Amount { get; internal init; }

    /// <summary>
    /// The share of the covered units' money that is not refunded and goes to the seller: <c>units × unit price − gross</c>
    /// for the formula cases (the "100% − ratio" part), the unconsumed balance minus the negotiated amount for
    /// <see cref="VoucherRefundKind.ReceivedNoReturn"/>, 0 otherwise.
    /// </summary>
    public decimal RetainedBySeller { get; internal init; }

    /// <summary>What the seller ends up with from the covered money: <see cref="CodeFeeCharged"/> + <see cref="RetainedBySeller"/>.</summary>
    public decimal SellerReceives => CodeFeeCharged + RetainedBySeller;

    /// <summary>Where the refund is paid from.</summary>
    public RefundSource Source { get; internal init; }

    /// <summary>True when the platform processes the refund without the seller (cases (a), (b) after the deadline, (c), (f)).</summary>
    public bool IsAutomatic { get; internal init; }

    /// <summary>True when all unused codes of the order become void once the refund is requested (case (a), and (b) as an SDK assumption).</summary>
    public bool VoidsUnusedCodes { get; internal init; }

    /// <summary>When the refund was requested, for the cases with a deadline.</summary>
    public DateTimeOffset? RequestedAt { get; internal init; }

    /// <summary>
    /// For <see cref="VoucherRefundKind.UnexpiredAutomatic"/>: the latest time the platform processes the refund (request + 24 h).
    /// For <see cref="VoucherRefundKind.UnexpiredManual"/>: the seller's deadline (request + 5 days), after which the system refunds.
    /// <see langword="null"/> for the other cases.
    /// </summary>
    public DateTimeOffset? DueBy { get; internal init; }

    /// <summary>True when the formula amount was reduced because the buyer paid less than the list price (see <see cref="VoucherOrderAmounts.AmountPaid"/>).</summary>
    public bool CappedAtAmountPaid { get; internal init; }

    /// <summary>Points where the platform's seller guide is silent and the SDK made a choice; empty when the rule is fully specified.</summary>
    public IReadOnlyList<string> Assumptions { get; internal init; } = [];

    /// <summary>
    /// A one-paragraph explanation for the buyer or an operator, for example
    /// <c>RTV-14(f) expired automatic refund: 1 × 50.00 × 80% = 40.00 − code fee 1.00 = 39.00 to the buyer; the seller receives 1.00 code fee + 10.00 not refunded.</c>
    /// </summary>
    /// <returns>The explanation (times shown in UTC+08:00).</returns>
    public string Explain()
    {
        var text = new StringBuilder();
        text.Append(RuleId).Append(' ').Append(Describe(Kind)).Append(": ");
        if (Units is { } units && UnitPrice is { } price && Ratio is { } ratio)
        {
            text.Append(units.ToString(CultureInfo.InvariantCulture)).Append(" × ").Append(Cny.Format(price))
                .Append(" × ").Append(VoucherRefundCalculator.FormatRatio(ratio))
                .Append(" = ").Append(Cny.Format(GrossAmount));
            if (CappedAtAmountPaid)
            {
                text.Append(" (capped at what the buyer paid)");
            }

            text.Append(" − code fee ").Append(Cny.Format(CodeFeeCharged));
            if (CodeFeeCharged < CodeFee)
            {
                text.Append(" (fee ").Append(Cny.Format(CodeFee)).Append(" limited to the amount)");
            }

            text.Append(" = ").Append(Cny.Format(Amount)).Append(" to the buyer; the seller receives ")
                .Append(Cny.Format(CodeFeeCharged)).Append(" code fee + ").Append(Cny.Format(RetainedBySeller)).Append(" not refunded");
        }
        else
        {
            text.Append(Cny.Format(Amount)).Append(" to the buyer");
            if (RetainedBySeller > 0m)
            {
                text.Append("; the seller keeps ").Append(Cny.Format(RetainedBySeller)).Append(" of the unconsumed balance");
            }
        }

        if (Source == RefundSource.SellerDeposit)
        {
            text.Append("; paid from the seller's deposit");
        }

        if (DueBy is { } due)
        {
            text.Append(Kind == VoucherRefundKind.UnexpiredManual
                ? "; the seller must act by "
                : "; processed automatically by ").Append(FormatTime(due));
            if (Kind == VoucherRefundKind.UnexpiredManual)
            {
                text.Append(", after which the system refunds");
            }
        }

        if (VoidsUnusedCodes)
        {
            text.Append("; all unused codes become void");
        }

        return text.Append('.').ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Explain();

    internal static string FormatTime(DateTimeOffset time)
        => time.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static string Describe(VoucherRefundKind kind) => kind switch
    {
        VoucherRefundKind.UnexpiredAutomatic => "unexpired automatic refund",
        VoucherRefundKind.UnexpiredManual => "unexpired manual refund",
        VoucherRefundKind.NotReceived => "not-received refund (full, no code fee)",
        VoucherRefundKind.ReceivedNoReturn => "received, no-return refund (negotiated)",
        VoucherRefundKind.AfterSale => "after-sale refund",
        VoucherRefundKind.ExpiredAutomatic => "expired automatic refund",
        _ => kind.ToString(),
    };
}
