namespace PlatformSdk.Testing.Top;

// Shortcuts to the e-voucher module, so callers written before modules existed keep working. New code can use Vouchers directly.
public sealed partial class FakeTopServer
{
    /// <summary>Snapshots of every voucher order; shortcut for <see cref="FakeVoucherModule.Orders"/> of <see cref="Vouchers"/>.</summary>
    public IReadOnlyList<FakeTopVoucherOrder> Orders => Vouchers.Orders;

    /// <summary>Snapshots of every send notice; shortcut for <see cref="FakeVoucherModule.Notices"/> of <see cref="Vouchers"/>.</summary>
    public IReadOnlyList<FakeTopNotice> Notices => Vouchers.Notices;

    /// <summary>A voucher order snapshot; shortcut for <see cref="FakeVoucherModule.GetOrder"/>.</summary>
    /// <param name="orderId">The order id.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    public FakeTopVoucherOrder? GetOrder(long orderId) => Vouchers.GetOrder(orderId);

    /// <summary>Creates a paid voucher order and its send notice; shortcut for <see cref="FakeVoucherModule.IssueNotice"/>.</summary>
    /// <param name="orderId">The order id; must be new.</param>
    /// <param name="seller">The seller nick.</param>
    /// <param name="units">The units bought.</param>
    /// <param name="buyerMobile">The buyer's mobile number.</param>
    /// <param name="validUntil">The end of validity (inclusive).</param>
    /// <param name="validFrom">The start of validity; now by default.</param>
    /// <param name="itemTitle">The item title.</param>
    /// <returns>The pending notice.</returns>
    public FakeTopNotice IssueNotice(
        long orderId,
        string seller,
        int units,
        string buyerMobile,
        DateTimeOffset validUntil,
        DateTimeOffset? validFrom = null,
        string itemTitle = FakeVoucherModule.DefaultItemTitle) =>
        Vouchers.IssueNotice(orderId, seller, units, buyerMobile, validUntil, validFrom, itemTitle);

    /// <summary>The buyer asks for the code again; shortcut for <see cref="FakeVoucherModule.RequestResend"/>.</summary>
    /// <param name="orderId">The order id.</param>
    /// <returns>The pending resend notice.</returns>
    public FakeTopNotice RequestResend(long orderId) => Vouchers.RequestResend(orderId);

    /// <summary>Refunds a voucher order; shortcut for <see cref="FakeVoucherModule.RefundOrder"/>.</summary>
    /// <param name="orderId">The order id.</param>
    public void RefundOrder(long orderId) => Vouchers.RefundOrder(orderId);
}
