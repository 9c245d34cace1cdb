using PlatformSdk.TaobaoVoucher.Refunds;

namespace PlatformSdk.TaobaoVoucher.Settlement;

/// <summary>The settlement terms of a voucher item: mode, N for T+N, and the expiry refund option (RTV-02, RTV-03, RTV-08).</summary>
public sealed class VoucherSettlementTerms
{
    /// <summary>The default T+N delay in calendar days: 3 ("现阶段t+n即t+3").</summary>
    public const int DefaultPayoutDays = 3;

    /// <summary>The settlement mode; <see cref="SettlementMode.RedeemThenPay"/> by default, as on the platform.</summary>
    public SettlementMode Mode { get; init; } = SettlementMode.RedeemThenPay;

    /// <summary>N in T+N, in calendar days of the UTC+08:00 calendar (1–90); used only in <see cref="SettlementMode.TPlusN"/>.</summary>
    public int PayoutDays { get; init; } = DefaultPayoutDays;

    /// <summary>What an early redemption releases in T+N mode; <see cref="TPlusNEarlyPayout.WholeOrder"/> by default (the seller guide's wording).</summary>
    public TPlusNEarlyPayout EarlyPayout { get; init; } = TPlusNEarlyPayout.WholeOrder;

    /// <summary>The item's expiry refund option, or <see langword="null"/> when the option is not enabled.</summary>
    public ExpiryRefundOption? ExpiryRefund { get; init; }

    /// <summary>Redeem-then-pay terms.</summary>
    /// <param name="expiryRefund">The expiry refund option, or <see langword="null"/> when not enabled.</param>
    /// <returns>The terms.</returns>
    public static VoucherSettlementTerms RedeemThenPay(ExpiryRefundOption? expiryRefund = null)
        => new() { Mode = SettlementMode.RedeemThenPay, ExpiryRefund = expiryRefund };

    /// <summary>T+N terms.</summary>
    /// <param name="payoutDays">N in calendar days (default 3).</param>
    /// <param name="expiryRefund">The expiry refund option, or <see langword="null"/> when not enabled.</param>
    /// <param name="earlyPayout">What an early redemption releases.</param>
    /// <returns>The terms.</returns>
    public static VoucherSettlementTerms TPlusN(int payoutDays = DefaultPayoutDays, ExpiryRefundOption? expiryRefund = null, TPlusNEarlyPayout earlyPayout = TPlusNEarlyPayout.WholeOrder)
        => new() { Mode = SettlementMode.TPlusN, PayoutDays = payoutDays, ExpiryRefund = expiryRefund, EarlyPayout = earlyPayout };
}
