using PlatformSdk.TaobaoVoucher.Refunds;
using PlatformSdk.TaobaoVoucher.Settlement;

namespace PlatformSdk.TaobaoVoucher;

/// <summary>
/// Applies <see cref="VoucherRefundCalculator"/> and <see cref="VoucherSettlementCalculator"/> (docs/refunds-and-settlement.md)
/// with the client's clock; no formula is repeated here.
/// </summary>
public class VoucherMoney
{
    private readonly TimeProvider _time;

    /// <summary>Creates the facade.</summary>
    /// <param name="timeProvider">The clock for "requested now".</param>
    public VoucherMoney(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <summary>A refund requested now before expiry (RTV-14 (a) automatic or (b) manual): unredeemed × unit price × ratio − 1.</summary>
    /// <param name="order">Unit price, quantity, amount paid.</param>
    /// <param name="redeemed">Units already redeemed.</param>
    /// <param name="unredeemed">Units refunded.</param>
    /// <param name="ratio">The refund ratio (0, 1].</param>
    /// <param name="automatic">Whether the category refunds automatically (24 h) or the seller has 5 days.</param>
    /// <returns>The refund, explained.</returns>
    public virtual VoucherRefund UnexpiredRefund(VoucherOrderAmounts order, int redeemed, int unredeemed, decimal ratio, bool automatic = true)
        => automatic
            ? VoucherRefundCalculator.UnexpiredAutomatic(order, redeemed, unredeemed, ratio, _time)
            : VoucherRefundCalculator.UnexpiredManual(order, redeemed, unredeemed, ratio, _time);

    /// <summary>The refund on expiry with the expiry refund option (RTV-14 (f), RTV-08).</summary>
    /// <param name="order">The order.</param>
    /// <param name="redeemed">Units redeemed.</param>
    /// <param name="expired">Units expired.</param>
    /// <param name="option">The seller's expiry refund option.</param>
    /// <returns>The refund.</returns>
    public virtual VoucherRefund ExpiredRefund(VoucherOrderAmounts order, int redeemed, int expired, ExpiryRefundOption option)
        => VoucherRefundCalculator.ExpiredAutomatic(order, redeemed, expired, option);

    /// <summary>A full refund when the code never arrived (RTV-14 (c)).</summary>
    /// <param name="order">The order.</param>
    /// <returns>The refund.</returns>
    public virtual VoucherRefund NotReceivedRefund(VoucherOrderAmounts order) => VoucherRefundCalculator.NotReceived(order);

    /// <summary>The payout schedule of an order (RTV-02, RTV-03, RTV-08).</summary>
    /// <param name="request">The order, send time, terms and events.</param>
    /// <returns>The schedule.</returns>
    public virtual VoucherSettlementSchedule Settle(VoucherSettlementRequest request) => VoucherSettlementCalculator.Compute(request);
}
