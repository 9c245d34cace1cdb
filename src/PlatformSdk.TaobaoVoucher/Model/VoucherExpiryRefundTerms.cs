using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>
/// The item's expiry refund option as data (过期退款, RTV-08): whether it is enabled, the seller's ratio and the
/// category minimum. When enabled, expired units are refunded at the ratio minus the 1 CNY code fee; when not
/// enabled and the order is redeem-then-pay, unredeemed money goes to the seller. The refund calculators apply it.
/// </summary>
public sealed record VoucherExpiryRefundTerms
{
    /// <summary>The code fee deducted from a formula refund and paid to the seller: 1 CNY (RTV-08).</summary>
    public const decimal CodeFee = 1m;

    private VoucherExpiryRefundTerms(bool enabled, decimal ratio, decimal? categoryMinimumRatio)
    {
        Enabled = enabled;
        Ratio = ratio;
        CategoryMinimumRatio = categoryMinimumRatio;
    }

    /// <summary>The option is not enabled.</summary>
    public static VoucherExpiryRefundTerms Disabled { get; } = new(false, 0m, null);

    /// <summary>Whether expired units are refunded to the buyer.</summary>
    public bool Enabled { get; }

    /// <summary>The refund ratio as a fraction (0.8 = 80%); 0 when disabled.</summary>
    public decimal Ratio { get; }

    /// <summary>The category's minimum ratio when the category sets one.</summary>
    public decimal? CategoryMinimumRatio { get; }

    /// <summary>The enabled option, validated against RTV-08.</summary>
    /// <param name="ratio">The seller's ratio as a fraction: greater than 0, at most 1 (100%).</param>
    /// <param name="categoryMinimumRatio">The category's minimum, if it sets one: a fraction in (0, 1]; the ratio must not be lower.</param>
    /// <returns>The terms.</returns>
    /// <exception cref="PlatformValidationException">A ratio breaks RTV-08.</exception>
    public static VoucherExpiryRefundTerms Enable(decimal ratio, decimal? categoryMinimumRatio = null)
    {
        var guard = new ValidationGuard(VoucherOrder.Platform);
        if (categoryMinimumRatio is { } min && (min <= 0m || min > 1m))
        {
            guard.Fail("expiryRefund.categoryMinimumRatio", min.ToString(CultureInfo.InvariantCulture), "RTV-08",
                "a category minimum is a fraction greater than 0 and at most 1 (100%).");
        }

        if (ratio <= 0m || ratio > 1m)
        {
            guard.Fail("expiryRefund.ratio", ratio.ToString(CultureInfo.InvariantCulture), "RTV-08",
                "the expiry refund ratio is a fraction greater than 0 and at most 1 (100%); to refund nothing, use Disabled.");
        }

        if (categoryMinimumRatio is { } minimum && ratio < minimum)
        {
            guard.Fail("expiryRefund.ratio", ratio.ToString(CultureInfo.InvariantCulture), "RTV-08",
                $"the category's minimum ratio is {minimum.ToString(CultureInfo.InvariantCulture)}; the seller's ratio must not be lower.");
        }

        return new VoucherExpiryRefundTerms(true, ratio, categoryMinimumRatio);
    }
}
