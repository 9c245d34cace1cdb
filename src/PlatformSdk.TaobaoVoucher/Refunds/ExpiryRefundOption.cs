using System.Globalization;
using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Refunds;

/// <summary>
/// The item's expiry refund option (过期退款, rule RTV-08): on expiry the buyer is refunded the expired units
/// at <see cref="Ratio"/>, minus the 1 CNY code fee that goes to the seller. Create one only when the option
/// is enabled; "not enabled" is represented by <see langword="null"/> wherever an option is accepted.
/// </summary>
public sealed class ExpiryRefundOption
{
    /// <summary>Creates the option and validates the ratio against the platform's bounds.</summary>
    /// <param name="ratio">The refund ratio as a fraction (0.8 = 80%): greater than 0, at most 1 (100%).</param>
    /// <param name="categoryMinimumRatio">The minimum ratio the item's category sets for automatic expiry refunds, if it sets one (a fraction in (0, 1]).</param>
    /// <exception cref="PlatformValidationException">The ratio is above 100%, not positive, or below the category minimum.</exception>
    public ExpiryRefundOption(decimal ratio, decimal? categoryMinimumRatio = null)
    {
        var guard = new ValidationGuard(VoucherRefundCalculator.Platform);
        if (categoryMinimumRatio is { } min && (min <= 0m || min > 1m))
        {
            guard.Fail("expiryRefund.categoryMinimumRatio", min.ToString(CultureInfo.InvariantCulture), "RTV-08",
                "a category minimum ratio is a fraction greater than 0 and at most 1 (100%).");
        }

        if (ratio > 1m)
        {
            guard.Fail("expiryRefund.ratio", ratio.ToString(CultureInfo.InvariantCulture), "RTV-08",
                "the expiry refund ratio must not exceed 100% (1.0).");
        }

        if (ratio <= 0m)
        {
            guard.Fail("expiryRefund.ratio", ratio.ToString(CultureInfo.InvariantCulture), "RTV-08",
                "the expiry refund ratio must be greater than 0; to refund nothing, do not enable the expiry refund option.");
        }

        if (categoryMinimumRatio is { } minimum && ratio < minimum)
        {
            guard.Fail("expiryRefund.ratio", ratio.ToString(CultureInfo.InvariantCulture), "RTV-08",
                $"the category sets a minimum expiry refund ratio of {VoucherRefundCalculator.FormatRatio(minimum)}; the seller's ratio must not be lower.");
        }

        Ratio = ratio;
        CategoryMinimumRatio = categoryMinimumRatio;
    }

    /// <summary>The refund ratio as a fraction (0.8 = 80%).</summary>
    public decimal Ratio { get; }

    /// <summary>The category's minimum ratio, when the category sets one.</summary>
    public decimal? CategoryMinimumRatio { get; }

    /// <summary>Returns the ratio as a percentage, for example <c>80%</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => VoucherRefundCalculator.FormatRatio(Ratio);
}
