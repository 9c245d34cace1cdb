using System.Globalization;
using PlatformSdk.Money;
using PlatformSdk.TaobaoVoucher.Refunds;

namespace PlatformSdk.TaobaoVoucher.Settlement;

/// <summary>One money movement in a settlement schedule: who gets how much, when, and why.</summary>
public sealed class SettlementEntry
{
    internal SettlementEntry(DateTimeOffset at, SettlementEntryKind kind, SettlementParty recipient, decimal amount, int units, string ruleId, string description, RefundSource fundedFrom, VoucherRefund? refund)
    {
        At = at;
        Kind = kind;
        Recipient = recipient;
        Amount = amount;
        Units = units;
        RuleId = ruleId;
        Description = description;
        FundedFrom = fundedFrom;
        Refund = refund;
    }

    /// <summary>When the money moves (for refunds: the request or expiry time; the platform processes it within its window).</summary>
    public DateTimeOffset At { get; }

    /// <summary>Why the money moves.</summary>
    public SettlementEntryKind Kind { get; }

    /// <summary>Who receives the money.</summary>
    public SettlementParty Recipient { get; }

    /// <summary>The amount in yuan: whole fen, greater than zero except for a buyer refund that came to 0.00 (kept so the computation is visible).</summary>
    public decimal Amount { get; }

    /// <summary>The units the entry concerns.</summary>
    public int Units { get; }

    /// <summary>The rule, for example <c>RTV-03</c>.</summary>
    public string RuleId { get; }

    /// <summary>A short explanation.</summary>
    public string Description { get; }

    /// <summary>
    /// Where the money comes from: the buyer's payment held by the platform, or the seller's deposit for a refund
    /// after the order's money was already paid out (T+N).
    /// </summary>
    public RefundSource FundedFrom { get; }

    /// <summary>For <see cref="SettlementEntryKind.BuyerRefund"/>: the full refund computation; otherwise <see langword="null"/>.</summary>
    public VoucherRefund? Refund { get; }

    /// <summary>Returns one line, for example <c>2024-06-02 12:00 +08:00  seller     50.00  redemption of 1 unit (RTV-02)</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture,
            $"{VoucherRefund.FormatTime(At)}  {(Recipient == SettlementParty.Seller ? "seller" : "buyer "),-6} {Cny.Format(Amount),10}  {Description} ({RuleId})");
}
