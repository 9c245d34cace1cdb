using System.Globalization;
using System.Text;
using PlatformSdk.Money;
using PlatformSdk.TaobaoVoucher.Refunds;

namespace PlatformSdk.TaobaoVoucher.Settlement;

/// <summary>
/// The computed money flow of one voucher order: every payout to the seller and refund to the buyer in time
/// order, and the totals. Always <c><see cref="SellerNet"/> + <see cref="RefundedToBuyer"/> + <see cref="HeldByPlatform"/> = <see cref="VoucherOrderAmounts.AmountPaid"/></c>.
/// </summary>
public sealed class VoucherSettlementSchedule
{
    internal VoucherSettlementSchedule(VoucherSettlementRequest request, DateTimeOffset? tPlusNDueAt, IReadOnlyList<SettlementEntry> entries, decimal heldByPlatform, int redeemed, int refunded, int expired, int outstanding)
    {
        Order = request.Order;
        Terms = request.Terms;
        SentAt = request.SentAt;
        ExpiresAt = request.ExpiresAt;
        TPlusNDueAt = tPlusNDueAt;
        Entries = entries;
        HeldByPlatform = heldByPlatform;
        RedeemedUnits = redeemed;
        RefundedUnits = refunded;
        ExpiredUnits = expired;
        OutstandingUnits = outstanding;
        foreach (var entry in entries)
        {
            if (entry.Recipient == SettlementParty.Seller)
            {
                PaidToSeller += entry.Amount;
            }
            else
            {
                RefundedToBuyer += entry.Amount;
                if (entry.FundedFrom == RefundSource.SellerDeposit)
                {
                    DeductedFromSellerDeposit += entry.Amount;
                }
            }
        }

        Refunds = entries.Where(e => e.Refund is not null).Select(e => e.Refund!).ToArray();
    }

    /// <summary>The order.</summary>
    public VoucherOrderAmounts Order { get; }

    /// <summary>The terms used.</summary>
    public VoucherSettlementTerms Terms { get; }

    /// <summary>When the code was sent.</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>When the voucher expires, if given.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>In T+N mode, the T+N payout time (00:00 UTC+08:00 on the Nth calendar day after sending); otherwise <see langword="null"/>.</summary>
    public DateTimeOffset? TPlusNDueAt { get; }

    /// <summary>Every money movement in time order. Zero payouts are left out; refunds are always listed, even at 0.00.</summary>
    public IReadOnlyList<SettlementEntry> Entries { get; }

    /// <summary>The refund computations, in time order, including any that came to 0.00.</summary>
    public IReadOnlyList<VoucherRefund> Refunds { get; }

    /// <summary>Everything paid to the seller, code fees included.</summary>
    public decimal PaidToSeller { get; }

    /// <summary>Everything refunded to the buyer.</summary>
    public decimal RefundedToBuyer { get; }

    /// <summary>The part of <see cref="RefundedToBuyer"/> taken from the seller's deposit (refunds after a T+N payout).</summary>
    public decimal DeductedFromSellerDeposit { get; }

    /// <summary>What the seller ends up with: <see cref="PaidToSeller"/> − <see cref="DeductedFromSellerDeposit"/>.</summary>
    public decimal SellerNet => PaidToSeller - DeductedFromSellerDeposit;

    /// <summary>Money the platform still holds because units are outstanding (not redeemed, refunded or expired).</summary>
    public decimal HeldByPlatform { get; }

    /// <summary>Units redeemed.</summary>
    public int RedeemedUnits { get; }

    /// <summary>Units refunded before expiry.</summary>
    public int RefundedUnits { get; }

    /// <summary>Units that expired unredeemed.</summary>
    public int ExpiredUnits { get; }

    /// <summary>Units neither redeemed, refunded nor expired.</summary>
    public int OutstandingUnits { get; }

    /// <summary>A print-worthy, multi-line breakdown: the terms, one line per entry and the totals (times in UTC+08:00).</summary>
    /// <returns>The breakdown.</returns>
    public string Describe()
    {
        var text = new StringBuilder();
        var terms = Terms.Mode == SettlementMode.RedeemThenPay
            ? "redeem-then-pay (RTV-02)"
            : string.Create(CultureInfo.InvariantCulture, $"T+{Terms.PayoutDays} (RTV-03), due {VoucherRefund.FormatTime(TPlusNDueAt!.Value)}");
        var expiry = Terms.ExpiryRefund is { } option
            ? $"expiry refund option {option} (RTV-08)"
            : "no expiry refund option (RTV-08)";
        text.Append(CultureInfo.InvariantCulture, $"E-voucher order {Order.Quantity} × {Cny.Format(Order.UnitPrice)}, paid {Cny.Format(Order.AmountPaid)}; sent {VoucherRefund.FormatTime(SentAt)}; {terms}; {expiry}")
            .Append('\n');
        foreach (var entry in Entries)
        {
            text.Append("  ").Append(entry.ToString()).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture,
            $"Seller {Cny.Format(SellerNet)} (paid {Cny.Format(PaidToSeller)} − deposit {Cny.Format(DeductedFromSellerDeposit)}) + buyer refunded {Cny.Format(RefundedToBuyer)} + held {Cny.Format(HeldByPlatform)} = {Cny.Format(SellerNet + RefundedToBuyer + HeldByPlatform)}");
        text.Append(CultureInfo.InvariantCulture,
            $"; units: {RedeemedUnits} redeemed, {RefundedUnits} refunded, {ExpiredUnits} expired, {OutstandingUnits} outstanding");
        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}
