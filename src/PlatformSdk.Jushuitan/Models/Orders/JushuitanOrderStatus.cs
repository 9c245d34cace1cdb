namespace PlatformSdk.Jushuitan.Models.Orders;

/// <summary>
/// An ERP order status as returned by the order query (doc §8). Unknown values are kept as they are and never
/// fail parsing (<see cref="IsKnown"/> is then false).
/// </summary>
/// <param name="Value">The raw value, for example <c>WaitConfirm</c>.</param>
public readonly record struct JushuitanOrderStatus(string Value)
{
    /// <summary>Awaiting payment.</summary>
    public static JushuitanOrderStatus WaitPay => new("WaitPay");

    /// <summary>Being shipped.</summary>
    public static JushuitanOrderStatus Delivering => new("Delivering");

    /// <summary>Merged into another order.</summary>
    public static JushuitanOrderStatus Merged => new("Merged");

    /// <summary>Exception (异常); filter by <c>question_desc</c> (RJST-10).</summary>
    public static JushuitanOrderStatus Question => new("Question");

    /// <summary>Split into several orders.</summary>
    public static JushuitanOrderStatus Split => new("Split");

    /// <summary>Waiting for the supplier or external warehouse to ship.</summary>
    public static JushuitanOrderStatus WaitOuterSent => new("WaitOuterSent");

    /// <summary>Paid, awaiting review (RJST-17).</summary>
    public static JushuitanOrderStatus WaitConfirm => new("WaitConfirm");

    /// <summary>Awaiting finance review.</summary>
    public static JushuitanOrderStatus WaitFConfirm => new("WaitFConfirm");

    /// <summary>Shipped.</summary>
    public static JushuitanOrderStatus Sent => new("Sent");

    /// <summary>Cancelled.</summary>
    public static JushuitanOrderStatus Cancelled => new("Cancelled");

    private static readonly string[] Known = ["WaitPay", "Delivering", "Merged", "Question", "Split", "WaitOuterSent", "WaitConfirm", "WaitFConfirm", "Sent", "Cancelled"];

    /// <summary>True when the value is one of the documented statuses.</summary>
    public bool IsKnown => Value is not null && Array.IndexOf(Known, Value) >= 0;

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>The platform-side status sent with an uploaded order (<c>shop_status</c>, doc §6).</summary>
public enum JushuitanShopStatus
{
    /// <summary><c>WAIT_BUYER_PAY</c>: awaiting payment; must not carry a pay node.</summary>
    WaitBuyerPay,

    /// <summary><c>WAIT_SELLER_SEND_GOODS</c>: paid; needs a pay node whose amount matches (RJST-15, RJST-17).</summary>
    WaitSellerSendGoods,

    /// <summary><c>WAIT_BUYER_CONFIRM_GOODS</c>: shipped, awaiting receipt.</summary>
    WaitBuyerConfirmGoods,

    /// <summary><c>TRADE_FINISHED</c>: trade succeeded.</summary>
    TradeFinished,

    /// <summary><c>TRADE_CLOSED</c>: closed after payment.</summary>
    TradeClosed,

    /// <summary><c>TRADE_CLOSED_BY_TAOBAO</c>: closed before payment.</summary>
    TradeClosedByTaobao,
}

/// <summary>A line's refund status on upload. Any value turns the order into an exception in the ERP; <see cref="Success"/> on every line cancels it.</summary>
public enum JushuitanRefundStatus
{
    /// <summary><c>waiting</c>.</summary>
    Waiting,

    /// <summary><c>success</c>.</summary>
    Success,

    /// <summary><c>closed</c>.</summary>
    Closed,
}

/// <summary>Which date the order query's time window applies to (<c>date_type</c>).</summary>
public enum JushuitanOrderDateType
{
    /// <summary>Last modified (0, the default).</summary>
    Modified = 0,

    /// <summary>Order date (2).</summary>
    OrderDate = 2,

    /// <summary>Send date (3).</summary>
    SendDate = 3,
}

internal static class JushuitanShopStatusWire
{
    public static string ToWire(this JushuitanShopStatus status) => status switch
    {
        JushuitanShopStatus.WaitBuyerPay => "WAIT_BUYER_PAY",
        JushuitanShopStatus.WaitSellerSendGoods => "WAIT_SELLER_SEND_GOODS",
        JushuitanShopStatus.WaitBuyerConfirmGoods => "WAIT_BUYER_CONFIRM_GOODS",
        JushuitanShopStatus.TradeFinished => "TRADE_FINISHED",
        JushuitanShopStatus.TradeClosed => "TRADE_CLOSED",
        JushuitanShopStatus.TradeClosedByTaobao => "TRADE_CLOSED_BY_TAOBAO",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown shop status."),
    };

    /// <summary>Statuses that mean the buyer has paid, so the order needs a pay node (RJST-15, RJST-17, RJST-19).</summary>
    public static bool IsPaid(this JushuitanShopStatus status)
        => status is JushuitanShopStatus.WaitSellerSendGoods or JushuitanShopStatus.WaitBuyerConfirmGoods
            or JushuitanShopStatus.TradeFinished or JushuitanShopStatus.TradeClosed;

    public static string ToWire(this JushuitanRefundStatus status) => status switch
    {
        JushuitanRefundStatus.Waiting => "waiting",
        JushuitanRefundStatus.Success => "success",
        JushuitanRefundStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown refund status."),
    };
}
