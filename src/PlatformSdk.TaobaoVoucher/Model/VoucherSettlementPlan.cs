using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>
/// The order's settlement mode as data (RTV-02, RTV-03): redeem-then-pay (the default) or T+N with its N. The
/// settlement calculators of the package compute the payouts; this type only carries and validates the terms.
/// </summary>
public sealed record VoucherSettlementPlan
{
    /// <summary>The platform's current N for T+N: 3 days ("现阶段t+n即t+3").</summary>
    public const int DefaultPayoutDays = 3;

    private VoucherSettlementPlan(VoucherSettlementMode mode, int payoutDays)
    {
        Mode = mode;
        PayoutDays = payoutDays;
    }

    /// <summary>Redeem-then-pay (核销打款), the platform default.</summary>
    public static VoucherSettlementPlan RedeemThenPay { get; } = new(VoucherSettlementMode.RedeemThenPay, 0);

    /// <summary>The settlement mode.</summary>
    public VoucherSettlementMode Mode { get; }

    /// <summary>N in T+N, in calendar days after the code is sent; 0 for redeem-then-pay.</summary>
    public int PayoutDays { get; }

    /// <summary>T+N settlement (RTV-03).</summary>
    /// <param name="payoutDays">N in days, 1–90 (the platform uses 3 today).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="PlatformValidationException">N is outside 1–90.</exception>
    public static VoucherSettlementPlan TPlusN(int payoutDays = DefaultPayoutDays)
    {
        new ValidationGuard(VoucherOrder.Platform).InRange("settlement.payoutDays", payoutDays, 1, 90, "RTV-02");
        return new VoucherSettlementPlan(VoucherSettlementMode.TPlusN, payoutDays);
    }

    /// <summary>Returns <c>RedeemThenPay</c> or <c>T+3</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => Mode == VoucherSettlementMode.TPlusN ? "T+" + PayoutDays.ToString(CultureInfo.InvariantCulture) : "RedeemThenPay";
}
