namespace PlatformSdk.Alibaba1688.Models.Orders;

/// <summary>A 1688 order (doc §6 TradeInfo). A paid pre-order is an ordinary order (R1688-17).</summary>
public sealed record Alibaba1688Order
{
    /// <summary>The order id (<c>idOfStr</c>, else <c>id</c>).</summary>
    public required long OrderId { get; init; }

    /// <summary>The status.</summary>
    public required Alibaba1688OrderStatus Status { get; init; }

    /// <summary>The raw status text as 1688 sent it.</summary>
    public string? StatusText { get; init; }

    /// <summary>When the order was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it was paid.</summary>
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>When every item was shipped (<c>allDeliveredTime</c>).</summary>
    public DateTimeOffset? AllDeliveredAt { get; init; }

    /// <summary>When the buyer confirmed receipt (<c>receivingTime</c>).</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The total in yuan (<c>totalAmount</c> = Σ item amounts + shipping fee).</summary>
    public decimal? TotalAmount { get; init; }

    /// <summary>The shipping fee in yuan.</summary>
    public decimal? ShippingFee { get; init; }

    /// <summary>The goods total in yuan (<c>sumProductPayment</c>).</summary>
    public decimal? ProductAmount { get; init; }

    /// <summary>The discount in yuan (1688 sends it in fen).</summary>
    public decimal? Discount { get; init; }

    /// <summary>The pre-order id (预订单) the order came from, if any.</summary>
    public string? PreOrderId { get; init; }

    /// <summary>The caller's id sent at creation (<c>outOrderId</c>).</summary>
    public string? OutOrderId { get; init; }

    /// <summary>The refund status, if any.</summary>
    public string? RefundStatus { get; init; }

    /// <summary>The market name given when the pre-order was created (<c>orderBizInfo.preOrderInfo.marketName</c>).</summary>
    public string? PreOrderMarketName { get; init; }

    /// <summary>The items (sub-orders).</summary>
    public IReadOnlyList<Alibaba1688OrderItem> Items { get; init; } = [];

    /// <summary>The shipments.</summary>
    public IReadOnlyList<Alibaba1688Shipment> Shipments { get; init; } = [];

    /// <summary>
    /// When the seller expects the money (R1688-20): the buyer's confirmation, or 10 days after everything shipped;
    /// <see langword="null"/> before shipping.
    /// </summary>
    public DateTimeOffset? ExpectedSettlementAt
        => AllDeliveredAt is { } shipped ? PreOrders.Alibaba1688PreOrderRules.ExpectedSettlement(shipped, ReceivedAt) : null;
}

/// <summary>One item (sub-order) of an order.</summary>
public sealed record Alibaba1688OrderItem
{
    /// <summary>The sub-order id (<c>subItemIDString</c>, else <c>subItemID</c>); ship by it.</summary>
    public required long SubItemId { get; init; }

    /// <summary>The offer id.</summary>
    public long? ProductId { get; init; }

    /// <summary>The SKU id.</summary>
    public long? SkuId { get; init; }

    /// <summary>The spec id.</summary>
    public string? SpecId { get; init; }

    /// <summary>The title.</summary>
    public string? Name { get; init; }

    /// <summary>The SKU cargo number.</summary>
    public string? CargoNumber { get; init; }

    /// <summary>The product cargo number.</summary>
    public string? ProductCargoNumber { get; init; }

    /// <summary>The quantity.</summary>
    public decimal Quantity { get; init; }

    /// <summary>The unit price in yuan.</summary>
    public decimal? Price { get; init; }

    /// <summary>The line amount in yuan.</summary>
    public decimal? ItemAmount { get; init; }

    /// <summary>1 not shipped, 2 shipped, 3 received, 4 returned, 5 partly shipped, 8 no logistics order.</summary>
    public int? LogisticsStatus { get; init; }
}

/// <summary>One shipment of an order (<c>nativeLogistics.logisticsItems[]</c>).</summary>
/// <param name="CarrierCode">The carrier's <c>companyNo</c>.</param>
/// <param name="TrackingNumber">The waybill number.</param>
/// <param name="SubItemIds">The sub-orders it carries.</param>
public sealed record Alibaba1688Shipment(string? CarrierCode, string? TrackingNumber, IReadOnlyList<string> SubItemIds);

/// <summary>An order status (doc §6). Values 1688 adds later map to <see cref="Unknown"/> with the raw text kept.</summary>
public enum Alibaba1688OrderStatus
{
    /// <summary>A status the SDK does not know; see <see cref="Alibaba1688Order.StatusText"/>.</summary>
    Unknown = 0,

    /// <summary><c>waitbuyerpay</c>.</summary>
    WaitBuyerPay,

    /// <summary><c>waitsellersend</c>.</summary>
    WaitSellerSend,

    /// <summary><c>waitlogisticstakein</c>.</summary>
    WaitLogisticsTakeIn,

    /// <summary><c>waitbuyerreceive</c>.</summary>
    WaitBuyerReceive,

    /// <summary><c>waitbuyersign</c>.</summary>
    WaitBuyerSign,

    /// <summary><c>signinsuccess</c>.</summary>
    SignInSuccess,

    /// <summary><c>confirm_goods</c>.</summary>
    ConfirmGoods,

    /// <summary><c>success</c>.</summary>
    Success,

    /// <summary><c>cancel</c>.</summary>
    Cancel,

    /// <summary><c>terminated</c>.</summary>
    Terminated,
}
