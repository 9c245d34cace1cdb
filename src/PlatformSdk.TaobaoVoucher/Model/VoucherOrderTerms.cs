namespace PlatformSdk.TaobaoVoucher.Model;

/// <summary>What an e-voucher order is created from: the paid order's facts and its item's voucher settings.</summary>
public sealed class VoucherOrderTerms
{
    /// <summary>The Taobao order id (tid / outer_id).</summary>
    public required string OrderId { get; init; }

    /// <summary>The number of units bought; one code stands for all of them (RTV-12). At least 1.</summary>
    public required int Quantity { get; init; }

    /// <summary>The unit price in yuan (whole fen), kept for the refund and settlement calculators (RTV-14).</summary>
    public required decimal UnitPrice { get; init; }

    /// <summary>The buyer's mobile number, the only contact an e-voucher order carries (RTV-09).</summary>
    public required string Mobile { get; init; }

    /// <summary>
    /// The last instant the voucher can be redeemed (RTV-05); the order can be expired only after it. Give the
    /// platform's end of day explicitly, for example <c>2025-12-31T23:59:59+08:00</c>.
    /// </summary>
    public required DateTimeOffset ValidUntil { get; init; }

    /// <summary>The first instant the voucher can be redeemed, or <see langword="null"/> when redeemable at once.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>The settlement mode (RTV-02); redeem-then-pay by default.</summary>
    public VoucherSettlementPlan Settlement { get; init; } = VoucherSettlementPlan.RedeemThenPay;

    /// <summary>The item's expiry refund option (RTV-08); disabled by default.</summary>
    public VoucherExpiryRefundTerms ExpiryRefund { get; init; } = VoucherExpiryRefundTerms.Disabled;

    /// <summary>What the item offers (RTV-04); e-voucher only by default.</summary>
    public VoucherItemDelivery OfferedDelivery { get; init; } = VoucherItemDelivery.EVoucher;

    /// <summary>The buyer's pick when the item offers both (RTV-09); must be e-voucher for a voucher order.</summary>
    public VoucherDeliveryMethod? ChosenDelivery { get; init; }
}
