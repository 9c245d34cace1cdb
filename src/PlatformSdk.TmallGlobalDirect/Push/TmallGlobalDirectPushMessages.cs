namespace PlatformSdk.TmallGlobalDirect.Push;

/// <summary>The Qimen methods the platform pushes (docs/protocols/tmall-global-direct.md §2).</summary>
public static class TmallGlobalDirectPushMethods
{
    /// <summary>A fulfilment order to ship (发货通知).</summary>
    public const string ConsignOrderNotify = "qimen.alibaba.ascp.uop.consignorder.notify";

    /// <summary>An intercept instruction for an order not yet shipped (RTGD-08).</summary>
    public const string ConsignOrderCancel = "qimen.alibaba.ascp.uop.consignorder.cancel";

    /// <summary>A return order (销退单) the ERP is to take in (RTGD-05).</summary>
    public const string ReverseOrderInStorageNotify = "qimen.alibaba.ascp.uop.reverseorder.instorage.notify";
}

/// <summary>
/// A parsed push. The fields every ASCP push carries are here; each method's own fields are on its subclass. Derive from it to
/// handle a method this package does not know (<see cref="TmallGlobalDirectPushHandler.ParseMessage"/>).
/// </summary>
public abstract class TmallGlobalDirectPushMessage
{
    /// <summary>The Qimen method (<c>method</c> query parameter).</summary>
    public required string Method { get; init; }

    /// <summary>The fulfilment order code (<c>bizOrderCode</c>); for return orders the reverse order's code. With the method it identifies the push.</summary>
    public required string BizOrderCode { get; init; }

    /// <summary>The supplier (<c>supplierId</c>).</summary>
    public string? SupplierId { get; init; }

    /// <summary>The supplier's name (<c>supplierName</c>).</summary>
    public string? SupplierName { get; init; }

    /// <summary>The Qimen routing id (<c>customerId</c> query parameter).</summary>
    public string? CustomerId { get; init; }

    /// <summary><c>businessModel</c> as sent (<c>0</c> = merchant warehouse and delivery, <c>2</c> = merchant warehouse, Cainiao delivery).</summary>
    public string? BusinessModel { get; init; }

    /// <summary><c>sourcePlatformCode</c> as sent (<c>TMGJZY</c> = Tmall Global direct supply).</summary>
    public string? SourcePlatformCode { get; init; }

    /// <summary>Every top-level text field of the request as sent, the ones above included (nothing the platform adds is lost).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>An address block of a push (<c>receiverInfo</c>, <c>senderInfo</c>); the fields are named with the block's prefix (<c>receiverCity</c>).</summary>
public sealed class TmallGlobalDirectAddress
{
    /// <summary>The postal code (<c>…ZipCode</c>).</summary>
    public string? ZipCode { get; init; }

    /// <summary>The country (<c>…Country</c>).</summary>
    public string? Country { get; init; }

    /// <summary>The province (<c>…Province</c>).</summary>
    public string? Province { get; init; }

    /// <summary>The city (<c>…City</c>).</summary>
    public string? City { get; init; }

    /// <summary>The district (<c>…Area</c>).</summary>
    public string? Area { get; init; }

    /// <summary>Every field of the block as sent (names, phones and street lines are here under the platform's names).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>One line of a pushed order.</summary>
public sealed class ConsignOrderItem
{
    /// <summary>The line's code (<c>subOrderCode</c>), quoted back when shipping.</summary>
    public string? SubOrderCode { get; init; }

    /// <summary>The platform's goods id (<c>scItemId</c>).</summary>
    public string? ScItemId { get; init; }

    /// <summary>The supplier's own item code (<c>outerId</c>).</summary>
    public string? OuterId { get; init; }

    /// <summary>The barcode (<c>barCode</c>).</summary>
    public string? BarCode { get; init; }

    /// <summary>The quantity (<c>quantity</c>).</summary>
    public int Quantity { get; init; }

    /// <summary>The goods name (<c>scItemName</c>).</summary>
    public string? ScItemName { get; init; }

    /// <summary>The line amount in fen (<c>itemAmount</c>).</summary>
    public long? ItemAmountFen { get; init; }

    /// <summary>The consumer's trade order id (<c>tradeOrerId</c>, spelled so by the platform).</summary>
    public string? TradeOrderId { get; init; }

    /// <summary>The consumer's sub trade order id (<c>subTradeOrderId</c>).</summary>
    public string? SubTradeOrderId { get; init; }

    /// <summary>Every field of the line as sent.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>A fulfilment order to ship (<c>qimen.alibaba.ascp.uop.consignorder.notify</c>; RTGD-01).</summary>
public sealed class ConsignOrderNotify : TmallGlobalDirectPushMessage
{
    /// <summary><c>bizType</c> as sent.</summary>
    public string? BizType { get; init; }

    /// <summary><c>orderSource</c> as sent (<c>201</c> = Taobao).</summary>
    public string? OrderSource { get; init; }

    /// <summary>The selling store's id (<c>sellerId</c>).</summary>
    public string? SellerId { get; init; }

    /// <summary>The selling store's nick (<c>sellerNick</c>).</summary>
    public string? SellerNick { get; init; }

    /// <summary>When the order was created (<c>orderCreateTime</c>, GMT+8), when sent and readable.</summary>
    public DateTimeOffset? OrderCreateTime { get; init; }

    /// <summary>The freight in fen (<c>postFee</c>).</summary>
    public long? PostFeeFen { get; init; }

    /// <summary>The goods value in fen (<c>itemsValue</c>).</summary>
    public long? ItemsValueFen { get; init; }

    /// <summary>The warehouse code (<c>storeCode</c>).</summary>
    public string? StoreCode { get; init; }

    /// <summary>The consignee (<c>receiverInfo</c>).</summary>
    public TmallGlobalDirectAddress? Receiver { get; init; }

    /// <summary>The lines (<c>orderItems/orderItem</c>); at least one.</summary>
    public IReadOnlyList<ConsignOrderItem> Items { get; init; } = [];
}

/// <summary>An intercept instruction for an order not yet shipped (<c>qimen.alibaba.ascp.uop.consignorder.cancel</c>; RTGD-08).</summary>
public sealed class ConsignOrderCancel : TmallGlobalDirectPushMessage
{
    /// <summary>When the platform issued it (<c>bizTime</c>, GMT+8), when sent and readable.</summary>
    public DateTimeOffset? BizTime { get; init; }

    /// <summary><c>refundStatus</c> as sent: <c>1</c> the consumer asked to cancel, <c>9</c> asked and the refund was agreed.</summary>
    public string? RefundStatus { get; init; }
}

/// <summary>One line of a return order.</summary>
public sealed class ReverseOrderItem
{
    /// <summary>The line's code (<c>subOrderCode</c>).</summary>
    public string? SubOrderCode { get; init; }

    /// <summary>The platform's goods id (<c>scItemId</c>).</summary>
    public string? ScItemId { get; init; }

    /// <summary>The supplier's own item code (<c>outerId</c>).</summary>
    public string? OuterId { get; init; }

    /// <summary>The barcode (<c>barCode</c>).</summary>
    public string? BarCode { get; init; }

    /// <summary>The goods name (<c>scItemName</c>).</summary>
    public string? ScItemName { get; init; }

    /// <summary>The refund id (<c>refundId</c>).</summary>
    public string? RefundId { get; init; }

    /// <summary>The quantity expected back (<c>planReturnQuantity</c>); the inbound report must cover all of it (RTGD-05).</summary>
    public int PlanReturnQuantity { get; init; }

    /// <summary>The ERP's order line (<c>erpOrderLine</c>).</summary>
    public string? ErpOrderLine { get; init; }

    /// <summary>Why the consumer returns it (<c>refundReason</c>).</summary>
    public string? RefundReason { get; init; }

    /// <summary>Every field of the line as sent.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>A return order to take in (<c>qimen.alibaba.ascp.uop.reverseorder.instorage.notify</c>; RTGD-05).</summary>
public sealed class ReverseOrderInStorageNotify : TmallGlobalDirectPushMessage
{
    /// <summary>The original (forward) fulfilment order (<c>forwardOrderCode</c>).</summary>
    public string? ForwardOrderCode { get; init; }

    /// <summary>The platform's idempotency id (<c>outBizId</c>).</summary>
    public string? OutBizId { get; init; }

    /// <summary>The return carrier's code (<c>tmsServiceCode</c>).</summary>
    public string? TmsServiceCode { get; init; }

    /// <summary>The return waybill number (<c>tmsOrderCode</c>).</summary>
    public string? TmsOrderCode { get; init; }

    /// <summary>The warehouse code (<c>storeCode</c>).</summary>
    public string? StoreCode { get; init; }

    /// <summary>The merchant's receiving address (<c>receiverInfo</c>).</summary>
    public TmallGlobalDirectAddress? Receiver { get; init; }

    /// <summary>The consumer sending the goods back (<c>senderInfo</c>).</summary>
    public TmallGlobalDirectAddress? Sender { get; init; }

    /// <summary>The lines (<c>orderItems/orderItem</c>); at least one.</summary>
    public IReadOnlyList<ReverseOrderItem> Items { get; init; } = [];
}
