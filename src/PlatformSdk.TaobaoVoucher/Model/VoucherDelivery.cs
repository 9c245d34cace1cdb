using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>Delivery choice rules for voucher items (RTV-04, RTV-09).</summary>
public static class VoucherDelivery
{
    /// <summary>
    /// Resolves how an order is delivered: an item offering both e-voucher and mail needs the buyer's pick; an
    /// item offering one method uses it, and a pick of the other method is refused.
    /// </summary>
    /// <param name="offered">What the item offers (RTV-04).</param>
    /// <param name="chosen">The buyer's pick, or <see langword="null"/>.</param>
    /// <returns>The method of the order.</returns>
    /// <exception cref="PlatformValidationException">No pick for a both-ways item, or a pick the item does not offer.</exception>
    public static VoucherDeliveryMethod Resolve(VoucherItemDelivery offered, VoucherDeliveryMethod? chosen)
    {
        var guard = new ValidationGuard(VoucherOrder.Platform);
        return (offered, chosen) switch
        {
            (VoucherItemDelivery.EVoucherOrMail, null) => throw guard.Fail("delivery", null, "RTV-09",
                "the item supports both e-voucher and mail, so the buyer must pick one."),
            (VoucherItemDelivery.EVoucherOrMail, { } pick) => pick,
            (VoucherItemDelivery.EVoucher, null or VoucherDeliveryMethod.EVoucher) => VoucherDeliveryMethod.EVoucher,
            (VoucherItemDelivery.Mail, null or VoucherDeliveryMethod.Mail) => VoucherDeliveryMethod.Mail,
            _ => throw guard.Fail("delivery", chosen.ToString(), "RTV-04", $"the item offers only {offered}."),
        };
    }
}
