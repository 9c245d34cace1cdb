namespace PlatformSdk.Jushuitan.Models.Orders;

/// <summary>An order as the ERP holds it (order query, doc §5).</summary>
public sealed record JushuitanOrder
{
    /// <summary>The ERP's internal order id (<c>o_id</c>), unique.</summary>
    public long OId { get; init; }

    /// <summary>The online order number (<c>so_id</c>).</summary>
    public string? SoId { get; init; }

    /// <summary>The shop id.</summary>
    public long? ShopId { get; init; }

    /// <summary>The company id.</summary>
    public long? CompanyId { get; init; }

    /// <summary>The shop name.</summary>
    public string? ShopName { get; init; }

    /// <summary>The ERP status.</summary>
    public JushuitanOrderStatus Status { get; init; }

    /// <summary>The platform status as text (<c>shop_status</c>).</summary>
    public string? ShopStatus { get; init; }

    /// <summary>The exception type, for <see cref="JushuitanOrderStatus.Question"/> orders.</summary>
    public string? QuestionType { get; init; }

    /// <summary>The exception description (RJST-10).</summary>
    public string? QuestionDesc { get; init; }

    /// <summary>Order date.</summary>
    public DateTimeOffset? OrderDate { get; init; }

    /// <summary>Pay date.</summary>
    public DateTimeOffset? PayDate { get; init; }

    /// <summary>Send date.</summary>
    public DateTimeOffset? SendDate { get; init; }

    /// <summary>Last modified.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>Created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Payable amount.</summary>
    public decimal? PayAmount { get; init; }

    /// <summary>Paid amount.</summary>
    public decimal? PaidAmount { get; init; }

    /// <summary>Freight.</summary>
    public decimal? Freight { get; init; }

    /// <summary>Discount amount (<c>free_amount</c>).</summary>
    public decimal? FreeAmount { get; init; }

    /// <summary>Tracking number.</summary>
    public string? LId { get; init; }

    /// <summary>Carrier code.</summary>
    public string? LcId { get; init; }

    /// <summary>Carrier name.</summary>
    public string? LogisticsCompany { get; init; }

    /// <summary>Warehouse company id.</summary>
    public long? WmsCompanyId { get; init; }

    /// <summary>Buyer message.</summary>
    public string? BuyerMessage { get; init; }

    /// <summary>Remark.</summary>
    public string? Remark { get; init; }

    /// <summary>Labels.</summary>
    public string? Labels { get; init; }

    /// <summary>Order type.</summary>
    public string? Type { get; init; }

    /// <summary>Order source.</summary>
    public string? OrderFrom { get; init; }

    /// <summary>Cash on delivery.</summary>
    public bool? IsCod { get; init; }

    /// <summary>Row version (<c>ts</c>); incremental syncs advance by it.</summary>
    public long? Ts { get; init; }

    /// <summary>True for a merged order.</summary>
    public bool? IsMerge { get; init; }

    /// <summary>True for a split order (RJST-08).</summary>
    public bool? IsSplit { get; init; }

    /// <summary>The linked order id.</summary>
    public long? LinkOId { get; init; }

    /// <summary>The online order numbers merged into this one.</summary>
    public string? MergeSoId { get; init; }

    /// <summary>The lines.</summary>
    public IReadOnlyList<JushuitanOrderItem> Items { get; init; } = [];

    /// <summary>The payments.</summary>
    public IReadOnlyList<JushuitanOrderPay> Pays { get; init; } = [];
}

/// <summary>A line of a queried order.</summary>
public sealed record JushuitanOrderItem
{
    /// <summary>Line id (<c>oi_id</c>).</summary>
    public long? OiId { get; init; }

    /// <summary>SKU code.</summary>
    public string? SkuId { get; init; }

    /// <summary>Product code.</summary>
    public string? IId { get; init; }

    /// <summary>Platform SKU id.</summary>
    public string? ShopSkuId { get; init; }

    /// <summary>Name.</summary>
    public string? Name { get; init; }

    /// <summary>Properties text.</summary>
    public string? PropertiesValue { get; init; }

    /// <summary>Quantity.</summary>
    public int? Qty { get; init; }

    /// <summary>Unit price.</summary>
    public decimal? Price { get; init; }

    /// <summary>List price.</summary>
    public decimal? BasePrice { get; init; }

    /// <summary>Line amount.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Platform line id.</summary>
    public string? OuterOiId { get; init; }

    /// <summary>The original online order number (after merges).</summary>
    public string? RawSoId { get; init; }

    /// <summary>Refund status.</summary>
    public string? RefundStatus { get; init; }

    /// <summary>Refund id.</summary>
    public string? RefundId { get; init; }

    /// <summary>Item status (<c>None</c>, <c>WaitDeliver</c>, …).</summary>
    public string? ItemStatus { get; init; }

    /// <summary>Gift flag as the ERP reports it.</summary>
    public bool? IsGift { get; init; }

    /// <summary>Pre-sale flag (RJST-11).</summary>
    public bool? IsPresale { get; init; }

    /// <summary>SKU type.</summary>
    public string? SkuType { get; init; }
}

/// <summary>A payment of a queried order.</summary>
public sealed record JushuitanOrderPay
{
    /// <summary>Pay id.</summary>
    public string? PayId { get; init; }

    /// <summary>Platform payment id.</summary>
    public string? OuterPayId { get; init; }

    /// <summary>Amount.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Pay date.</summary>
    public DateTimeOffset? PayDate { get; init; }

    /// <summary>Payment method.</summary>
    public string? Payment { get; init; }

    /// <summary>Buyer account.</summary>
    public string? BuyerAccount { get; init; }

    /// <summary>Status.</summary>
    public string? Status { get; init; }

    /// <summary>True for the order's own payment.</summary>
    public bool? IsOrderPay { get; init; }
}

/// <summary>
/// Which orders to query. Give a time window, <see cref="SoIds"/> or <see cref="OIds"/> (at least one).
/// </summary>
/// <remarks>
/// A query by time returns orders in every status except those of Taobao-family shops, which need the Qimen protocol
/// (RJST-16; see <see cref="JushuitanPlatforms.RequiresQimen"/>). Windows longer than 7 days are split into 7-day slices.
/// </remarks>
public sealed record JushuitanOrderQuery
{
    /// <summary>Only this shop.</summary>
    public long? ShopId { get; init; }

    /// <summary>Online order numbers; sent 20 per call.</summary>
    public IReadOnlyList<string>? SoIds { get; init; }

    /// <summary>ERP order ids.</summary>
    public IReadOnlyList<long>? OIds { get; init; }

    /// <summary>Window start (inclusive). With <see cref="ModifiedEnd"/>; both or neither.</summary>
    public DateTimeOffset? ModifiedBegin { get; init; }

    /// <summary>Window end.</summary>
    public DateTimeOffset? ModifiedEnd { get; init; }

    /// <summary>Which date the window applies to. Default modified.</summary>
    public JushuitanOrderDateType DateType { get; init; } = JushuitanOrderDateType.Modified;

    /// <summary>Only this ERP status, for example <see cref="JushuitanOrderStatus.Question"/> (RJST-10).</summary>
    public JushuitanOrderStatus? Status { get; init; }

    /// <summary>
    /// Client-side filter: keep only orders whose <c>question_desc</c> contains this text, for example <c>缺货</c>
    /// (out of stock; RJST-10: query status Question, then filter by question_desc).
    /// </summary>
    public string? QuestionDescContains { get; init; }
}
