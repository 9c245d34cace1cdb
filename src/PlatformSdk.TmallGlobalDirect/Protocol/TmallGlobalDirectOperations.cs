using PlatformSdk.Http;
using PlatformSdk.Top;

namespace PlatformSdk.TmallGlobalDirect.Protocol;

/// <summary>
/// The callback APIs with their idempotency (docs/tmall-global-direct.md "Callbacks"). The idempotency decides what the pipeline
/// retries: idempotent writes on transient failures and after a lost reply, non-idempotent writes only when provably not sent.
/// </summary>
internal static class TmallGlobalDirectOperations
{
    private const string Platform = TmallGlobalDirectServiceNames.Platform;

    /// <summary><c>consignorder.notify.received</c>: acknowledges one order; a repeat acknowledges the same order.</summary>
    public static TopOperation NotifyReceived { get; } = new("alibaba.ascp.uop.supplier.consignorder.notify.received", OperationIdempotency.IdempotentWrite, Platform);

    /// <summary><c>consignorder.ship</c>: <c>out_biz_id</c> is its idempotency key, sent unchanged on every retry.</summary>
    public static TopOperation Ship { get; } = new("alibaba.ascp.uop.supplier.consignorder.ship", OperationIdempotency.IdempotentWrite, Platform);

    /// <summary><c>consignorder.cancel.feedback</c>: reports one decision; a repeat reports the same fact.</summary>
    public static TopOperation CancelFeedback { get; } = new("alibaba.ascp.uop.supplier.consignorder.cancel.feedback", OperationIdempotency.IdempotentWrite, Platform);

    /// <summary><c>consignorder.outofstock.callback</c>: keyed by <c>out_biz_id</c>.</summary>
    public static TopOperation OutOfStock { get; } = new("alibaba.ascp.uop.supplier.consignorder.outofstock.callback", OperationIdempotency.IdempotentWrite, Platform);

    /// <summary><c>consignorder.notify.tms.change</c>: after a first change the old number no longer matches, so a blind repeat is not safe.</summary>
    public static TopOperation WaybillChange { get; } = new("alibaba.ascp.uop.supplier.consignorder.notify.tms.change", OperationIdempotency.NonIdempotentWrite, Platform);

    /// <summary><c>reverseorder.instorage.feedback</c>: reports one return's inbound result; a repeat reports the same fact.</summary>
    public static TopOperation ReturnInbound { get; } = new("alibaba.ascp.uop.supplier.reverseorder.instorage.feedback", OperationIdempotency.IdempotentWrite, Platform);

    /// <summary><c>aicinventory.publish</c> with <c>FULLAMOUNT</c>: sets a total, so a repeat sets the same total.</summary>
    public static TopOperation InventoryFullAmount { get; } = new("alibaba.ascp.aic.supplier.aicinventory.publish", OperationIdempotency.IdempotentWrite, Platform);

    /// <summary><c>aicinventory.publish</c> with <c>INCREMENT</c>: dedup by operation id is not documented, so a repeat may add twice.</summary>
    public static TopOperation InventoryIncrement { get; } = new("alibaba.ascp.aic.supplier.aicinventory.publish", OperationIdempotency.NonIdempotentWrite, Platform);
}
