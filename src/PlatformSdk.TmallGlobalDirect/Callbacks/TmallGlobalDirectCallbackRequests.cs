using PlatformSdk.TmallGlobalDirect.Push;

namespace PlatformSdk.TmallGlobalDirect.Callbacks;

/// <summary>What every callback names: the shop whose TOP session is sent and the supplier (docs/protocols/tmall-global-direct.md §4).</summary>
public abstract class TmallGlobalDirectCallbackRequest
{
    /// <summary>
    /// The shop (the seller name under <c>TopOptions.Sellers</c>) whose session is sent; <see langword="null"/> for
    /// <see cref="TmallGlobalDirectOptions.Shop"/>.
    /// </summary>
    public string? Shop { get; init; }

    /// <summary>The supplier id (<c>supplier_id</c>); <see langword="null"/> for <see cref="TmallGlobalDirectOptions.SupplierId"/>.</summary>
    public string? SupplierId { get; init; }

    /// <summary><c>business_model</c> as the push sent it (<c>businessModel</c>), or <see langword="null"/> to leave it out.</summary>
    public string? BusinessModel { get; init; }
}

/// <summary>Acknowledges a pushed order (<c>consignorder.notify.received</c>, 接单回告). Send it after the inbox stored the order.</summary>
public sealed class ConsignOrderReceivedRequest : TmallGlobalDirectCallbackRequest
{
    /// <summary>The fulfilment order (<c>biz_order_code</c>, the push's <c>bizOrderCode</c>).</summary>
    public required string BizOrderCode { get; init; }

    /// <summary>When the ERP received it (<c>biz_time</c>); <see langword="null"/> for now.</summary>
    public DateTimeOffset? BizTime { get; init; }
}

/// <summary>One line of a shipment: a line of the pushed order and the quantity shipped.</summary>
public sealed class ConsignOrderShipLine
{
    /// <summary>The order line (<c>sub_order_code</c>, the push's <c>subOrderCode</c>).</summary>
    public required string SubOrderCode { get; init; }

    /// <summary>The platform's goods id (<c>sc_item_id</c>).</summary>
    public required string ScItemId { get; init; }

    /// <summary>The quantity shipped (<c>item_quantity</c>); the whole line's quantity, since only whole orders ship.</summary>
    public int Quantity { get; init; }
}

/// <summary>One parcel of a shipment (<c>tms_orders[]</c>).</summary>
public sealed class ConsignOrderPackage
{
    /// <summary>The waybill number (<c>tms_order_code</c>).</summary>
    public required string WaybillNumber { get; init; }

    /// <summary>
    /// The carrier's code (<c>tms_service_code</c>) as <c>taobao.logistics.companies.get</c> lists it (<c>SF</c>, <c>YUNDA</c>,
    /// <c>ZTO</c>): letters, digits, <c>_</c> and <c>-</c>.
    /// </summary>
    public required string CarrierCode { get; init; }

    /// <summary>The carrier's name (<c>tms_service_name</c>), optional.</summary>
    public string? CarrierName { get; init; }

    /// <summary>What the parcel holds (<c>tms_items[]</c>); together the parcels hold every unit of the order.</summary>
    public IReadOnlyList<ConsignOrderShipLine> Lines { get; init; } = [];
}

/// <summary>
/// The shipment of a whole fulfilment order (<c>consignorder.ship</c>). The platform accepts whole-order shipments only
/// ("目前只支持履约单整单发货回传"), so a request that leaves a unit out is refused before it is sent.
/// </summary>
public sealed class ConsignOrderShipRequest : TmallGlobalDirectCallbackRequest
{
    /// <summary>The fulfilment order (<c>biz_order_code</c>).</summary>
    public required string BizOrderCode { get; init; }

    /// <summary>
    /// The idempotency key (<c>out_biz_id</c>): one per shipment, kept by the ERP and sent again unchanged on every retry, so a
    /// repeat is recognised by the platform and ships nothing twice.
    /// </summary>
    public required string OutBizId { get; init; }

    /// <summary>The warehouse code (<c>store_code</c>, the push's <c>storeCode</c>).</summary>
    public required string StoreCode { get; init; }

    /// <summary>The warehouse name (<c>store_name</c>), optional.</summary>
    public string? StoreName { get; init; }

    /// <summary>The order's lines as shipped (<c>order_items[]</c>).</summary>
    public IReadOnlyList<ConsignOrderShipLine> Lines { get; init; } = [];

    /// <summary>The parcels (<c>tms_orders[]</c>); at least one.</summary>
    public IReadOnlyList<ConsignOrderPackage> Packages { get; init; } = [];

    /// <summary>
    /// The order as it was pushed, when the ERP kept it: the lines are then compared with its lines, unit for unit, so a partial
    /// shipment is refused. Without it the lines are checked against the parcels only.
    /// </summary>
    public ConsignOrderNotify? Order { get; init; }

    /// <summary>The latest ship time the platform promised the consumer (RTGD-06), if known: after it the shipment is refused.</summary>
    public DateTimeOffset? LatestShipTime { get; init; }
}

/// <summary>Where the ERP's warehouse stands with an order when a cancel (intercept) instruction arrives (RTGD-08).</summary>
public enum ConsignOrderWarehouseStatus
{
    /// <summary>Not yet released to the warehouse (awaiting review): the order can be intercepted.</summary>
    AwaitingReview = 0,

    /// <summary>Released to the warehouse: too late to intercept.</summary>
    ReleasedToWarehouse = 1,

    /// <summary>Shipped: only the reverse (return) flow applies.</summary>
    Shipped = 2,
}

/// <summary>Reports the outcome of a cancel instruction (<c>consignorder.cancel.feedback</c>).</summary>
public sealed class ConsignOrderCancelFeedbackRequest : TmallGlobalDirectCallbackRequest
{
    /// <summary>The fulfilment order (<c>biz_order_code</c>).</summary>
    public required string BizOrderCode { get; init; }

    /// <summary>Whether the order was intercepted (<c>cancel_result</c>).</summary>
    public bool Cancelled { get; init; }

    /// <summary>Why it could not be intercepted (<c>cancel_reason</c>); required when <see cref="Cancelled"/> is false.</summary>
    public string? Reason { get; init; }

    /// <summary>When the ERP decided (<c>biz_time</c>); <see langword="null"/> for now.</summary>
    public DateTimeOffset? BizTime { get; init; }
}

/// <summary>One short line of an out-of-stock report.</summary>
public sealed class ConsignOrderOutOfStockLine
{
    /// <summary>The order line (<c>sub_order_code</c>).</summary>
    public required string SubOrderCode { get; init; }

    /// <summary>The platform's goods id (<c>sc_item_id</c>), optional.</summary>
    public string? ScItemId { get; init; }

    /// <summary>How many units are missing (<c>lack_quantity</c>); at least 1.</summary>
    public int LackQuantity { get; init; }
}

/// <summary>Reports that an order cannot be filled (<c>consignorder.outofstock.callback</c>).</summary>
public sealed class ConsignOrderOutOfStockRequest : TmallGlobalDirectCallbackRequest
{
    /// <summary>The fulfilment order (<c>biz_order_code</c>).</summary>
    public required string BizOrderCode { get; init; }

    /// <summary>The idempotency key (<c>out_biz_id</c>), the same on every retry.</summary>
    public required string OutBizId { get; init; }

    /// <summary>The short lines (<c>out_of_stock_items[]</c>); at least one.</summary>
    public IReadOnlyList<ConsignOrderOutOfStockLine> Lines { get; init; } = [];

    /// <summary>Why (<c>out_of_stock_reason</c>), optional.</summary>
    public string? Reason { get; init; }
}

/// <summary>Replaces one waybill number of a shipped order (<c>consignorder.notify.tms.change</c>).</summary>
public sealed class ConsignOrderWaybillChangeRequest : TmallGlobalDirectCallbackRequest
{
    /// <summary>The fulfilment order (<c>biz_order_code</c>).</summary>
    public required string BizOrderCode { get; init; }

    /// <summary>The waybill number sent with the shipment (<c>old_tms_order_code</c>).</summary>
    public required string OldWaybillNumber { get; init; }

    /// <summary>The carrier code sent with the shipment (<c>old_tms_service_code</c>).</summary>
    public required string OldCarrierCode { get; init; }

    /// <summary>The new waybill number (<c>new_tms_order_code</c>); differs from the old one.</summary>
    public required string NewWaybillNumber { get; init; }
}

/// <summary>The stock type of goods taken back in (<c>storage_type</c>).</summary>
public enum ReturnInboundStorageType
{
    /// <summary>Sellable (正品, <c>1</c>).</summary>
    Sellable = 1,

    /// <summary>Defective (残次品, <c>101</c>).</summary>
    Defective = 101,
}

/// <summary>How many units of a return line went into one stock type (<c>instorage_details[]</c>).</summary>
public sealed class ReturnInboundDetail
{
    /// <summary>The units (<c>received_quantity</c>).</summary>
    public int Quantity { get; init; }

    /// <summary>The stock type (<c>storage_type</c>).</summary>
    public ReturnInboundStorageType StorageType { get; init; } = ReturnInboundStorageType.Sellable;
}

/// <summary>One line of a return inbound report.</summary>
public sealed class ReturnInboundLine
{
    /// <summary>The return order's line (<c>sub_order_code</c>).</summary>
    public required string SubOrderCode { get; init; }

    /// <summary>The platform's goods id (<c>sc_item_id</c>).</summary>
    public required string ScItemId { get; init; }

    /// <summary>The units expected back (the push's <c>planReturnQuantity</c>), when the request carries no <see cref="ReturnInboundRequest.ReturnOrder"/>.</summary>
    public int? PlannedQuantity { get; init; }

    /// <summary>The units taken in (<c>actual_received_quantity</c>).</summary>
    public int ReceivedQuantity { get; init; }

    /// <summary>The units missing (<c>actual_lack_quantity</c>); a full report has none (RTGD-05).</summary>
    public int LackQuantity { get; init; }

    /// <summary>The units per stock type (<c>instorage_details[]</c>); empty for all of them sellable. They add up to <see cref="ReceivedQuantity"/>.</summary>
    public IReadOnlyList<ReturnInboundDetail> Details { get; init; } = [];
}

/// <summary>A party of a return (<c>receiver_info</c>: the merchant's warehouse; <c>sender_info</c>: the consumer).</summary>
public sealed class ReturnInboundParty
{
    /// <summary>The name (<c>…_name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The country (<c>…_country</c>).</summary>
    public required string Country { get; init; }

    /// <summary>The province (<c>…_province</c>).</summary>
    public required string Province { get; init; }

    /// <summary>The city (<c>…_city</c>).</summary>
    public required string City { get; init; }

    /// <summary>The postal code (<c>…_zip_code</c>).</summary>
    public required string ZipCode { get; init; }

    /// <summary>The district (<c>…_area</c>), optional.</summary>
    public string? Area { get; init; }

    /// <summary>The street address (<c>…_address</c>), optional.</summary>
    public string? Address { get; init; }

    /// <summary>The mobile number (<c>…_mobile</c>), optional.</summary>
    public string? Mobile { get; init; }
}

/// <summary>
/// The inbound result of a return order (<c>reverseorder.instorage.feedback</c>; RTGD-05): the platform refunds the consumer
/// after it. Only a report covering the whole return is accepted by the rules, so a short one is refused before it is sent.
/// </summary>
public sealed class ReturnInboundRequest : TmallGlobalDirectCallbackRequest
{
    /// <summary>The return order (<c>biz_order_code</c>, the push's <c>bizOrderCode</c>, 逆向履约单号).</summary>
    public required string BizOrderCode { get; init; }

    /// <summary>When the goods were taken in (<c>instorage_time</c>).</summary>
    public DateTimeOffset InStorageTime { get; init; }

    /// <summary>The warehouse code (<c>store_code</c>).</summary>
    public required string StoreCode { get; init; }

    /// <summary>The merchant's warehouse (<c>receiver_info</c>).</summary>
    public required ReturnInboundParty Receiver { get; init; }

    /// <summary>The consumer (<c>sender_info</c>).</summary>
    public required ReturnInboundParty Sender { get; init; }

    /// <summary>The lines (<c>order_items[]</c>); at least one.</summary>
    public IReadOnlyList<ReturnInboundLine> Lines { get; init; } = [];

    /// <summary>The return order as it was pushed, when kept: every line of it must be reported in full.</summary>
    public ReverseOrderInStorageNotify? ReturnOrder { get; init; }

    /// <summary><c>out_biz_id</c>, optional; <see langword="null"/> for the pushed <see cref="ReverseOrderInStorageNotify.OutBizId"/>.</summary>
    public string? OutBizId { get; init; }

    /// <summary>The return carrier's code (<c>tms_service_code</c>), optional.</summary>
    public string? CarrierCode { get; init; }

    /// <summary>The return waybill number (<c>tms_order_code</c>), optional.</summary>
    public string? WaybillNumber { get; init; }
}

/// <summary>How an inventory publish is read (<c>inv_operate_mode</c>).</summary>
public enum AicInventoryMode
{
    /// <summary>The quantity is the new total (<c>FULLAMOUNT</c>); repeating it sets the same total.</summary>
    FullAmount = 0,

    /// <summary>The quantity is added to the current one (<c>INCREMENT</c>); repeating it adds again.</summary>
    Increment = 1,
}

/// <summary>One goods item's stock in one warehouse.</summary>
public sealed class AicInventoryLine
{
    /// <summary>The warehouse code (<c>location.store_code</c>).</summary>
    public required string StoreCode { get; init; }

    /// <summary>The platform's goods id (<c>item.sc_item_id</c>); this or <see cref="OuterId"/>.</summary>
    public string? ScItemId { get; init; }

    /// <summary>The supplier's item code (<c>item.outer_id</c>); this or <see cref="ScItemId"/>.</summary>
    public string? OuterId { get; init; }

    /// <summary>The quantity (<c>inventory_line.quantity</c>): the total for <see cref="AicInventoryMode.FullAmount"/>, a non-zero change for <see cref="AicInventoryMode.Increment"/>.</summary>
    public long Quantity { get; init; }

    /// <summary>
    /// What the platform has reserved for orders of this item, when the ERP knows it (RTGD-09): a total below it is refused before it
    /// is sent, because the platform refuses it with <c>系统异常,可售库存不足</c>.
    /// </summary>
    public long? ReservedQuantity { get; init; }

    /// <summary>The line's operation id (<c>detail_order.operation_detail_order_id</c>).</summary>
    public required string OperationDetailOrderId { get; init; }
}

/// <summary>Publishes stock (<c>alibaba.ascp.aic.supplier.aicinventory.publish</c>).</summary>
public sealed class AicInventoryPublishRequest : TmallGlobalDirectCallbackRequest
{
    /// <summary>Total or change.</summary>
    public AicInventoryMode Mode { get; init; } = AicInventoryMode.FullAmount;

    /// <summary>The operation id (<c>main_order.operation_order_id</c>).</summary>
    public required string OperationOrderId { get; init; }

    /// <summary>The merchant's user id (<c>main_order.user_id</c>, 商家Uic_id), optional.</summary>
    public string? UserId { get; init; }

    /// <summary>The lines; at least one.</summary>
    public IReadOnlyList<AicInventoryLine> Lines { get; init; } = [];
}
