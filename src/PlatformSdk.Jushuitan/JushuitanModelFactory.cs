using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Models.Billing;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Push;

namespace PlatformSdk.Jushuitan;

/// <summary>
/// Builds Jushuitan results for tests that mock <see cref="JushuitanClient"/> (the Azure SDK's <c>ModelFactory</c> pattern). Every
/// Jushuitan result also has public init-only properties; these methods only spare the required ones.
/// </summary>
public static class JushuitanModelFactory
{
    /// <summary>Builds the outcome of uploading one order.</summary>
    /// <param name="shopId">The shop id.</param>
    /// <param name="soId">The online order number.</param>
    /// <param name="isSuccess">Whether Jushuitan accepted it.</param>
    /// <param name="oId">The ERP order id.</param>
    /// <param name="message">Jushuitan's message.</param>
    /// <param name="error">The classified error of a failed order.</param>
    /// <param name="verification">What the post-upload check found.</param>
    /// <param name="erpStatus">The ERP status found by the check.</param>
    /// <param name="remedy">What to do.</param>
    /// <returns>The result.</returns>
    public static JushuitanOrderUploadResult OrderUploadResult(long shopId, string soId, bool isSuccess = true, long? oId = null, string? message = null,
        PlatformError? error = null, JushuitanUploadVerification verification = default, JushuitanOrderStatus? erpStatus = null, string? remedy = null)
        => new()
        {
            ShopId = shopId, SoId = soId, IsSuccess = isSuccess, OId = oId, Message = message, Error = error,
            Verification = verification, ErpStatus = erpStatus, Remedy = remedy,
        };

    /// <summary>Builds the outcome of an upload call.</summary>
    /// <param name="orders">One result per order, in input order.</param>
    /// <returns>The result.</returns>
    public static JushuitanUploadResult UploadResult(params JushuitanOrderUploadResult[] orders) => new(orders);

    /// <summary>Builds a tenant's call usage (<see cref="JushuitanClient.GetUsage"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="calls">Calls made.</param>
    /// <param name="freeCalls">Free calls in the contract.</param>
    /// <param name="estimatedCost">The estimated cost in CNY.</param>
    /// <returns>The usage.</returns>
    public static JushuitanUsage Usage(string tenant, long calls, long freeCalls = 0, decimal estimatedCost = 0m) => new(tenant, calls, freeCalls, estimatedCost);

    /// <summary>Builds a logistics (shipment) push, as <see cref="JushuitanPushHandler.ReadStoredMessage"/> returns it (RJST-05).</summary>
    /// <param name="soId">The online order number.</param>
    /// <param name="waybillNumber">The waybill number (<c>l_id</c>).</param>
    /// <param name="carrierCode">The carrier's code (<c>lc_id</c>).</param>
    /// <param name="shopId">The shop.</param>
    /// <param name="oId">The ERP order id.</param>
    /// <param name="carrierName">The carrier's name.</param>
    /// <param name="sendDate">When it was shipped.</param>
    /// <param name="lines">The lines shipped.</param>
    /// <returns>The push.</returns>
    public static JushuitanLogisticsPush LogisticsPush(string? soId, string? waybillNumber, string? carrierCode = null, long? shopId = null, long? oId = null,
        string? carrierName = null, DateTimeOffset? sendDate = null, IReadOnlyList<JushuitanLogisticsPushLine>? lines = null)
        => new()
        {
            Kind = JushuitanPushKinds.Logistics, SoId = soId, WaybillNumber = waybillNumber, CarrierCode = carrierCode, ShopId = shopId, OId = oId,
            CarrierName = carrierName, SendDate = sendDate, Lines = lines ?? [],
        };

    /// <summary>Builds an inventory push, as <see cref="JushuitanPushHandler.ReadStoredMessage"/> returns it (RJST-05).</summary>
    /// <param name="skuId">The SKU.</param>
    /// <param name="quantity">The quantity.</param>
    /// <param name="warehouseId">The warehouse (<c>wms_co_id</c>).</param>
    /// <param name="lockQuantity">The locked quantity.</param>
    /// <param name="modified">When the stock changed.</param>
    /// <returns>The push.</returns>
    public static JushuitanInventoryPush InventoryPush(string skuId, int quantity, string? warehouseId = null, int? lockQuantity = null, DateTimeOffset? modified = null)
        => new() { Kind = JushuitanPushKinds.Inventory, SkuId = skuId, Quantity = quantity, WarehouseId = warehouseId, LockQuantity = lockQuantity, Modified = modified };

    /// <summary>Builds the reply of <see cref="JushuitanPushHandler.HandleAsync"/> (RJST-05).</summary>
    /// <param name="outcome">What the handler did.</param>
    /// <param name="code">The reply's <c>code</c>; 0 acknowledges.</param>
    /// <param name="message">The reply's <c>msg</c>.</param>
    /// <param name="messageId">The inbox message id.</param>
    /// <returns>The reply.</returns>
    public static JushuitanPushReply PushReply(JushuitanPushOutcome outcome = JushuitanPushOutcome.Stored, int code = 0, string message = "", string? messageId = null)
        => JushuitanPushReply.Create(code, message, outcome, messageId);
}
