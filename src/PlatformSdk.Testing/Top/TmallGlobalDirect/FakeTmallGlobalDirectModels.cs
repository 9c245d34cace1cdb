namespace PlatformSdk.Testing.Top;

/// <summary>
/// The Tmall Global direct-supply callback APIs <see cref="FakeTmallGlobalDirectModule"/> serves. Each is also the route name of
/// the journal and of fault rules (<c>fake.Faults.For(FakeTmallGlobalDirectMethods.Ship)</c>).
/// </summary>
public static class FakeTmallGlobalDirectMethods
{
    /// <summary><c>alibaba.ascp.uop.supplier.consignorder.notify.received</c>: 接单回告.</summary>
    public const string NotifyReceived = "alibaba.ascp.uop.supplier.consignorder.notify.received";

    /// <summary><c>alibaba.ascp.uop.supplier.consignorder.ship</c>: whole-order shipment.</summary>
    public const string Ship = "alibaba.ascp.uop.supplier.consignorder.ship";

    /// <summary><c>alibaba.ascp.uop.supplier.consignorder.cancel.feedback</c>: intercept result.</summary>
    public const string CancelFeedback = "alibaba.ascp.uop.supplier.consignorder.cancel.feedback";

    /// <summary><c>alibaba.ascp.uop.supplier.consignorder.outofstock.callback</c>: out of stock.</summary>
    public const string OutOfStock = "alibaba.ascp.uop.supplier.consignorder.outofstock.callback";

    /// <summary><c>alibaba.ascp.uop.supplier.consignorder.notify.tms.change</c>: replace a waybill number.</summary>
    public const string WaybillChange = "alibaba.ascp.uop.supplier.consignorder.notify.tms.change";

    /// <summary><c>alibaba.ascp.uop.supplier.reverseorder.instorage.feedback</c>: return inbound result.</summary>
    public const string ReturnInbound = "alibaba.ascp.uop.supplier.reverseorder.instorage.feedback";

    /// <summary><c>alibaba.ascp.aic.supplier.aicinventory.publish</c>: stock.</summary>
    public const string InventoryPublish = "alibaba.ascp.aic.supplier.aicinventory.publish";

    /// <summary>Every method the module serves.</summary>
    public static IReadOnlyList<string> All { get; } = [NotifyReceived, Ship, CancelFeedback, OutOfStock, WaybillChange, ReturnInbound, InventoryPublish];
}

/// <summary>One line of an order the platform pushed (what the fake was told with <see cref="FakeTmallGlobalDirectModule.AddOrder"/>).</summary>
/// <param name="SubOrderCode">The line's <c>subOrderCode</c>.</param>
/// <param name="ScItemId">The goods id.</param>
/// <param name="Quantity">The quantity ordered.</param>
public sealed record FakeTmallGlobalDirectOrderLine(string SubOrderCode, string ScItemId, int Quantity);

/// <summary>One accepted shipment.</summary>
/// <param name="OutBizId">Its idempotency key.</param>
/// <param name="BizOrderCode">The order.</param>
/// <param name="Waybills">The waybill numbers, in the order sent (a waybill change replaces one).</param>
public sealed record FakeTmallGlobalDirectShipment(string OutBizId, string BizOrderCode, IReadOnlyList<string> Waybills);

/// <summary>A snapshot of a fake order.</summary>
/// <param name="BizOrderCode">The fulfilment order.</param>
/// <param name="Lines">Its lines.</param>
/// <param name="Acknowledged">Whether <c>notify.received</c> was called for it.</param>
/// <param name="Shipment">Its shipment, or <see langword="null"/>.</param>
/// <param name="CancelResult">The reported intercept result, or <see langword="null"/> when none was reported.</param>
/// <param name="CancelReason">The reported reason, if any.</param>
/// <param name="OutOfStockReported">Whether an out-of-stock report was accepted.</param>
public sealed record FakeTmallGlobalDirectOrder(
    string BizOrderCode,
    IReadOnlyList<FakeTmallGlobalDirectOrderLine> Lines,
    bool Acknowledged,
    FakeTmallGlobalDirectShipment? Shipment,
    bool? CancelResult,
    string? CancelReason,
    bool OutOfStockReported);
